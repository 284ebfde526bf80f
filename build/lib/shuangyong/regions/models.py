from typing import ClassVar

from django.db import models

from shuangyong.audit.mixins import AuditedModel, AuditedQuerySet
from shuangyong.regions.codes import Level, short_code, subtree_bounds


class RegionQuerySet(AuditedQuerySet):
    def subtree(self, code: str):
        low, high = subtree_bounds(code)
        return self.filter(code__gte=low, code__lte=high)


class Region(AuditedModel):
    # The code is the primary key, so every table's region foreign key holds the code itself and a subtree
    # filter on it is a range over that column: no join, no recursive query.
    code = models.CharField("区划代码", max_length=12, primary_key=True)
    name = models.CharField("名称", max_length=100)
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    objects: ClassVar = RegionQuerySet.as_manager()  # django-stubs: a redeclared manager

    # read by accounts.scope: a region is placed by its own code; its ancestors are readable below it
    scope_region_field = "code"
    scope_read_ancestors = True

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def short_code(self) -> str:
        return short_code(self.code)

    def subtree(self):
        return Region.objects.subtree(self.code)

    def ancestors(self) -> list["Region"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def full_name(self) -> str:
        return "".join(r.name for r in [*self.ancestors(), self] if r.level >= Level.COUNTY)


def subtree_q(field: str, code: str) -> models.Q:
    """Q for records whose `field` (a Region foreign key) lies in the subtree of `code`."""
    low, high = subtree_bounds(code)
    return models.Q(**{f"{field}__gte": low, f"{field}__lte": high})


class RegionSetting(AuditedModel):
    """A local rule as data: a value for a region (and everything below it) from a date on.

    Counties differ (年度确认 deadline, payment frequency ...), and rules change by year: the value in force
    for a place on a day is the newest row at that place or its nearest ancestor.
    """

    region = models.ForeignKey(Region, verbose_name="区划", on_delete=models.PROTECT, related_name="settings")
    key = models.CharField("设置项", max_length=60)
    value = models.JSONField("取值")
    valid_from = models.DateField("生效日期")
    note = models.CharField("说明", max_length=200, blank=True)

    scope_region_field = "region"

    class Meta:
        verbose_name = "地方设置"
        verbose_name_plural = "地方设置"
        ordering = ["key", "region", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["region", "key", "valid_from"], name="region_setting_unique_from"),
        ]

    def __str__(self):
        return f"{self.region.name} {self.key}={self.value}（{self.valid_from} 起）"
