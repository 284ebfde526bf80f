"""优待服务与关爱: the work real summaries report that had no home — 军人军属 优待 services (优先就医、优先乘车、
免费游览、优待证), 随军家属就业 and 军人子女入学入托, other 优抚 help (医疗补助、取暖费、低保、五保), 烈士纪念设施 and
their 祭扫, 军转干部安置 (CareRecord, by a data-defined CareKind), and 双拥经费 by purpose (Fund)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from shuangyong.audit.mixins import AuditedModel
from shuangyong.codetables import CodeTable

MEMORIAL_VISIT = "memorial_visit"  # the kind whose records name a MemorialSite (烈士纪念设施祭扫)


class CareKind(CodeTable):
    """优待服务类别: `section` is the summary section it reports under, `unit` what its count is printed in;
    a case kind (`is_case`: 随军家属就业, 入学入托, 军转干部) names the person helped and the outcome."""

    section = models.CharField("总结章节", max_length=20)
    unit = models.CharField("计量单位", max_length=10)
    figure_label = models.CharField("统计名称", max_length=40)
    takes_money = models.BooleanField("登记金额", default=False)
    is_case = models.BooleanField("逐人登记（姓名、结果）", default=False)
    person_noun = models.CharField(
        "对象称谓", max_length=10, blank=True, help_text="如：随军家属（总结中写作“随军家属某某”）"
    )

    class Meta(CodeTable.Meta):
        verbose_name = "优待服务类别"
        verbose_name_plural = "优待服务类别"


class SiteLevel(models.TextChoices):
    NATIONAL = "national", "全国重点"
    PROVINCIAL = "provincial", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    OTHER = "other", "零散"


class MemorialSite(AuditedModel):
    """烈士纪念设施 (陵园、纪念碑、纪念馆、零散烈士墓)."""

    name = models.CharField("名称", max_length=100)
    level = models.CharField("保护级别", max_length=12, choices=SiteLevel.choices, default=SiteLevel.COUNTY)
    region = models.ForeignKey("regions.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="+")
    keeper = models.ForeignKey(
        "units.Unit", verbose_name="管护单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    graves = models.PositiveIntegerField("安葬/纪念烈士（人）", default=0)
    note = models.CharField("备注", max_length=300, blank=True)

    scope_region_field = "region"
    scope_unit_field = "keeper"

    class Meta:
        verbose_name = "烈士纪念设施"
        verbose_name_plural = "烈士纪念设施"
        ordering = ["region", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="memorial_site_once_per_region")]

    def __str__(self):
        return self.name


class CareRecord(AuditedModel):
    """One dated piece of such work: how many were served (人次, 张, 户, 人), the money where the kind takes it, and
    for a case the person helped and the outcome."""

    kind = models.ForeignKey(CareKind, verbose_name="类别", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("日期")
    region = models.ForeignKey(
        "regions.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    provider = models.ForeignKey(
        "units.Unit",
        verbose_name="提供/承办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="care_records",
    )
    count = models.PositiveIntegerField("数量", default=1)
    money_fen = models.BigIntegerField("金额（分）", default=0)
    beneficiary = models.CharField("对象", max_length=100, blank=True, help_text="如：军属 张某某；某部官兵")
    place = models.CharField("去向/地点", max_length=100, blank=True, help_text="如：就业单位、学校、景区")
    site = models.ForeignKey(
        MemorialSite, verbose_name="纪念设施", null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    outcome = models.CharField("办理结果", max_length=200, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    scope_region_field = "region"
    scope_unit_field = "provider"

    class Meta:
        verbose_name = "优待服务记录"
        verbose_name_plural = "优待服务记录"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["region", "date"], name="care_region_date")]
        constraints = [models.CheckConstraint(condition=models.Q(money_fen__gte=0), name="care_money_not_negative")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.kind.name} {self.count}{self.kind.unit}"


class FundPurpose(CodeTable):
    class Meta(CodeTable.Meta):
        verbose_name = "双拥经费用途"
        verbose_name_plural = "双拥经费用途"


class Fund(AuditedModel):
    """双拥经费 of one region, year and purpose: the budget and what was spent."""

    region = models.ForeignKey("regions.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    purpose = models.ForeignKey(FundPurpose, verbose_name="用途", on_delete=models.PROTECT, related_name="+")
    budget_fen = models.BigIntegerField("预算（分）", default=0)
    spent_fen = models.BigIntegerField("支出（分）", default=0)
    source = models.CharField("依据", max_length=200, blank=True, help_text="如：县财政预算文号")

    scope_region_field = "region"

    class Meta:
        verbose_name = "双拥经费"
        verbose_name_plural = "双拥经费"
        ordering = ["-year", "region", "purpose__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "purpose"], name="fund_once_per_purpose"),
            models.CheckConstraint(
                condition=models.Q(budget_fen__gte=0, spent_fen__gte=0), name="fund_money_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.year}年 {self.purpose.name}"
