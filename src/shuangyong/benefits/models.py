"""Benefits: standards as effective-dated data, payment runs, their lines and payees, findings, bank layouts.

Money is integer 分 everywhere. A payment line is one (entitlement, benefit kind, month) amount; the unique
(entitlement, month, kind, seq) constraint is what makes every month of every benefit paid exactly once:
a later line for the same month (back-pay, recovery, re-payment after a bank failure) takes the next seq,
and two runs computing the same month at once collide on it instead of paying twice.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from shuangyong.audit.mixins import AuditedModel
from shuangyong.benefits.choices import (
    OPEN_RUN_STATUSES,
    BankStatus,
    Basis,
    DeathCause,
    FindingCode,
    FindingState,
    Frequency,
    LineType,
    RunStatus,
)
from shuangyong.money import yuan_text
from shuangyong.registry.choices import DisabilityNature, EnlistmentPeriod, Hukou, SupportMode
from shuangyong.registry.rules import BANK_ACCOUNT_PATTERN
from shuangyong.sealed import BlindIndexField, SealedField, ShapeField


def _user_field(label: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=label, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class BenefitKind(AuditedModel):
    """待遇项目: a code table loaded as data (残疾抚恤金, 护理费, 定期抚恤金, 定期生活补助, 孤老增发 ...)."""

    code = models.CharField("项目代码", max_length=24, primary_key=True)
    name = models.CharField("项目名称", max_length=40, unique=True)
    is_periodic = models.BooleanField("定期发放", default=True, help_text="否：一次性待遇（丧葬补助等）")
    requires_enrolment = models.BooleanField(
        "须逐人登记", default=False, help_text="增发项目只发给登记了该项目的对象（如孤老增发）"
    )
    aliases = models.CharField("别名（用 | 分隔）", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "待遇项目"
        verbose_name_plural = "待遇项目"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


LOCAL_SOURCE = "本地录入"


class Standard(AuditedModel):
    """One row of a 抚恤补助标准 table: an amount for a benefit kind, keyed by category, disability nature and
    grade, 城镇/农村, enlistment period and region (empty = any), in force from a date.

    For a person and a month the most specific row in force wins: a county row over a city, province or
    national one, then the row with more keys filled, then the newest.
    """

    kind = models.ForeignKey(BenefitKind, verbose_name="待遇项目", on_delete=models.PROTECT, related_name="standards")
    category = models.ForeignKey(
        "registry.Category",
        verbose_name="优抚类别",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="空：不限",
    )
    disability_nature = models.CharField(
        "伤残性质", max_length=8, choices=DisabilityNature.choices, blank=True, help_text="空：不限"
    )
    disability_grade = models.PositiveSmallIntegerField("伤残等级", null=True, blank=True, help_text="空：不限")
    hukou = models.CharField("户籍性质", max_length=8, choices=Hukou.choices, blank=True, help_text="空：不限")
    enlistment_period = models.CharField(
        "入伍时期", max_length=16, choices=EnlistmentPeriod.choices, blank=True, help_text="空：不限"
    )
    support_mode = models.CharField(
        "供养方式", max_length=12, choices=SupportMode.choices, blank=True, help_text="集中供养/分散供养；空：不限"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="适用区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="空：全国标准；省、市、县的标准优先于上级",
    )
    basis = models.CharField("计发方式", max_length=16, choices=Basis.choices, default=Basis.YEAR)
    amount_fen = models.BigIntegerField("标准（分）", default=0)
    share_bp = models.PositiveIntegerField(
        "工资基数比例（万分比）", null=True, blank=True, help_text="护理费：5000 即上年度职工月平均工资的 50%"
    )
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField("失效日期", null=True, blank=True)
    note = models.CharField("依据或说明", max_length=200, blank=True)
    source = models.CharField(
        "来源",
        max_length=200,
        default=LOCAL_SOURCE,
        help_text="发布标准的文件（文号和日期）；本县自定或无文件的写“本地录入”",
    )
    created_at = models.DateTimeField("录入时间", default=timezone.now)

    class Meta:
        verbose_name = "抚恤补助标准"
        verbose_name_plural = "抚恤补助标准"
        ordering = ["kind", "category", "disability_nature", "disability_grade", "-valid_from"]
        constraints = [
            # NULL means "any" for category, grade and region: Coalesce makes two "any" rows collide
            models.UniqueConstraint(
                "kind",
                Coalesce("category", models.Value("")),
                "disability_nature",
                Coalesce("disability_grade", models.Value(0)),
                "hukou",
                "enlistment_period",
                "support_mode",
                Coalesce("region", models.Value("")),
                "valid_from",
                name="standard_unique_key_with_support_from",
                violation_error_message="同一项目、同一适用条件、同一生效日期的标准已存在",
            ),
            models.CheckConstraint(condition=models.Q(amount_fen__gte=0), name="standard_amount_not_negative"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="standard_valid_to_after_from",
                violation_error_message="失效日期不能早于生效日期",
            ),
        ]

    def __str__(self):
        keys = [
            self.category.name if self.category else "",
            self.get_disability_nature_display() if self.disability_nature else "",
            f"{self.disability_grade}级" if self.disability_grade else "",
            self.get_hukou_display() if self.hukou else "",
            self.get_enlistment_period_display() if self.enlistment_period else "",
            self.get_support_mode_display() if self.support_mode else "",
        ]
        where = self.region.name if self.region else "全国"
        return f"{self.kind.name}·{'·'.join(k for k in keys if k) or '不限'}·{where}（{self.valid_from} 起）"


class WageBase(AuditedModel):
    """护理费的工资基数: the local previous-year average monthly wage of urban employees (条例 §34), per region."""

    region = models.ForeignKey("regions.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("工资统计年度")
    monthly_fen = models.BigIntegerField("月平均工资（分）")
    valid_from = models.DateField("用于计发的起始日期")
    note = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = "护理费工资基数"
        verbose_name_plural = "护理费工资基数"
        ordering = ["region", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["region", "valid_from"], name="wagebase_unique_from")]

    def __str__(self):
        return f"{self.region.name} {self.year} 年月平均工资 {yuan_text(self.monthly_fen)} 元（{self.valid_from} 起）"


class Enrolment(AuditedModel):
    """An entitlement enrolled for a benefit kind that is paid only to those listed (孤老增发 ...)."""

    entitlement = models.ForeignKey(
        "registry.Entitlement", verbose_name="待遇资格", on_delete=models.CASCADE, related_name="enrolments"
    )
    kind = models.ForeignKey(BenefitKind, verbose_name="增发项目", on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("终止日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    scope_region_field = "entitlement__person__region"

    class Meta:
        verbose_name = "增发项目登记"
        verbose_name_plural = "增发项目登记"
        constraints = [
            models.UniqueConstraint(fields=["entitlement", "kind", "valid_from"], name="enrolment_unique_from")
        ]

    def __str__(self):
        return f"{self.entitlement} {self.kind.name}"


class DeathGrantRule(AuditedModel):
    """What is paid once on a death (domain.md §3), as data: N months of a periodic benefit, or a standard."""

    category = models.ForeignKey("registry.Category", verbose_name="优抚类别", on_delete=models.CASCADE)
    death_cause = models.CharField("死亡原因", max_length=12, choices=DeathCause.choices, blank=True)
    grant_kind = models.ForeignKey(BenefitKind, verbose_name="发放项目", on_delete=models.PROTECT, related_name="+")
    base_kind = models.ForeignKey(
        BenefitKind,
        verbose_name="按此项目月标准计发",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="空：按发放项目自身的一次性标准",
    )
    months = models.PositiveSmallIntegerField("月数", null=True, blank=True)
    note = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = "去世一次性待遇规则"
        verbose_name_plural = "去世一次性待遇规则"
        constraints = [
            models.UniqueConstraint(fields=["category", "death_cause"], name="deathgrant_unique_rule"),
        ]

    def __str__(self):
        return f"{self.category.name}{self.get_death_cause_display()}：{self.grant_kind.name}"


class StandardChange(models.Model):
    """A standard entered or changed with an effective date in the past: the next runs recompute the months
    already paid since `from_month` for that kind (补发). A run that did so is linked to it, and a later run
    over the same or a smaller region does not recompute it again."""

    kind = models.ForeignKey(BenefitKind, verbose_name="待遇项目", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        "regions.Region", verbose_name="区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # the changed standard's keys (empty = any): only lines these keys match can have used it, so only they are
    # recomputed — a rise for one category does not make every line of the kind a back-pay candidate
    category = models.ForeignKey(
        "registry.Category", verbose_name="优抚类别", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    disability_nature = models.CharField("伤残性质", max_length=8, blank=True)
    disability_grade = models.PositiveSmallIntegerField("伤残等级", null=True, blank=True)
    hukou = models.CharField("户籍性质", max_length=8, blank=True)
    enlistment_period = models.CharField("入伍时期", max_length=16, blank=True)
    support_mode = models.CharField("供养方式", max_length=12, blank=True)
    from_month = models.DateField("起始月份")
    reason = models.CharField("原因", max_length=200)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "标准调整待补发"
        verbose_name_plural = "标准调整待补发"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind_id} {self.from_month:%Y-%m} 起：{self.reason}"


class PaymentRun(AuditedModel):
    """发放批次: one period for one region subtree, computed set-based, checked, approved by a second user,
    exported to the bank and reconciled from its return file."""

    region = models.ForeignKey("regions.Region", verbose_name="发放范围", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField("起始月份")
    period_end = models.DateField("截止月份")
    frequency = models.CharField("发放周期", max_length=12, choices=Frequency.choices, default=Frequency.MONTHLY)
    status = models.CharField("状态", max_length=12, choices=RunStatus.choices, default=RunStatus.DRAFT)
    computed_by = _user_field("经办人")
    computed_at = models.DateTimeField("计算时间", null=True, blank=True)
    checked_at = models.DateTimeField("检查时间", null=True, blank=True)
    approved_by = _user_field("审批人")
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    exported_at = models.DateTimeField("导出时间", null=True, blank=True)
    reconciled_at = models.DateTimeField("对账时间", null=True, blank=True)
    line_count = models.PositiveIntegerField("明细行数", default=0)
    person_count = models.PositiveIntegerField("人数", default=0)
    total_fen = models.BigIntegerField("合计（分）", default=0)
    backpay_fen = models.BigIntegerField("其中补发（分）", default=0)
    recovery_fen = models.BigIntegerField("其中追缴（分）", default=0)
    one_time_fen = models.BigIntegerField("其中一次性待遇（分）", default=0)
    recalcs = models.ManyToManyField(StandardChange, verbose_name="已核算的标准调整", blank=True, related_name="runs")
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    scope_region_field = "region"

    class Meta:
        verbose_name = "发放批次"
        verbose_name_plural = "发放批次"
        ordering = ["-period_start", "region", "-id"]
        constraints = [
            # one open (not yet approved) run per region and period: computing again recomputes it
            models.UniqueConstraint(
                fields=["region", "period_start"],
                condition=models.Q(status__in=OPEN_RUN_STATUSES),
                name="run_one_open_per_region_period",
                violation_error_message="该区划该期间已有未批准的发放批次",
            ),
        ]

    def __str__(self):
        return f"{self.region.name} {self.period_label} 发放批次"

    @property
    def period_label(self) -> str:
        if self.period_start == self.period_end:
            return f"{self.period_start:%Y-%m}"
        return f"{self.period_start:%Y-%m}至{self.period_end:%Y-%m}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RUN_STATUSES


# Payees and lines are written only by the engine, by INSERT ... SELECT from the very rows they point at, in the
# run's transaction, and removed only through the ORM (discarding a run cascades there): so their foreign keys
# are kept by the ORM alone. As database constraints they cost a million deferred trigger checks at commit
# (2.6 s of a 100,000-person run on PostgreSQL, more than the inserts themselves).
ENGINE_FK_CONSTRAINT = False


class Payee(models.Model):
    """发放对象: one person in one run with the person data frozen as the run used it, and the bank's result.
    Written set-based by the engine (a million rows a run); changes are audited per run and per failure."""

    # db_index=False: the unique (run, person) index serves every lookup by run
    run = models.ForeignKey(
        PaymentRun,
        verbose_name="发放批次",
        on_delete=models.CASCADE,
        related_name="payees",
        db_index=False,
        db_constraint=ENGINE_FK_CONSTRAINT,
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name="优抚对象",
        on_delete=models.PROTECT,
        related_name="payees",
        db_index=False,
        db_constraint=ENGINE_FK_CONSTRAINT,
    )
    name = models.CharField("姓名", max_length=40)
    # copied from the person by the engine's SQL, ciphertext and indexes alike (sealed.py)
    id_number = SealedField("公民身份号码", max_length=18, kind="id_number", index="id_number_index")
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="所在区划",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    hukou = models.CharField("户籍性质", max_length=8, blank=True)
    bank_name = models.CharField("开户银行", max_length=60, blank=True)
    bank_holder = models.CharField("户名", max_length=40, blank=True)
    bank_account = SealedField("银行账号", max_length=32, blank=True, kind="bank_account", index="bank_account_index")
    total_fen = models.BigIntegerField("合计（分）", default=0)
    line_count = models.PositiveIntegerField("明细行数", default=0)
    bank_status = models.CharField("发放结果", max_length=12, choices=BankStatus.choices, default=BankStatus.PENDING)
    bank_message = models.CharField("银行说明", max_length=200, blank=True)
    id_number_index = BlindIndexField("身份证号索引", source="id_number")
    bank_account_index = BlindIndexField("银行账号索引", source="bank_account")
    bank_account_shape = ShapeField("银行账号格式", source="bank_account", pattern=BANK_ACCOUNT_PATTERN)

    scope_region_field = "region"

    class Meta:
        verbose_name = "发放对象"
        verbose_name_plural = "发放对象"
        ordering = ["run", "region", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "person"], name="payee_once_per_run")]
        # the few payees the bank returned as failed, which the next run pays again
        indexes = [models.Index(fields=["run"], condition=models.Q(bank_status="failed"), name="payee_failed")]

    def __str__(self):
        return f"{self.name}（{self.run_id}）"


class PaymentLineQuerySet(models.QuerySet):
    def of_person(self, person_id: int) -> "PaymentLineQuerySet":
        """A person's lines, asked through their entitlements (a line's person is its entitlement's): the lines
        have no index that leads with the person, and SQLite read every line of every run for one person."""
        return self.filter(entitlement__person_id=person_id, person_id=person_id)


class PaymentLine(models.Model):
    """One amount of one benefit kind for one month of one entitlement, with the keys and standard it used."""

    objects = PaymentLineQuerySet.as_manager()

    # db_index=False: the (run, person) index serves every lookup by run
    run = models.ForeignKey(
        PaymentRun,
        verbose_name="发放批次",
        on_delete=models.CASCADE,
        related_name="lines",
        db_index=False,
        db_constraint=ENGINE_FK_CONSTRAINT,
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name="优抚对象",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,  # the (run, person) index serves the run's lists; a person's lines go by entitlement
    )
    entitlement = models.ForeignKey(
        "registry.Entitlement",
        verbose_name="待遇资格",
        on_delete=models.PROTECT,
        related_name="payment_lines",
        db_index=False,  # covered by the unique (entitlement, month, kind, seq) index
        db_constraint=ENGINE_FK_CONSTRAINT,
    )
    kind = models.ForeignKey(
        BenefitKind,
        verbose_name="待遇项目",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    month = models.DateField("所属月份")
    seq = models.PositiveSmallIntegerField("次序", default=0, help_text="同一月份同一项目的第几笔（0 为首笔）")
    line_type = models.CharField("类型", max_length=12, choices=LineType.choices)
    amount_fen = models.BigIntegerField("金额（分）")
    due_fen = models.BigIntegerField("应发（分）", help_text="按现行标准该月应发总额")
    paid_before_fen = models.BigIntegerField("此前已发（分）", default=0)
    rate_fen = models.BigIntegerField("月标准（分）", default=0)
    months = models.PositiveSmallIntegerField("计发月数", default=1)
    standard = models.ForeignKey(
        Standard,
        verbose_name="所用标准",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    # the entitlement's keys as the line used them (frozen: later changes do not rewrite history)
    category = models.ForeignKey(
        "registry.Category",
        verbose_name="优抚类别",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    disability_nature = models.CharField("伤残性质", max_length=8, blank=True)
    disability_grade = models.PositiveSmallIntegerField("伤残等级", null=True, blank=True)
    hukou = models.CharField("户籍性质", max_length=8, blank=True)
    enlistment_period = models.CharField("入伍时期", max_length=16, blank=True)
    support_mode = models.CharField("供养方式", max_length=12, blank=True, default="")
    service_years = models.PositiveSmallIntegerField("服役年限", null=True, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="所在区划",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    failed = models.BooleanField("银行发放失败", default=False)
    grant = models.ForeignKey(
        "Grant",
        verbose_name="一次性款项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
        db_constraint=False,
        db_index=False,  # the few grant lines are found by the partial index below
    )

    scope_region_field = "region"

    class Meta:
        verbose_name = "发放明细"
        verbose_name_plural = "发放明细"
        ordering = ["run", "person", "month", "kind", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["entitlement", "month", "kind", "seq"], name="payment_line_once"),
        ]
        indexes = [
            models.Index(fields=["run", "person"], name="line_run_person"),
            models.Index(fields=["month"], name="line_month"),
            models.Index(fields=["grant"], condition=models.Q(grant__isnull=False), name="line_grant"),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.kind_id} {yuan_text(self.amount_fen)}"


class Grant(AuditedModel):
    """应发一次性款项: an amount a person is owed once (义务兵家庭优待金 for a year of service, 立功受奖奖金,
    一次性经济补助), worked out by the app that knows its rule and paid by the next payment run over the payee's
    region: that run pays (amount − paid so far) as one "grant" line, so a later change of the amount pays or
    recovers only the difference, and the unique line index keeps every payment once."""

    entitlement = models.ForeignKey(
        "registry.Entitlement", verbose_name="领取人待遇资格", on_delete=models.PROTECT, related_name="grants"
    )
    kind = models.ForeignKey(BenefitKind, verbose_name="待遇项目", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("所属月份")
    amount_fen = models.BigIntegerField("应发金额（分）")
    basis = models.CharField("计算依据", max_length=300)
    source = models.CharField(
        "来源", max_length=80, unique=True, help_text="产生这笔款项的记录，如 conscription.Allowance:12"
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    scope_region_field = "entitlement__person__region"

    class Meta:
        verbose_name = "一次性款项"
        verbose_name_plural = "一次性款项"
        ordering = ["-month", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount_fen__gte=0), name="grant_amount_not_negative")]

    def __str__(self):
        return f"{self.kind.name} {self.month:%Y-%m} {yuan_text(self.amount_fen)} 元"


class Finding(AuditedModel):
    """A check's finding on a run ("不错不漏"): open until resolved, waived with a reason, or excluded."""

    run = models.ForeignKey(PaymentRun, verbose_name="发放批次", on_delete=models.CASCADE, related_name="findings")
    code = models.CharField("检查项", max_length=24, choices=FindingCode.choices)
    person = models.ForeignKey(
        "registry.Person", verbose_name="优抚对象", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    entitlement = models.ForeignKey(
        "registry.Entitlement",
        verbose_name="待遇资格",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    message = models.CharField("问题", max_length=300)
    # where the person is paid from (the payee's town or village): the town that must act sees and resolves it
    region = models.ForeignKey(
        "regions.Region", verbose_name="所在区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField("处理状态", max_length=12, choices=FindingState.choices, default=FindingState.OPEN)
    resolution = models.CharField("处理说明", max_length=300, blank=True)
    resolved_by = _user_field("处理人")
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    # 下发乡镇核实: the county office sends a town its findings with a date to act by (its to-do list shows them)
    sent_on = models.DateField("下发日期", null=True, blank=True)
    due = models.DateField("核实时限", null=True, blank=True)

    scope_region_field = "region"

    class Meta:
        verbose_name = "发放检查问题"
        verbose_name_plural = "发放检查问题"
        ordering = ["run", "code", "id"]

    def __str__(self):
        return f"{self.get_code_display()}：{self.message}"

    @property
    def overdue(self) -> bool:
        """Sent to a town and still open after its date to act by."""
        return self.state == FindingState.OPEN and self.due is not None and self.due < timezone.localdate()


class BankFileLayout(AuditedModel):
    """代发文件格式: the column layout a bank asks for, as data."""

    FIELDS = {
        "seq": "序号",
        "ref": "业务编号",
        "name": "姓名",
        "bank_holder": "户名",
        "bank_account": "银行账号",
        "bank_name": "开户银行",
        "id_number": "公民身份号码",
        "amount_yuan": "金额（元）",
        "amount_fen": "金额（分）",
        "region_name": "所在区划",
        "town_name": "乡镇",
        "summary": "摘要",
    }

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel (.xlsx)"
        CSV = "csv", "逗号分隔 (.csv)"
        TXT = "txt", "文本 (.txt)"

    name = models.CharField("格式名称", max_length=60, unique=True)
    file_format = models.CharField("文件类型", max_length=8, choices=Format.choices, default=Format.XLSX)
    encoding = models.CharField("编码", max_length=16, default="gb18030", help_text="csv/txt：银行多用 GB18030/GBK")
    delimiter = models.CharField("分隔符", max_length=4, default=",", help_text="csv/txt；制表符填 \\t")
    include_header = models.BooleanField("含表头行", default=True)
    columns = models.JSONField("列", help_text='如 [{"field": "bank_account", "header": "账号"}, ...]')
    summary_text = models.CharField("摘要内容", max_length=40, default="优抚金")
    is_default = models.BooleanField("默认格式", default=False)

    class Meta:
        verbose_name = "代发文件格式"
        verbose_name_plural = "代发文件格式"
        ordering = ["-is_default", "name"]

    def __str__(self):
        return self.name
