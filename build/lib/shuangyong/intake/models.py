"""Summaries handed in (SummaryDocument) and what the reader found in them (ExtractedItem), for review."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from shuangyong.audit.mixins import AuditedModel


class DocumentStatus(models.TextChoices):
    READ = "read", "待核对"
    DONE = "done", "已核对"


class SummaryDocument(AuditedModel):
    """One uploaded summary: its text as read from the file and the reader's result (the CLI's JSON)."""

    title = models.CharField("标题", max_length=200)
    original_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("文件摘要", max_length=64, db_index=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    region = models.ForeignKey("regions.Region", verbose_name="所属区划", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "units.Unit", verbose_name="报送单位", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit_text = models.CharField("识读出的单位", max_length=100, blank=True)
    text = models.TextField("原文")
    extraction = models.JSONField("识读结果", default=dict)
    status = models.CharField("状态", max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.READ)
    attachment = models.ForeignKey(
        "archive.Attachment",
        verbose_name="档案原件",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", default=timezone.now)

    scope_region_field = "region"
    scope_unit_field = "unit"
    audit_exclude = ("text", "extraction")  # the file itself is kept in the archive; its reading can be redone

    class Meta:
        verbose_name = verbose_name_plural = "总结识读文档"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title or self.original_name


class ItemKind(models.TextChoices):
    FIGURE = "figure", "数字"
    ACTIVITY = "activity", "活动"


class ItemStatus(models.TextChoices):
    PENDING = "pending", "待核对"
    CONFIRMED = "confirmed", "已确认"
    REJECTED = "rejected", "不采用"


class ExtractedItem(AuditedModel):
    """A figure or an activity found in a document; staff confirm or correct it, or set it aside."""

    document = models.ForeignKey(SummaryDocument, verbose_name="文档", on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveIntegerField("序号")
    kind = models.CharField("类别", max_length=10, choices=ItemKind.choices)
    status = models.CharField("状态", max_length=10, choices=ItemStatus.choices, default=ItemStatus.PENDING)
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")
    sentence = models.TextField("原句")
    # a figure
    value = models.DecimalField("数值", max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField("单位", max_length=10, blank=True)
    qualifier = models.CharField("修饰", max_length=10, blank=True)
    subject = models.CharField("计数对象", max_length=100, blank=True)
    quantity_kind = models.CharField("计量项目代码", max_length=32, blank=True)
    activity_item = models.ForeignKey(
        "self", verbose_name="所属活动", on_delete=models.SET_NULL, null=True, blank=True, related_name="figures"
    )
    # an activity
    activity_kind = models.CharField("活动类别代码", max_length=32, blank=True)
    occasion = models.CharField("活动时机代码", max_length=32, blank=True)
    date = models.DateField("日期", null=True, blank=True)
    title = models.CharField("活动名称", max_length=200, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)
    organisations = models.CharField("单位", max_length=300, blank=True)
    # review
    matches = models.JSONField("疑似已有记录", default=list, blank=True)
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name="活动记录",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="核对人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField("核对时间", null=True, blank=True)

    scope_region_field = "document__region"
    scope_unit_field = "document__unit"

    class Meta:
        verbose_name = verbose_name_plural = "识读条目"
        ordering = ["document", "seq"]
        constraints = [models.UniqueConstraint(fields=["document", "seq"], name="intake_item_seq_once")]

    def __str__(self):
        if self.kind == ItemKind.FIGURE:
            return f"{self.subject}：{self.value.normalize() if self.value is not None else ''}{self.unit}"
        return self.title
