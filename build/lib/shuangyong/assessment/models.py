from django.db import models

from shuangyong.audit.mixins import AuditedModel
from shuangyong.figures.fields import FigureKeyField


class Comparator(models.TextChoices):
    AT_LEAST = "ge", "≥"
    AT_MOST = "le", "≤"
    EXACTLY = "eq", "="


# units first (by code), then towns, the same on SQLite and PostgreSQL (whose NULLs would otherwise sort last)
LIST_ORDER = (models.F("unit__code").asc(nulls_last=True), "region_id", "measure")


class Target(AuditedModel):
    """A yearly 考核目标 for a member unit or a town: a catalogue figure compared with a threshold.

    Progress is never stored: it is the figure computed over the records for the assignee's scope.
    """

    year = models.PositiveSmallIntegerField("年度", db_index=True)
    issuer = models.ForeignKey("regions.Region", verbose_name="下达区划", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "units.Unit", verbose_name="责任单位", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # the assigned town, or the unit's own region (so a town's staff see the targets of units in their town)
    region = models.ForeignKey("regions.Region", verbose_name="责任区划", on_delete=models.PROTECT, related_name="+")
    measure = FigureKeyField("考核指标", help_text="统计指标目录中的指标代码")
    comparator = models.CharField("比较", max_length=2, choices=Comparator.choices, default=Comparator.AT_LEAST)
    threshold = models.DecimalField("目标值", max_digits=14, decimal_places=2)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2, null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    scope_region_field = "region"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "考核目标"
        verbose_name_plural = "考核目标"
        ordering = ["year", "region_id", "unit_id", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit", "measure"],
                condition=models.Q(unit__isnull=False),
                name="target_once_per_unit",
                violation_error_message="该单位本年度已有此项目标",
            ),
            models.UniqueConstraint(
                fields=["year", "region", "measure"],
                condition=models.Q(unit__isnull=True),
                name="target_once_per_region",
                violation_error_message="该区划本年度已有此项目标",
            ),
            models.CheckConstraint(
                condition=models.Q(threshold__gte=0),
                name="target_threshold_not_negative",
                violation_error_message="目标值不能为负数",
            ),
        ]

    def __str__(self):
        return f"{self.year}年 {self.assignee_name} {self.measure}"

    @property
    def assignee_name(self) -> str:
        return self.unit.name if self.unit else self.region.name if self.region else ""


class PlanItem(AuditedModel):
    """One piece of next year's 工作计划 of a region (the county's or a town's): what, in which area of work, led by
    which unit, done by when, and the figure or target it moves. The yearly summary's plan section names them."""

    region = models.ForeignKey("regions.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("计划年度")
    title = models.CharField("事项", max_length=200)
    section = models.CharField("工作领域", max_length=20, blank=True, help_text="总结章节，如 support（拥军优属）")
    lead_unit = models.ForeignKey(
        "units.Unit", verbose_name="牵头单位", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due = models.DateField("完成时限（月）", null=True, blank=True, help_text="该月1日表示该月底前")
    measure = FigureKeyField("关联指标", blank=True, help_text="统计指标目录中的指标代码")
    target = models.ForeignKey(
        Target, verbose_name="关联考核目标", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # where the item came from: "" (entered or imported) or the problem it answers ("proposal:<key>"), so that a
    # proposal taken twice is one item
    source = models.CharField("来源", max_length=120, blank=True)

    scope_region_field = "region"
    scope_unit_field = "lead_unit"

    class Meta:
        verbose_name = "工作计划事项"
        verbose_name_plural = "工作计划事项"
        ordering = ["year", "region_id", "due", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "title"],
                name="plan_item_once",
                violation_error_message="本区划该年度已有同名计划事项",
            ),
        ]

    def __str__(self):
        return f"{self.year}年 {self.title}"
