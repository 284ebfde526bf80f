"""征兵 (candidates, quotas, 退兵), serving members and their families, 立功受奖 and 喜报, 义务兵家庭优待金.

Money is paid through benefits.Grant (the payment runs pay it exactly once); the rows here say what is owed
and why. Code tables (education, 退兵原因, award kinds) and the county's money rules (merit increments,
reward amounts; the 优待金 standard itself is a benefits.Standard) are data.
"""

from django.db import models
from django.utils import timezone

from shuangyong.audit.mixins import AuditedModel
from shuangyong.conscription.choices import Political, RankKind, Season, Stage, StudentStatus
from shuangyong.registry.choices import Hukou, Sex
from shuangyong.sealed import BlindIndexField, LastDigitsField, SealedField


class Education(AuditedModel):
    """文化程度 (code table, data/education.csv)."""

    code = models.CharField("代码", max_length=16, primary_key=True)
    name = models.CharField("文化程度", max_length=20, unique=True)
    senior_high_or_above = models.BooleanField("高中以上", default=False)
    college = models.BooleanField("大专以上", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "文化程度"
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class ReturnReason(AuditedModel):
    """退兵原因 (code table, data/return_reasons.csv)."""

    code = models.CharField("代码", max_length=16, primary_key=True)
    name = models.CharField("退兵原因", max_length=20, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "退兵原因"
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class AwardKind(AuditedModel):
    """奖励种类 (code table, data/award_kinds.csv); rank 1 is the highest."""

    code = models.CharField("代码", max_length=16, primary_key=True)
    name = models.CharField("奖励种类", max_length=20, unique=True)
    rank = models.PositiveSmallIntegerField("等次（1 最高）")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "奖励种类"
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class Quota(AuditedModel):
    """征兵任务数: how many a town is to send in one campaign."""

    region = models.ForeignKey("regions.Region", verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    season = models.CharField("批次", max_length=8, choices=Season.choices)
    quota = models.PositiveIntegerField("任务数")

    scope_region_field = "region"

    class Meta:
        verbose_name = verbose_name_plural = "征兵任务数"
        ordering = ["year", "season", "region"]
        constraints = [models.UniqueConstraint(fields=["region", "year", "season"], name="quota_once_per_campaign")]

    def __str__(self):
        return f"{self.year}年{self.get_season_display()} {self.region_id} 任务 {self.quota} 人"


class Candidate(AuditedModel):
    """应征公民 of one campaign and the steps taken: 报名, 体检, 政治考核, 审批定兵, 输送, 退兵."""

    year = models.PositiveSmallIntegerField("年度")
    season = models.CharField("批次", max_length=8, choices=Season.choices)
    name = models.CharField("姓名", max_length=40)
    id_number = SealedField("公民身份号码", max_length=18, kind="id_number", index="id_number_index")  # sealed.py
    sex = models.CharField("性别", max_length=1, choices=Sex.choices)
    birth_date = models.DateField("出生日期")
    region = models.ForeignKey(
        "regions.Region", verbose_name="所在村（社区）", on_delete=models.PROTECT, related_name="+"
    )
    hukou = models.CharField("户籍性质", max_length=8, choices=Hukou.choices, blank=True)
    phone = SealedField("联系电话", max_length=40, blank=True, kind="phone")
    education = models.ForeignKey(Education, verbose_name="文化程度", on_delete=models.PROTECT, related_name="+")
    student_status = models.CharField(
        "大学生情况", max_length=12, choices=StudentStatus.choices, blank=True, default=StudentStatus.NONE
    )
    political = models.CharField("政治面貌", max_length=8, choices=Political.choices, default=Political.MASSES)
    registered_on = models.DateField("网上报名日期")
    exam_on = models.DateField("体检日期", null=True, blank=True)
    exam_passed = models.BooleanField("体检合格", null=True, blank=True)
    review_on = models.DateField("政治考核日期", null=True, blank=True)
    review_passed = models.BooleanField("政治考核合格", null=True, blank=True)
    approved_on = models.DateField("审批定兵日期", null=True, blank=True)
    dispatched_on = models.DateField("输送（起运）日期", null=True, blank=True)
    military_unit = models.CharField("入伍部队", max_length=80, blank=True)
    returned_on = models.DateField("退兵日期", null=True, blank=True)
    return_reason = models.ForeignKey(
        ReturnReason, verbose_name="退兵原因", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_responsibility = models.CharField("责任单位（环节）", max_length=80, blank=True)
    stage = models.CharField("状态", max_length=16, choices=Stage.choices, default=Stage.REGISTERED)
    note = models.CharField("备注", max_length=200, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    id_number_index = BlindIndexField("身份证号索引", source="id_number")
    id_number_last4 = LastDigitsField("身份证号尾号", source="id_number", db_index=True)

    scope_region_field = "region"
    audit_exclude = ("id_number_index", "id_number_last4")

    class Meta:
        verbose_name = verbose_name_plural = "应征公民"
        ordering = ["-year", "season", "region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["id_number_index", "year", "season"], name="candidate_once_per_campaign")
        ]
        indexes = [models.Index(fields=["year", "region"], name="candidate_year_region")]

    def __str__(self):
        return f"{self.name}（{self.year}年{self.get_season_display()}）"

    @property
    def is_sent(self) -> bool:
        """输送合格: dispatched and not returned."""
        return self.dispatched_on is not None and self.returned_on is None


class ServiceMember(AuditedModel):
    """现役军人 from this county; the family is on the registry (category 91 军人家属)."""

    name = models.CharField("姓名", max_length=40)
    id_number = SealedField("公民身份号码", max_length=18, kind="id_number", index="id_number_index")  # sealed.py
    id_number_index = BlindIndexField("身份证号索引", source="id_number", unique=True)
    id_number_last4 = LastDigitsField("身份证号尾号", source="id_number", db_index=True)
    sex = models.CharField("性别", max_length=1, choices=Sex.choices)
    birth_date = models.DateField("出生日期")
    region = models.ForeignKey(
        "regions.Region", verbose_name="家庭所在村（社区）", on_delete=models.PROTECT, related_name="+"
    )
    enlistment_county = models.ForeignKey(
        "regions.Region",
        verbose_name="批准入伍县（市、区）",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="义务兵家庭优待金由批准入伍地发放",
    )
    hukou = models.CharField("入伍时户籍性质", max_length=8, choices=Hukou.choices, blank=True)
    candidate = models.OneToOneField(
        Candidate, verbose_name="征兵记录", null=True, blank=True, on_delete=models.PROTECT, related_name="member"
    )
    military_unit = models.CharField("所在部队", max_length=80, blank=True)
    rank_kind = models.CharField("人员类别", max_length=12, choices=RankKind.choices, default=RankKind.CONSCRIPT)
    conscript_service = models.BooleanField(
        "以义务兵入伍", default=True, help_text="是：入伍后前两年为义务兵，享受义务兵家庭优待金"
    )
    enlistment_date = models.DateField("入伍日期")
    discharge_date = models.DateField("退出现役日期", null=True, blank=True)
    payee = models.ForeignKey(
        "registry.Entitlement",
        verbose_name="优待金领取人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    plaque_hung_on = models.DateField("光荣牌悬挂日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    scope_region_field = "region"
    audit_exclude = ("id_number_index", "id_number_last4")

    class Meta:
        verbose_name = verbose_name_plural = "现役军人"
        ordering = ["-enlistment_date", "name"]

    def __str__(self):
        return f"{self.name}（{self.get_rank_kind_display()}）"


class FamilyMember(AuditedModel):
    """A 军人家属 on the registry (their 91 entitlement) belonging to a serving member."""

    member = models.ForeignKey(ServiceMember, verbose_name="现役军人", on_delete=models.CASCADE, related_name="family")
    entitlement = models.ForeignKey(
        "registry.Entitlement", verbose_name="军属待遇资格", on_delete=models.PROTECT, related_name="+"
    )

    scope_region_field = "member__region"

    class Meta:
        verbose_name = verbose_name_plural = "军人家属"
        constraints = [models.UniqueConstraint(fields=["member", "entitlement"], name="family_member_once")]

    def __str__(self):
        return f"{self.member.name} 的家属 {self.entitlement.person.name}"


class MeritIncrement(AuditedModel):
    """优待金立功增发比例: per award kind and region, from a date (万分比: 2000 = 20%)."""

    award_kind = models.ForeignKey(AwardKind, verbose_name="奖励种类", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("regions.Region", verbose_name="适用区划", on_delete=models.PROTECT, related_name="+")
    increment_bp = models.PositiveIntegerField("增发比例（万分比）", help_text="2000 即增发 20%")
    valid_from = models.DateField("生效日期")
    note = models.CharField("依据", max_length=200, blank=True)

    scope_region_field = "region"

    class Meta:
        verbose_name = verbose_name_plural = "优待金立功增发比例"
        ordering = ["region", "award_kind__sort_order", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["award_kind", "region", "valid_from"], name="merit_increment_once")
        ]

    def __str__(self):
        return f"{self.award_kind.name} +{self.increment_bp / 100:g}%（{self.valid_from} 起）"


class MeritReward(AuditedModel):
    """立功受奖奖励标准: money per award kind and region, from a date."""

    award_kind = models.ForeignKey(AwardKind, verbose_name="奖励种类", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("regions.Region", verbose_name="适用区划", on_delete=models.PROTECT, related_name="+")
    amount_fen = models.BigIntegerField("奖励金额（分）")
    valid_from = models.DateField("生效日期")
    note = models.CharField("依据", max_length=200, blank=True)

    scope_region_field = "region"

    class Meta:
        verbose_name = verbose_name_plural = "立功受奖奖励标准"
        ordering = ["region", "award_kind__sort_order", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["award_kind", "region", "valid_from"], name="merit_reward_once"),
            models.CheckConstraint(condition=models.Q(amount_fen__gte=0), name="merit_reward_not_negative"),
        ]

    def __str__(self):
        return f"{self.award_kind.name} {self.amount_fen / 100:.2f} 元（{self.valid_from} 起）"


class Award(AuditedModel):
    """立功受奖: an award a serving member received; its reward is a benefits.Grant to the family."""

    member = models.ForeignKey(ServiceMember, verbose_name="现役军人", on_delete=models.PROTECT, related_name="awards")
    kind = models.ForeignKey(AwardKind, verbose_name="奖励种类", on_delete=models.PROTECT, related_name="+")
    awarded_on = models.DateField("授予日期")
    military_unit = models.CharField("授予单位（部队）", max_length=80)
    reward_grant = models.ForeignKey(
        "benefits.Grant", verbose_name="奖励金", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField("备注", max_length=200, blank=True)

    scope_region_field = "member__region"

    class Meta:
        verbose_name = verbose_name_plural = "立功受奖"
        ordering = ["-awarded_on", "id"]

    def __str__(self):
        return f"{self.member.name} {self.kind.name}（{self.awarded_on}）"


class HonorDelivery(AuditedModel):
    """送喜报: the award's 喜报 delivered to the family, by whom."""

    award = models.OneToOneField(Award, verbose_name="立功受奖", on_delete=models.CASCADE, related_name="delivery")
    delivered_on = models.DateField("送达日期")
    delivered_by = models.CharField("送喜报领导及单位", max_length=200)
    note = models.CharField("备注", max_length=200, blank=True)

    scope_region_field = "award__member__region"

    class Meta:
        verbose_name = verbose_name_plural = "送喜报"
        ordering = ["-delivered_on"]

    def __str__(self):
        return f"喜报：{self.award}（{self.delivered_on} {self.delivered_by}）"


class Allowance(AuditedModel):
    """义务兵家庭优待金 of one year of service: standard + the highest merit increment of that year."""

    member = models.ForeignKey(
        ServiceMember, verbose_name="现役军人", on_delete=models.PROTECT, related_name="allowances"
    )
    service_year = models.PositiveSmallIntegerField("服役年度（第几年）")
    year_start = models.DateField("服役年度起始日")
    standard_fen = models.BigIntegerField("优待金标准（分）")
    increment_bp = models.PositiveIntegerField("立功增发比例（万分比）", default=0)
    increment_award = models.ForeignKey(
        Award, verbose_name="据以增发的奖励", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amount_fen = models.BigIntegerField("应发金额（分）")
    grant = models.ForeignKey(
        "benefits.Grant", verbose_name="一次性款项", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    basis = models.CharField("计算依据", max_length=300, blank=True)

    scope_region_field = "member__region"

    class Meta:
        verbose_name = verbose_name_plural = "义务兵家庭优待金"
        ordering = ["member", "service_year"]
        constraints = [models.UniqueConstraint(fields=["member", "service_year"], name="allowance_once_per_year")]

    def __str__(self):
        return f"{self.member.name} 第{self.service_year}年优待金 {self.amount_fen / 100:.2f} 元"
