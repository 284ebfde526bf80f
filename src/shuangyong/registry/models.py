from django.conf import settings
from django.db import models
from django.utils import timezone

from shuangyong.audit.mixins import AuditedModel
from shuangyong.registry.choices import (
    CategoryGroup,
    DisabilityNature,
    EnlistmentPeriod,
    EventKind,
    Hukou,
    Sex,
    Status,
    SupportMode,
)
from shuangyong.registry.rules import BANK_ACCOUNT_PATTERN
from shuangyong.sealed import BlindIndexField, LastDigitsField, SealedField, ShapeField


class Category(AuditedModel):
    """优抚类别: a code table loaded as data (domain.md §1), editable by staff."""

    code = models.CharField("类别代码", max_length=4, primary_key=True)
    name = models.CharField("类别名称", max_length=40, unique=True)
    group = models.CharField("类别分组", max_length=16, choices=CategoryGroup.choices)
    requires_disability = models.BooleanField("须填伤残等级与性质", default=False)
    requires_relation = models.BooleanField("须填与军人关系", default=False)
    min_age = models.PositiveSmallIntegerField("最低年龄", null=True, blank=True)
    is_key = models.BooleanField("重点优抚对象", default=True, help_text="领取定期抚恤补助的对象")
    aliases = models.CharField("别名（用 | 分隔）", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "优抚类别"
        verbose_name_plural = "优抚类别"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class ImportBatch(models.Model):
    """One run of the roster import: who, when, which file, what it did. Persons created by it point here."""

    file_name = models.CharField("文件名", max_length=200)
    file_sha256 = models.CharField("文件指纹", max_length=64, db_index=True)
    region = models.ForeignKey("regions.Region", verbose_name="导入范围", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("导入时间", default=timezone.now)
    created = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    unchanged = models.PositiveIntegerField("未变", default=0)
    warnings = models.JSONField("提示", default=list, blank=True)

    scope_region_field = "region"

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name}（{self.created_at:%Y-%m-%d %H:%M}）"


class Person(AuditedModel):
    # encrypted at rest (sealed.py); exact lookups and the unique constraint go through id_number_index
    id_number = SealedField("公民身份号码", max_length=18, kind="id_number", index="id_number_index")
    name = models.CharField("姓名", max_length=40)
    name_initials = models.CharField("姓名拼音首字母", max_length=40, blank=True)
    sex = models.CharField("性别", max_length=1, choices=Sex.choices)
    birth_date = models.DateField("出生日期")
    ethnicity = models.CharField("民族", max_length=20, blank=True)
    phone = SealedField("联系电话", max_length=40, blank=True, kind="phone")
    address = models.CharField("住址", max_length=200, blank=True)
    # indexed by (region, name) below: lists filter a subtree (a code range) and sort by name
    region = models.ForeignKey(
        "regions.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="persons", db_index=False
    )
    hukou = models.CharField("户籍性质", max_length=8, choices=Hukou.choices, blank=True)
    bank_name = models.CharField("开户银行", max_length=60, blank=True)
    bank_holder = models.CharField("户名", max_length=40, blank=True)
    bank_account = SealedField("银行账号", max_length=32, blank=True, kind="bank_account", index="bank_account_index")
    death_date = models.DateField("去世日期", null=True, blank=True)
    death_cause = models.CharField("去世原因", max_length=100, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    # No database FK (migration 0100): checking it cost a million-row import ~4 s. The batch is created in the
    # same transaction as its persons and deleted only when it created none; PROTECT is still enforced by Django.
    import_batch = models.ForeignKey(
        ImportBatch,
        verbose_name="导入批次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="persons",
        db_index=False,
        db_constraint=False,
    )
    created_at = models.DateTimeField("建档时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", default=timezone.now)
    # 条例 §30: after a move between counties the old county still owes the months through December of the move
    # year; those months are paid from `prior_region` (the person's place there), later ones from `region`
    prior_region = models.ForeignKey(
        "regions.Region",
        verbose_name="迁出前所在区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the few moved persons are found by the partial index below
        db_constraint=False,
    )
    prior_until = models.DateField("原县发放至", null=True, blank=True)
    id_number_index = BlindIndexField("身份证号索引", source="id_number")
    # no database index on these two: a search by 尾号 runs inside a region's subtree (already narrowed by its
    # index), and persons are never looked up by account; each index would cost the million-row import seconds
    id_number_last4 = LastDigitsField("身份证号尾号", source="id_number")
    bank_account_index = BlindIndexField("银行账号索引", source="bank_account")
    bank_account_shape = ShapeField("银行账号格式", source="bank_account", pattern=BANK_ACCOUNT_PATTERN)

    scope_region_field = "region"
    audit_exclude = ("id_number_index", "id_number_last4", "bank_account_index", "bank_account_shape")

    class Meta:
        verbose_name = "优抚对象"
        verbose_name_plural = "优抚对象"
        ordering = ["region", "name", "id"]
        # Few indexes on purpose: every one slows a million-row import. The unique id_number, (region, name,
        # id) for lists in a subtree, and the pinyin initials for search by name (Chinese or pinyin). The partial
        # ones hold only the few moved away and the dead, and cost the import nothing.
        indexes = [
            models.Index(fields=["region", "name", "id"], name="person_region_name"),
            models.Index(fields=["name_initials"], name="person_initials"),
            models.Index(
                fields=["prior_region", "prior_until"],
                condition=models.Q(prior_region__isnull=False),
                name="person_moved_away",
            ),
            # the deaths of a run's months (funeral grants) and the dead still paid (checks), without reading
            # every person: 0.2 s per run at a million
            models.Index(fields=["death_date"], condition=models.Q(death_date__isnull=False), name="person_died"),
        ]
        # a constraint rather than unique=True: PostgreSQL then builds no extra LIKE index on the column
        constraints = [models.UniqueConstraint(fields=["id_number_index"], name="person_unique_id_number")]

    def __str__(self):
        return self.name


class Entitlement(AuditedModel):
    """One category a person is entitled under (a person can be both 残疾军人 and 参战退役人员)."""

    # person is covered by the (person, category) unique index; category and status are too coarse to index.
    # No database FK on person (migration 0100): checking it cost a million-row import ~4 s. Entitlements are
    # written only by registry services, in the transaction that writes or reads their person; persons are never
    # deleted outside the ORM, whose CASCADE still removes their entitlements.
    person = models.ForeignKey(
        Person,
        verbose_name="优抚对象",
        on_delete=models.CASCADE,
        related_name="entitlements",
        db_index=False,
        db_constraint=False,
    )
    category = models.ForeignKey(
        Category, verbose_name="优抚类别", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.APPLIED)
    disability_grade = models.PositiveSmallIntegerField("伤残等级", null=True, blank=True)
    disability_nature = models.CharField("伤残性质", max_length=8, choices=DisabilityNature.choices, blank=True)
    certificate_no = models.CharField("证书编号", max_length=40, blank=True)
    enlistment_date = models.DateField("入伍日期", null=True, blank=True)
    discharge_date = models.DateField("退伍日期", null=True, blank=True)
    enlistment_period = models.CharField("入伍时期", max_length=16, choices=EnlistmentPeriod.choices, blank=True)
    service_years = models.PositiveSmallIntegerField("服役年限", null=True, blank=True)
    relation = models.CharField("与军人关系", max_length=20, blank=True)
    soldier_name = models.CharField("军人姓名", max_length=40, blank=True)
    approval_date = models.DateField("批准时间", null=True, blank=True)
    approval_no = models.CharField("批准文号", max_length=60, blank=True, db_default="")  # the bulk import omits it
    paid_through = models.DateField("已发放至", null=True, blank=True, help_text="本系统之前已发放到的月份（当月1日）")
    support_mode = models.CharField("供养方式", max_length=12, choices=SupportMode.choices, blank=True)
    pay_from = models.DateField("起发月份", null=True, blank=True, help_text="迁入者自次年1月起由本县发放")
    pay_until = models.DateField("止发月份", null=True, blank=True, help_text="迁出者发放至当年12月；去世者至去世当月")
    confirmed_year = models.PositiveSmallIntegerField("已年度确认至", null=True, blank=True)
    status_date = models.DateField("状态变更日期", null=True, blank=True)
    status_reason = models.CharField("状态变更原因", max_length=200, blank=True)
    # the first month of the earliest Pause: months before it need no look at the pauses (payment engine)
    first_pause = models.DateField("最早停发月份", null=True, blank=True)

    scope_region_field = "person__region"

    class Meta:
        verbose_name = "优抚待遇资格"
        verbose_name_plural = "优抚待遇资格"
        ordering = ["person", "category"]
        # only entitlements that ended (moved, cancelled, died) have a 止发月份: the payment engine looks for
        # months paid after it; a partial index holds those few rows and costs the import nothing
        indexes = [
            models.Index(fields=["pay_until"], condition=models.Q(pay_until__isnull=False), name="entitlement_ended")
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "category"], name="entitlement_one_per_category"),
            models.CheckConstraint(
                condition=models.Q(disability_grade__isnull=True)
                | models.Q(disability_grade__gte=1, disability_grade__lte=10),
                name="entitlement_grade_1_to_10",
                violation_error_message="伤残等级应为一级至十级",
            ),
            # 条例 §25-27: disability from illness is paid only at grades 1-6
            models.CheckConstraint(
                condition=~models.Q(status="active", disability_nature="illness", disability_grade__gt=6),
                name="entitlement_illness_paid_grades_1_to_6",
                violation_error_message="因病致残只有一级至六级享受抚恤",
            ),
        ]

    def __str__(self):
        return f"{self.person.name}·{self.category.name}"


class Pause(models.Model):
    """停发期间: months an entitlement is not owed (条例 §58), from the month of suspension through the month before
    resumption; open (no last month) while suspended. Only these months are not owed: a back-dated rise or grade
    change still pays the difference for the months around them."""

    class Kind(models.TextChoices):
        SUSPEND = "suspend", "停发"
        UNCONFIRMED = "unconfirmed", "逾期未年度确认"

    entitlement = models.ForeignKey(
        Entitlement, verbose_name="待遇资格", on_delete=models.CASCADE, related_name="pauses"
    )
    kind = models.CharField("原因类型", max_length=12, choices=Kind.choices, default=Kind.SUSPEND)
    first_month = models.DateField("停发起始月份")
    last_month = models.DateField("停发截止月份", null=True, blank=True, help_text="空：仍在停发")
    reason = models.CharField("原因", max_length=200, blank=True)

    scope_region_field = "entitlement__person__region"

    class Meta:
        verbose_name = "停发期间"
        verbose_name_plural = "停发期间"
        ordering = ["entitlement", "first_month"]
        constraints = [
            models.UniqueConstraint(
                fields=["entitlement"], condition=models.Q(last_month__isnull=True), name="pause_one_open"
            ),
            models.CheckConstraint(
                condition=models.Q(last_month__isnull=True) | models.Q(last_month__gte=models.F("first_month")),
                name="pause_last_after_first",
            ),
        ]

    def __str__(self):
        until = f"{self.last_month:%Y-%m}" if self.last_month else "今"
        return f"{self.entitlement} 停发 {self.first_month:%Y-%m}至{until}"


class Transfer(AuditedModel):
    """跨县迁移: the old county records 迁出 (destination, date, 档案 handed over); the destination county accepts it
    (迁入, with the new town or village) or returns it with a reason. Each side acts only in its own scope. Who
    pays which month follows from it (条例 §30): the old county through December of the move year, the new one
    from the January after (Person.prior_region / prior_until)."""

    class State(models.TextChoices):
        SENT = "sent", "待接收"
        ACCEPTED = "accepted", "已接收"
        RETURNED = "returned", "已退回"

    person = models.ForeignKey(Person, verbose_name="优抚对象", on_delete=models.PROTECT, related_name="transfers")
    from_region = models.ForeignKey("regions.Region", verbose_name="迁出地", on_delete=models.PROTECT, related_name="+")
    to_county = models.ForeignKey(
        "regions.Region",
        verbose_name="迁入县（区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="空：迁往本系统以外的地区",
    )
    destination = models.CharField("迁往", max_length=100)
    moved_on = models.DateField("迁出日期")
    files_handed = models.BooleanField("档案已移交", default=False)
    pay_until = models.DateField("原县发放至")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.SENT)
    to_region = models.ForeignKey(
        "regions.Region", verbose_name="迁入地", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_on = models.DateField("迁入日期", null=True, blank=True)
    return_reason = models.CharField("退回原因", max_length=200, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="迁出经办人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="迁入经办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    # the old side's scope; the destination sees its incoming transfers through transfers.incoming()
    scope_region_field = "from_region"

    class Meta:
        verbose_name = "跨县迁移"
        verbose_name_plural = "跨县迁移"
        ordering = ["-moved_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(state="sent"), name="transfer_one_pending_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person.name} 迁往{self.destination}（{self.get_state_display()}）"


class PersonEvent(models.Model):
    """The person's timeline: every life event, in the order it happened. Written only by services."""

    person = models.ForeignKey(Person, verbose_name="优抚对象", on_delete=models.CASCADE, related_name="events")
    entitlement = models.ForeignKey(
        Entitlement, verbose_name="待遇资格", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("事件", max_length=20, choices=EventKind.choices)
    date = models.DateField("发生日期")
    details = models.JSONField("详情", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    scope_region_field = "person__region"

    class Meta:
        verbose_name = "人员事件"
        verbose_name_plural = "人员事件"
        ordering = ["person", "date", "id"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


__all__ = [
    "Category",
    "ImportBatch",
    "Person",
    "Entitlement",
    "Pause",
    "PersonEvent",
    "Transfer",
    "EventKind",
    "Status",
]
