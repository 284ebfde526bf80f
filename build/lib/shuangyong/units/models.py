from django.db import models

from shuangyong.audit.mixins import AuditedModel


class UnitKind(models.TextChoices):
    MEMBER = "member", "成员单位"
    GARRISON = "garrison", "驻军单位"
    PARTNER = "partner", "共建单位"


class GarrisonBranch(models.TextChoices):
    ARMY = "army", "陆军"
    NAVY = "navy", "海军"
    AIR_FORCE = "air_force", "空军"
    ROCKET_FORCE = "rocket_force", "火箭军"
    LOGISTICS = "logistics", "联勤保障部队"
    ARMED_POLICE = "armed_police", "武警"
    FIRE_RESCUE = "fire_rescue", "消防救援"
    PAFD = "pafd", "人武部"
    RESERVE = "reserve", "预备役"
    MILITIA = "militia", "民兵"
    OTHER = "other", "其他"


class PartnerKind(models.TextChoices):
    SCHOOL = "school", "学校"
    COMPANY = "company", "企业"
    COMMUNITY = "community", "社区"
    VILLAGE = "village", "村"
    OFFICE = "office", "机关"
    HOSPITAL = "hospital", "医院"
    OTHER = "other", "其他"


class Unit(AuditedModel):
    """A 成员单位 (bureau), a 驻军 unit, or a partner organisation, placed in a region."""

    code = models.CharField("单位代码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=120)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField("类别", max_length=16, choices=UnitKind.choices, db_index=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="units"
    )
    garrison_branch = models.CharField("军兵种", max_length=16, choices=GarrisonBranch.choices, blank=True)
    designation = models.CharField("部队番号", max_length=60, blank=True)
    partner_kind = models.CharField("组织类型", max_length=16, choices=PartnerKind.choices, blank=True)
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    is_active = models.BooleanField("有效", default=True)

    # read by accounts.scope: which field places a record, and whether units at an ancestor region
    # (county-wide bureaus and garrisons) are visible to users of a town or village below it
    scope_region_field = "region"
    scope_unit_field = "pk"
    scope_read_ancestors = True

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["kind", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="garrison") | models.Q(garrison_branch=""),
                name="unit_branch_only_garrison",
                violation_error_message="只有驻军单位可以填写军兵种",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def shown_name(self) -> str:
        """简称 where the office gave one (县文广局), else the full name: how lists of who is responsible name it."""
        return self.short_name or self.name
