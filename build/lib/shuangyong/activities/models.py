"""双拥活动: activities with measured quantities, visits (慰问) to households and garrisons, 军民共建 pairs and
帮扶 cases for entitled persons. The kinds, occasions, quantity units and problem kinds are code tables loaded
from data/*.csv (editable in the admin), so a new kind of work is data, not code."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from shuangyong.audit.mixins import AuditedModel
from shuangyong.codetables import CodeTable


class ActivityKind(CodeTable):
    """活动类别 (慰问, 座谈会, 文艺演出, 抢险救灾 ...); `section` is the summary section it reports under."""

    section = models.CharField("总结章节", max_length=20)
    figure_label = models.CharField("统计名称", max_length=40)
    is_visit = models.BooleanField("慰问类（登记慰问对象）", default=False)

    class Meta(CodeTable.Meta):
        verbose_name = "活动类别"
        verbose_name_plural = "活动类别"


class Occasion(CodeTable):
    """时机/节日 (八一, 春节, 征兵 ...); `report_visits` gives it its own 慰问户数 and 慰问金额 figures."""

    report_visits = models.BooleanField("单列慰问统计", default=False)

    class Meta(CodeTable.Meta):
        verbose_name = "活动时机"
        verbose_name_plural = "活动时机"


class QuantityKind(CodeTable):
    """A measured quantity with its unit as printed (宣传材料 份, 展牌 块, 出动兵力 人次 ...)."""

    unit = models.CharField("计量单位", max_length=10)
    section = models.CharField("总结章节", max_length=20)
    figure_label = models.CharField("统计名称", max_length=40)

    class Meta(CodeTable.Meta):
        verbose_name = "计量项目"
        verbose_name_plural = "计量项目"

    def __str__(self):
        return f"{self.name}（{self.unit}）"


class ProblemKind(CodeTable):
    """帮扶事项类别 (危房改造, 医疗救助, 入学入托 ...)."""

    class Meta(CodeTable.Meta):
        verbose_name = "帮扶类别"
        verbose_name_plural = "帮扶类别"


class PairStatus(models.TextChoices):
    ACTIVE = "active", "共建中"
    ENDED = "ended", "已终止"


class Pair(AuditedModel):
    """军民共建对子: a local partner (村, 社区, 学校, 企业, 机关) and a 驻军 unit, since a date."""

    partner = models.ForeignKey(
        "units.Unit", verbose_name="地方共建单位", on_delete=models.PROTECT, related_name="pairs_as_partner"
    )
    garrison = models.ForeignKey(
        "units.Unit", verbose_name="驻军单位", on_delete=models.PROTECT, related_name="pairs_as_garrison"
    )
    # the partner's region, copied so that a town sees its pairs by a code range
    region = models.ForeignKey("regions.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="+")
    organiser = models.ForeignKey(
        "units.Unit",
        verbose_name="牵头单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pairs_led",
        help_text="负责联络的成员单位（可空）",
    )
    since = models.DateField("结对日期")
    until = models.DateField("终止日期", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=PairStatus.choices, default=PairStatus.ACTIVE)
    agreement = models.CharField("共建协议/内容", max_length=300, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)

    scope_region_field = "region"
    scope_unit_field = "organiser"

    class Meta:
        verbose_name = "军民共建对子"
        verbose_name_plural = "军民共建对子"
        ordering = ["region", "partner__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "garrison"], condition=models.Q(status="active"), name="pair_one_active"
            ),
        ]

    def __str__(self):
        return f"{self.partner.name} ↔ {self.garrison.name}"


class Activity(AuditedModel):
    """One piece of 双拥 work on one date: who organised it, with whom, what it measured and cost."""

    kind = models.ForeignKey(ActivityKind, verbose_name="活动类别", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("日期")
    occasion = models.ForeignKey(
        Occasion, verbose_name="时机", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("活动名称", max_length=200)
    organiser = models.ForeignKey(
        "units.Unit",
        verbose_name="组织单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities_organised",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    partner_units = models.ManyToManyField(
        "units.Unit", verbose_name="参与/共建单位", blank=True, related_name="activities_joined"
    )
    garrison_units = models.ManyToManyField(
        "units.Unit", verbose_name="驻军单位", blank=True, related_name="activities_with_garrison"
    )
    pair = models.ForeignKey(
        Pair, verbose_name="共建对子", null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    leaders = models.CharField("参加领导", max_length=300, blank=True, help_text="如：县委书记 张某某、县长 李某某")
    money_fen = models.BigIntegerField("金额（分）", default=0)
    narrative = models.TextField("活动情况", blank=True)
    # the idempotency key: an import row, a summary item or a form entry recorded twice is one activity
    source_key = models.CharField("来源标识", max_length=64, unique=True, null=True, blank=True)
    source = models.CharField("来源", max_length=200, blank=True, help_text="如：Excel 导入文件名、总结识读")
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
    scope_unit_field = "organiser"
    outcome = ""  # not stored: what record_activity did ("created", "updated" or "unchanged")

    class Meta:
        verbose_name = "双拥活动"
        verbose_name_plural = "双拥活动"
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["region", "date"], name="activity_region_date"),
            models.Index(fields=["organiser", "date"], name="activity_unit_date"),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(money_fen__gte=0), name="activity_money_not_negative")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"


class ActivityQuantity(AuditedModel):
    activity = models.ForeignKey(Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="quantities")
    kind = models.ForeignKey(QuantityKind, verbose_name="计量项目", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField("数量", max_digits=14, decimal_places=2)

    scope_region_field = "activity__region"
    scope_unit_field = "activity__organiser"

    class Meta:
        verbose_name = "活动计量"
        verbose_name_plural = "活动计量"
        ordering = ["kind__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "kind"], name="quantity_once_per_activity"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="quantity_not_negative"),
        ]

    def __str__(self):
        return f"{self.kind.name} {self.amount.normalize():f}{self.kind.unit}"


class VisitRecipient(AuditedModel):
    """Whom a 慰问 reached: a person of the registry (a household), a household named by hand, or a 驻军 unit."""

    activity = models.ForeignKey(Activity, verbose_name="慰问活动", on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(
        "registry.Person", verbose_name="优抚对象", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    household = models.CharField("户主/对象", max_length=80, blank=True, help_text="名册外的户，如现役军人家属")
    garrison = models.ForeignKey(
        "units.Unit", verbose_name="驻军单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    money_fen = models.BigIntegerField("慰问金（分）", default=0)
    gifts = models.CharField("慰问品", max_length=200, blank=True)
    gift_value_fen = models.BigIntegerField("慰问品折价（分）", default=0)
    note = models.CharField("备注", max_length=200, blank=True)

    scope_region_field = "activity__region"
    scope_unit_field = "activity__organiser"

    class Meta:
        verbose_name = "慰问对象"
        verbose_name_plural = "慰问对象"
        ordering = ["activity", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, garrison__isnull=True)
                    | models.Q(person__isnull=True, garrison__isnull=False, household="")
                    | models.Q(person__isnull=True, garrison__isnull=True) & ~models.Q(household="")
                ),
                name="recipient_one_target",
                violation_error_message="慰问对象须是一名优抚对象、一户或一个驻军单位",
            ),
            models.CheckConstraint(
                condition=models.Q(money_fen__gte=0, gift_value_fen__gte=0), name="recipient_money_not_negative"
            ),
            models.UniqueConstraint(
                fields=["activity", "person"], condition=models.Q(person__isnull=False), name="recipient_person_once"
            ),
        ]

    @property
    def is_household(self) -> bool:
        return self.garrison_id is None

    def target_name(self) -> str:
        if self.person:
            return self.person.name
        if self.garrison:
            return self.garrison.name
        return self.household

    def __str__(self):
        return f"{self.activity.title}：{self.target_name()}"


class CaseStatus(models.TextChoices):
    OPEN = "open", "办理中"
    CLOSED = "closed", "已办结"


class HelpCase(AuditedModel):
    """帮扶: one difficulty of an entitled person (危房改造, 医疗救助 ...), its steps, money and outcome."""

    person = models.ForeignKey("registry.Person", verbose_name="优抚对象", on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(ProblemKind, verbose_name="帮扶类别", on_delete=models.PROTECT, related_name="+")
    description = models.TextField("困难情况")
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="承办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_cases",
        help_text="负责办理的成员单位（可空，由乡镇办理）",
    )
    opened = models.DateField("受理日期")
    closed = models.DateField("办结日期", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    money_fen = models.BigIntegerField("帮扶金额（分）", default=0, help_text="各办理步骤金额之和")
    outcome = models.TextField("办理结果", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_region_field = "person__region"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "帮扶事项"
        verbose_name_plural = "帮扶事项"
        ordering = ["-opened", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", closed__isnull=True)
                | models.Q(status="closed", closed__isnull=False),
                name="case_closed_date_with_status",
                violation_error_message="已办结的事项须有办结日期，办理中的不能有",
            ),
        ]

    def __str__(self):
        return f"{self.person.name}·{self.kind.name}"


class HelpStep(AuditedModel):
    case = models.ForeignKey(HelpCase, verbose_name="帮扶事项", on_delete=models.CASCADE, related_name="steps")
    date = models.DateField("日期")
    action = models.CharField("办理情况", max_length=300)
    money_fen = models.BigIntegerField("金额（分）", default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_region_field = "case__person__region"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "帮扶办理步骤"
        verbose_name_plural = "帮扶办理步骤"
        ordering = ["case", "date", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(money_fen__gte=0), name="step_money_not_negative")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.action}"
