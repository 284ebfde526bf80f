"""Files and photos attached to any record (the 双拥资料档案).

An Attachment points at its record through contenttypes (content_type + object_id, a string because regions are
keyed by their code). It carries the region and unit that place it for accounts.scope, copied from the record
when the record declares them, else from the uploader. The bytes live in a Django storage (see storage.py); the
row keeps only the storage keys, so a filesystem store can be swapped for an S3-compatible one.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from shuangyong.audit.mixins import AuditedModel


class Category(AuditedModel):
    """A code table row (照片, 会议纪要, 文件 ...), shipped in data/categories.csv."""

    code = models.CharField("代码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "资料类别"
        verbose_name_plural = "资料类别"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class FileType(AuditedModel):
    """An accepted kind of file and its size limit, shipped in data/file_types.csv; recognised by content."""

    code = models.CharField("类型代码", max_length=16, unique=True)
    label = models.CharField("名称", max_length=40)
    extensions = models.CharField("扩展名", max_length=60, help_text="以空格分隔，不带点，例如 jpg jpeg")
    mime = models.CharField("MIME 类型", max_length=120)
    is_image = models.BooleanField("图片", default=False)
    max_bytes = models.PositiveBigIntegerField("大小上限（字节）")
    is_active = models.BooleanField("允许上传", default=True)

    class Meta:
        verbose_name = "允许的文件类型"
        verbose_name_plural = "允许的文件类型"
        ordering = ["code"]

    def __str__(self):
        return self.label

    @property
    def extension_list(self) -> list[str]:
        return self.extensions.split()


class Attachment(AuditedModel):
    content_type = models.ForeignKey(ContentType, verbose_name="所属记录类型", on_delete=models.PROTECT)
    object_id = models.CharField("所属记录编号", max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    record_repr = models.CharField("所属记录", max_length=200, blank=True)

    title = models.CharField("标题", max_length=200)
    category = models.ForeignKey(Category, verbose_name="类别", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name="所属区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="所属单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    file_type = models.ForeignKey(FileType, verbose_name="文件类型", on_delete=models.PROTECT, related_name="+")
    original_name = models.CharField("原文件名", max_length=255)
    stored_name = models.CharField("存储键", max_length=255, unique=True)
    thumbnail_name = models.CharField("缩略图存储键", max_length=255, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    mime = models.CharField("内容类型", max_length=120)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    width = models.PositiveIntegerField("宽（像素）", null=True, blank=True)
    height = models.PositiveIntegerField("高（像素）", null=True, blank=True)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now, db_index=True)

    # read by accounts.scope
    scope_region_field = "region"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "档案资料"
        verbose_name_plural = "档案资料"
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["year", "category"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "sha256"],
                name="archive_one_copy_per_record",
                violation_error_message="同一文件已附在该记录上",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_image(self) -> bool:
        return bool(self.thumbnail_name)

    @property
    def size_text(self) -> str:
        return human_size(self.size)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
