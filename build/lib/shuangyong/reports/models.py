"""The yearly 双拥工作总结: its wording as data (SummaryTemplate, NamingCycle) and the drafts staff edit.

The generator (reports/summary/) fills the templates' placeholders from the figures catalogue; a draft keeps
the generated paragraphs beside the staff's edits and the figures each paragraph cites, and is what the Word
document is written from.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from shuangyong.audit.mixins import AuditedModel


class TemplateKind(models.TextChoices):
    TITLE = "title", "标题"
    OPENING = "opening", "开头"
    SECTION = "section", "章节"
    POINT = "point", "要点"
    EXAMPLES = "examples", "事例"
    CLOSING = "closing", "结尾"
    PROBLEM = "problem", "存在的问题"
    PLAN = "plan", "工作计划"


class TemplateScope(models.TextChoices):
    ANY = "any", "区划和单位"
    REGION = "region", "仅区划"
    COUNTY = "county", "县级及以上区划"
    TOWN = "town", "乡镇及以下区划"
    UNIT = "unit", "仅成员单位"


class SummaryTemplate(AuditedModel):
    """One piece of wording: a section's heading and framing sentence, a point, a problem, a plan item.

    `text` holds one phrasing per line; the generator picks one deterministically (same scope and year, same
    choice). Placeholders in braces name figure keys ({registry.key_persons} prints the value with its unit,
    {registry.key_persons|n} the number alone) or frame values ({year}, {name}, {next_year}, {examples}).
    A phrasing is left out when a figure it names does not exist for the scope or is zero ({key|0} allows a
    zero); the next phrasing is then tried.
    """

    key = models.SlugField("模板代码", max_length=80, unique=True)
    kind = models.CharField("类型", max_length=12, choices=TemplateKind.choices)
    section = models.CharField("所属章节", max_length=20, blank=True, help_text="统计指标目录的章节代码")
    order = models.PositiveSmallIntegerField("排序", default=0)
    scope = models.CharField("适用范围", max_length=8, choices=TemplateScope.choices, default=TemplateScope.ANY)
    heading = models.CharField("标题", max_length=120, blank=True, help_text="章节或计划条目的小标题")
    text = models.TextField("措辞", help_text="每行一种说法，生成时按范围和年度固定选取一种")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "总结措辞模板"
        verbose_name_plural = "总结措辞模板"
        ordering = ["kind", "section", "order", "key"]

    def __str__(self):
        return self.key

    @property
    def variants(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


class NamingCycle(AuditedModel):
    """A recurring honour the county works towards, e.g. 全国双拥模范城（县）: named in `last_year`, every N years."""

    name = models.CharField("称号", max_length=60, unique=True)
    last_year = models.PositiveSmallIntegerField("最近一次命名年度")
    every_years = models.PositiveSmallIntegerField("命名周期（年）")

    class Meta:
        verbose_name = "双拥模范命名周期"
        verbose_name_plural = "双拥模范命名周期"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def next_after(self, year: int) -> int:
        """The first naming year after `year`."""
        if year < self.last_year:
            return self.last_year
        return self.last_year + ((year - self.last_year) // self.every_years + 1) * self.every_years


class SummaryDraft(AuditedModel):
    """A generated summary for one year and one region subtree or member unit, as staff edit it."""

    year = models.PositiveSmallIntegerField("年度")
    region = models.ForeignKey(
        "regions.Region", verbose_name="区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="成员单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    with_plan = models.BooleanField("含下一年工作计划", default=True)
    title = models.CharField("标题", max_length=200)
    figures = models.JSONField("引用的统计指标", default=list, help_text="生成时的取值：key、名称、数值、单位、来源")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="生成人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    updated_at = models.DateTimeField("修改时间", default=timezone.now)

    scope_region_field = "region"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "工作总结草稿"
        verbose_name_plural = "工作总结草稿"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(region__isnull=True, unit__isnull=False)
                | models.Q(region__isnull=False, unit__isnull=True),
                name="summary_draft_region_or_unit",
                violation_error_message="总结须针对一个区划或一个成员单位",
            ),
        ]

    def __str__(self):
        return self.title


class ParagraphKind(models.TextChoices):
    TITLE = "title", "标题"
    ADDRESSEE = "addressee", "主送"
    BODY = "body", "正文"
    HEADING1 = "heading1", "一级标题"
    HEADING2 = "heading2", "二级标题"


class DraftParagraph(AuditedModel):
    """One paragraph of a draft: what was generated, what staff made of it, and the figures it cites."""

    draft = models.ForeignKey(SummaryDraft, verbose_name="草稿", on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveSmallIntegerField("顺序")
    kind = models.CharField("类型", max_length=12, choices=ParagraphKind.choices)
    section = models.CharField("章节", max_length=20, blank=True)
    generated_text = models.TextField("生成文本")
    edited_text = models.TextField("修改后文本", blank=True)
    figure_keys = models.JSONField("引用指标", default=list)

    scope_region_field = "draft__region"
    scope_unit_field = "draft__unit"

    class Meta:
        verbose_name = "总结段落"
        verbose_name_plural = "总结段落"
        ordering = ["draft", "position"]
        constraints = [models.UniqueConstraint(fields=["draft", "position"], name="draft_paragraph_position")]

    def __str__(self):
        return self.text[:30]

    @property
    def text(self) -> str:
        return self.edited_text or self.generated_text

    @property
    def is_edited(self) -> bool:
        return bool(self.edited_text) and self.edited_text != self.generated_text
