from datetime import date
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from shuangyong.audit.mixins import AuditedModel, AuditedQuerySet
from shuangyong.registry.choices import DisabilityNature, Hukou
from shuangyong.resettlement.choices import Award, DeadlineCode, EmploymentStatus, SoldierKind

KIND_FIELDS = {
    SoldierKind.CONSCRIPT: "for_conscript",
    SoldierKind.NCO: "for_nco",
    SoldierKind.OFFICER: "for_officer",
}


class Method(AuditedModel):
    """安置方式 (安置条例 §5): a code table shipped as data (data/methods.csv), with the kinds it is open to."""

    code = models.CharField("代码", max_length=20, primary_key=True)
    name = models.CharField("安置方式", max_length=20, unique=True)
    for_conscript = models.BooleanField("适用于义务兵", default=False)
    for_nco = models.BooleanField("适用于军士", default=False)
    for_officer = models.BooleanField("适用于军官", default=False)
    needs_placement = models.BooleanField("须安排单位并上岗", default=False)
    basis = models.CharField("依据", max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "安置方式"
        verbose_name_plural = "安置方式"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    def allows(self, kind: str) -> bool:
        return bool(getattr(self, KIND_FIELDS[SoldierKind(kind)]))

    def kinds_label(self) -> str:
        return "、".join(kind.label for kind, field in KIND_FIELDS.items() if getattr(self, field))


class Deadline(AuditedModel):
    """办理时限 in days (报到 30 days after arrival, 上岗 30 days after assignment), as data."""

    code = models.CharField("时限", max_length=20, primary_key=True, choices=DeadlineCode.choices)
    days = models.PositiveSmallIntegerField("天数")
    basis = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = "办理时限"
        verbose_name_plural = "办理时限"

    def __str__(self):
        return f"{self.get_code_display()} {self.days} 天"


class GrantStandard(AuditedModel):
    """一次性经济补助标准 of a province or county: base + amount per year of service, by method and kind.

    The row of the nearest region wins, then a row for the soldier's kind over one for any kind, then the latest
    effective date not after the arrival date.
    """

    region = models.ForeignKey("regions.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    method = models.ForeignKey(Method, verbose_name="安置方式", on_delete=models.PROTECT, related_name="+")
    soldier_kind = models.CharField(
        "退役类别", max_length=10, choices=SoldierKind.choices, blank=True, help_text="空 = 各类别通用"
    )
    valid_from = models.DateField("生效日期")
    base_fen = models.BigIntegerField("基础金额（分）", default=0)
    per_year_fen = models.BigIntegerField("每服役年金额（分）", default=0)
    note = models.CharField("说明", max_length=200, blank=True)

    scope_region_field = "region"
    scope_read_ancestors = True

    class Meta:
        verbose_name = "一次性经济补助标准"
        verbose_name_plural = "一次性经济补助标准"
        ordering = ["region", "method", "soldier_kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "method", "soldier_kind", "valid_from"], name="grant_standard_unique"
            ),
            models.CheckConstraint(
                condition=Q(base_fen__gte=0, per_year_fen__gte=0), name="grant_standard_not_negative"
            ),
        ]

    def __str__(self):
        kind = self.get_soldier_kind_display() or "各类别"
        return f"{self.method.name}·{kind}（{self.valid_from:%Y-%m-%d} 起）"


class ArrivalQuerySet(AuditedQuerySet):
    def placed(self):
        """已安置: the method is decided and, for 安排工作, the veteran took up the post; else has reported."""
        return self.filter(
            Q(method__needs_placement=True, placed_on__isnull=False)
            | Q(method__needs_placement=False, reported_on__isnull=False)
        )

    def late_reporting(self, today: date):
        """报到逾期 (§51): reported after the deadline, or not reported and the deadline has passed."""
        return self.filter(Q(reported_on__gt=F("report_due")) | Q(reported_on__isnull=True, report_due__lt=today))

    def overdue_placement(self, today: date):
        """上岗逾期: assigned to an employer and not placed within the deadline (or placed after it)."""
        return self.filter(assigned_on__isnull=False).filter(
            Q(placed_on__gt=F("placement_due")) | Q(placed_on__isnull=True, placement_due__lt=today)
        )

    def in_year(self, year: int):
        return self.filter(arrival_date__gte=date(year, 1, 1), arrival_date__lte=date(year, 12, 31))


class Arrival(AuditedModel):
    """One returning soldier on the year's 退役士兵花名册, with the steps of their resettlement."""

    person = models.ForeignKey(
        "registry.Person", verbose_name="退役军人", on_delete=models.PROTECT, related_name="arrivals"
    )
    entitlement = models.ForeignKey(
        "registry.Entitlement",
        verbose_name="待遇资格（领取一次性款项）",
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name="安置地（乡镇/村）", on_delete=models.PROTECT, related_name="+"
    )
    soldier_kind = models.CharField("退役类别", max_length=10, choices=SoldierKind.choices)
    enlisted_on = models.DateField("入伍日期", null=True, blank=True)
    discharged_on = models.DateField("退役日期", null=True, blank=True)
    service_years = models.PositiveSmallIntegerField("服役年限（年）", null=True, blank=True)
    unit_served = models.CharField("服役部队", max_length=100, blank=True)
    highest_award = models.CharField("最高奖励", max_length=12, choices=Award.choices, blank=True)
    awards = models.CharField("立功受奖情况", max_length=200, blank=True)
    disability_grade = models.PositiveSmallIntegerField("伤残等级", null=True, blank=True)
    disability_nature = models.CharField("伤残性质", max_length=8, choices=DisabilityNature.choices, blank=True)
    hukou = models.CharField("户籍性质", max_length=8, choices=Hukou.choices, blank=True)
    arrival_date = models.DateField("到达安置地日期")
    report_due = models.DateField("应报到截止日期")
    reported_on = models.DateField("报到日期", null=True, blank=True)
    archive_received_on = models.DateField("档案接收日期", null=True, blank=True)
    method = models.ForeignKey(
        Method, verbose_name="安置方式", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    method_decided_on = models.DateField("安置方式确定日期", null=True, blank=True)
    employer = models.ForeignKey(
        "units.Unit",
        verbose_name="接收单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    employer_name = models.CharField("接收单位（名称）", max_length=120, blank=True)
    assigned_on = models.DateField("安排工作日期", null=True, blank=True)
    placement_due = models.DateField("应上岗截止日期", null=True, blank=True)
    placed_on = models.DateField("上岗日期", null=True, blank=True)
    employment_status = models.CharField(
        "就业状态", max_length=12, choices=EmploymentStatus.choices, blank=True, default=EmploymentStatus.UNKNOWN
    )
    grant = models.ForeignKey(
        "benefits.Grant",
        verbose_name="一次性经济补助",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    paid_before_system_on = models.DateField(
        "系统外已发放日期", null=True, blank=True, help_text="启用本系统前已发放一次性经济补助的，填写发放日期"
    )
    paid_before_system_fen = models.BigIntegerField("系统外已发放金额（分）", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    objects: ClassVar = ArrivalQuerySet.as_manager()  # django-stubs: a redeclared manager
    scope_region_field = "region"

    class Meta:
        verbose_name = "退役士兵"
        verbose_name_plural = "退役士兵花名册"
        ordering = ["-arrival_date", "region", "id"]
        indexes = [models.Index(fields=["region", "arrival_date"], name="arrival_region_date")]
        constraints = [
            models.UniqueConstraint(fields=["person", "arrival_date"], name="arrival_once_per_date"),
            models.CheckConstraint(
                condition=Q(disability_grade__isnull=True) | Q(disability_grade__gte=1, disability_grade__lte=10),
                name="arrival_grade_1_to_10",
                violation_error_message="伤残等级应为一级至十级",
            ),
        ]

    def __str__(self):
        return f"{self.person.name}（{self.arrival_date:%Y}年{self.get_soldier_kind_display()}）"

    @property
    def year(self) -> int:
        return self.arrival_date.year

    @property
    def employer_label(self) -> str:
        return self.employer.name if self.employer else self.employer_name

    @property
    def is_placed(self) -> bool:
        if self.method is None:
            return False
        return self.placed_on is not None if self.method.needs_placement else self.reported_on is not None

    def report_late(self, today: date) -> bool:
        return self.reported_on > self.report_due if self.reported_on else today > self.report_due

    def placement_overdue(self, today: date) -> bool:
        if self.assigned_on is None or self.placement_due is None:
            return False
        return self.placed_on > self.placement_due if self.placed_on else today > self.placement_due


class Visit(AuditedModel):
    """回访: who visited the veteran when, what they found, and the employment status seen."""

    arrival = models.ForeignKey(Arrival, verbose_name="退役士兵", on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("回访日期")
    visitor = models.CharField("回访人", max_length=60)
    employment_status = models.CharField("就业状态", max_length=12, choices=EmploymentStatus.choices)
    notes = models.CharField("回访情况", max_length=500, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    scope_region_field = "arrival__region"

    class Meta:
        verbose_name = "回访记录"
        verbose_name_plural = "回访记录"
        ordering = ["arrival", "-visited_on", "-id"]

    def __str__(self):
        return f"{self.visited_on:%Y-%m-%d} {self.visitor}"
