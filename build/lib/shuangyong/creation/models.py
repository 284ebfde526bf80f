"""双拥模范城（县）创建: the 考评 rubric as data (sections → items, each scored automatically from catalogue figures
by levels of thresholds or by judgement), a region's self-assessment of a year with every item's score, the units
responsible, notes and files as evidence, the lock that submitting sets, and the history of namings."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce

from shuangyong.audit.mixins import AuditedModel
from shuangyong.figures.fields import FigureKeyField


class RubricLevel(models.TextChoices):
    NATIONAL = "national", "全国"
    PROVINCIAL = "provincial", "省级"
    CITY = "city", "市级"


class Rubric(AuditedModel):
    """A 考评标准 as an office receives it (考评细则): title, level, naming cycle and version."""

    code = models.SlugField("代码", max_length=40, unique=True)
    title = models.CharField("名称", max_length=100)
    level = models.CharField("级别", max_length=12, choices=RubricLevel.choices, default=RubricLevel.NATIONAL)
    every_years = models.PositiveSmallIntegerField("命名周期（年）", default=4)
    version = models.CharField("版本", max_length=40, blank=True)
    source = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = "考评标准"
        verbose_name_plural = "考评标准"
        ordering = ["code"]

    def __str__(self):
        return f"{self.title}（{self.version}）" if self.version else self.title


class RubricSection(AuditedModel):
    """考评项目 (one of the 8 基本标准), its points; a skeleton section is shipped without its items."""

    rubric = models.ForeignKey(Rubric, verbose_name="考评标准", on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField("序号")
    title = models.CharField("考评项目", max_length=100)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    skeleton = models.BooleanField("待完善（由各地补充考评内容）", default=False)

    class Meta:
        verbose_name = "考评项目"
        verbose_name_plural = "考评项目"
        ordering = ["rubric", "number"]
        constraints = [models.UniqueConstraint(fields=["rubric", "number"], name="rubric_section_once")]

    def __str__(self):
        return f"{self.title}（{self.points.normalize():f}分）"


class Scoring(models.TextChoices):
    AUTOMATIC = "auto", "按统计指标自动评分"
    JUDGEMENT = "judgement", "人工评分"


def rubric_order(path: str = "") -> list:
    """order_by() for items in table order — by section, then 序号, each sub-item right after the others of its
    item — for RubricItem rows, or for rows that reach an item through `path` ("item__")."""
    return [
        f"{path}section__number",
        Coalesce(f"{path}parent__number", f"{path}number"),
        F(f"{path}parent").asc(nulls_first=True),
        f"{path}number",
    ]


def item_code(parent_number: int | None, number: int) -> str:
    """序号 as the table prints it: "3", or "3.2" for the second sub-item of item 3."""
    return f"{parent_number}.{number}" if parent_number is not None else str(number)


class RubricItem(AuditedModel):
    """考评内容: numbered through the whole table, its points, 评分标准, the evidence it asks for, how it is scored.
    An automatic item's rules (ItemRule) each add the points of the highest level its figure reaches. An item may be
    split into sub-items (序号 3.1, 3.2 ...): then the sub-items are scored and the item's points are theirs summed."""

    section = models.ForeignKey(RubricSection, verbose_name="考评项目", on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", verbose_name="上级考评内容", null=True, blank=True, on_delete=models.CASCADE, related_name="subitems"
    )
    number = models.PositiveSmallIntegerField("序号", help_text="子项为其在上级考评内容中的序号")
    text = models.CharField("考评内容", max_length=400)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    criteria = models.CharField("评分标准", max_length=400, blank=True)
    evidence_kinds = models.CharField("所需台账资料", max_length=200, blank=True)
    scoring = models.CharField("评分方式", max_length=12, choices=Scoring.choices, default=Scoring.JUDGEMENT)
    step = models.DecimalField("人工评分步长", max_digits=4, decimal_places=2, default=0.5)

    class Meta:
        verbose_name = "考评内容"
        verbose_name_plural = "考评内容"
        ordering = rubric_order()

    def __str__(self):
        return f"{self.code}. {self.text[:40]}"

    @property
    def code(self) -> str:
        return item_code(self.parent.number if self.parent is not None else None, self.number)


class ItemRule(AuditedModel):
    """One catalogue figure of an automatic item and its levels: `levels` "1:0.5 2:1" = 0.5 points from a value of
    1, 1 point from 2 (the highest level reached counts)."""

    item = models.ForeignKey(RubricItem, verbose_name="考评内容", on_delete=models.CASCADE, related_name="rules")
    figure = FigureKeyField("统计指标")
    levels = models.CharField("分档（指标值:得分，空格分隔）", max_length=200)

    class Meta:
        verbose_name = "自动评分规则"
        verbose_name_plural = "自动评分规则"
        ordering = ["item", "pk"]

    def __str__(self):
        return f"{self.figure} {self.levels}"


class AssessmentState(models.TextChoices):
    OPEN = "open", "自评中"
    SUBMITTED = "submitted", "已提交（锁定）"


class SelfAssessment(AuditedModel):
    """A region's 自评 of one year against one rubric. Submitted, it is locked: no score or evidence changes until a
    county administrator unlocks it with a reason."""

    rubric = models.ForeignKey(Rubric, verbose_name="考评标准", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("regions.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    state = models.CharField("状态", max_length=12, choices=AssessmentState.choices, default=AssessmentState.OPEN)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unlock_reason = models.CharField("最近一次解锁原因", max_length=200, blank=True)

    scope_region_field = "region"

    class Meta:
        verbose_name = "创建自评"
        verbose_name_plural = "创建自评"
        ordering = ["-year", "region"]
        constraints = [models.UniqueConstraint(fields=["rubric", "region", "year"], name="self_assessment_once")]

    def __str__(self):
        return f"{self.year}年 {self.region} 创建自评"

    @property
    def locked(self) -> bool:
        return self.state == AssessmentState.SUBMITTED

    def row(self, code: str) -> "ItemScore":
        """The score of the item with 序号 `code` ("1", or "3.2" for a sub-item)."""
        whole, _, part = code.partition(".")
        if part:
            return self.scores.get(item__parent__number=int(whole), item__number=int(part))
        return self.scores.get(item__parent=None, item__number=int(whole))


class ItemScore(AuditedModel):
    """One scored item (or sub-item) of a self-assessment: its score (automatic or judged, with the reason), who
    leads it — a member unit or a town, else the county office — with the due month, and the evidence: the lead's
    note, records picked from the figures (ItemRecord) and files attached through the archive. `place` is where the
    item is worked: the lead town, else the assessment's region (a town's staff see and fill the items it leads)."""

    assessment = models.ForeignKey(
        SelfAssessment, verbose_name="创建自评", on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(RubricItem, verbose_name="考评内容", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField("得分", max_digits=6, decimal_places=2, null=True, blank=True)
    reason = models.CharField("评分理由", max_length=300, blank=True)
    lead_unit = models.ForeignKey(
        "units.Unit", verbose_name="牵头单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_town = models.ForeignKey(
        "regions.Region", verbose_name="牵头乡镇", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey("regions.Region", verbose_name="责任区划", on_delete=models.PROTECT, related_name="+")
    due = models.DateField("完成时限（月）", null=True, blank=True)
    note = models.TextField("台账说明", blank=True)

    scope_region_field = "place"
    scope_unit_field = "lead_unit"

    class Meta:
        verbose_name = "考评得分"
        verbose_name_plural = "考评得分"
        ordering = ["item__section__number", "item__number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="item_score_once")]

    def __str__(self):
        return f"{self.assessment.year}年 第{self.item.code}项"

    def lead_name(self) -> str:
        if self.lead_unit is not None:
            return self.lead_unit.shown_name
        return self.lead_town.name if self.lead_town is not None else ""

    def files_refusal(self) -> str:
        """The archive asks before a file is added or removed: none while the self-assessment is locked."""
        stored = SelfAssessment.objects.filter(pk=self.assessment_id).values_list("state", "year").first()
        if stored and stored[0] == AssessmentState.SUBMITTED:  # as stored now, not as this row last read it
            return f"{stored[1]}年自评已提交锁定，不能增删台账资料"
        return ""


class ItemHelper(AuditedModel):
    """A 配合单位 of an item: a member unit or a town that helps the lead; it sees the item on its own pages."""

    score = models.ForeignKey(ItemScore, verbose_name="考评得分", on_delete=models.CASCADE, related_name="helpers")
    unit = models.ForeignKey(
        "units.Unit", verbose_name="配合单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    town = models.ForeignKey(
        "regions.Region", verbose_name="配合乡镇", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope_region_field = "town"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "配合单位"
        verbose_name_plural = "配合单位"
        ordering = ["score", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True, town__isnull=False)
                | models.Q(unit__isnull=False, town__isnull=True),
                name="item_helper_unit_or_town",
            ),
            models.UniqueConstraint(fields=["score", "unit"], name="item_helper_unit_once"),
            models.UniqueConstraint(fields=["score", "town"], name="item_helper_town_once"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if self.unit is not None:
            return self.unit.shown_name
        return self.town.name if self.town is not None else ""


class ItemRecord(AuditedModel):
    """A record picked as an item's evidence from the records behind a catalogue figure (a meeting, a visit, a pair
    ...): the figure, the row and its label as it read when picked (a record deleted later keeps its line)."""

    score = models.ForeignKey(ItemScore, verbose_name="考评得分", on_delete=models.CASCADE, related_name="records")
    figure = FigureKeyField("统计指标")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField("记录", max_length=40)
    label = models.CharField("记录摘要", max_length=200)

    scope_region_field = "score__place"
    scope_unit_field = "score__lead_unit"

    class Meta:
        verbose_name = "台账记录"
        verbose_name_plural = "台账记录"
        ordering = ["score", "pk"]
        constraints = [models.UniqueConstraint(fields=["score", "content_type", "object_id"], name="item_record_once")]

    def __str__(self):
        return self.label


class Naming(AuditedModel):
    """A naming the region received: 全国双拥模范城（县） in 2020, 省级 in 2016 ..."""

    region = models.ForeignKey("regions.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    level = models.CharField("级别", max_length=12, choices=RubricLevel.choices)
    year = models.PositiveSmallIntegerField("命名年度")
    title = models.CharField("称号", max_length=100)

    scope_region_field = "region"

    class Meta:
        verbose_name = "双拥模范命名"
        verbose_name_plural = "双拥模范命名"
        ordering = ["region", "level", "-year"]
        constraints = [models.UniqueConstraint(fields=["region", "level", "year"], name="naming_once")]

    def __str__(self):
        return f"{self.year}年 {self.title}"
