from django.urls import reverse
from rest_framework import serializers

from shuangyong.archive.models import Attachment


class AttachmentSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    file_type = serializers.CharField(source="file_type.code", read_only=True)
    record_type = serializers.SerializerMethodField()
    record_id = serializers.CharField(source="object_id", read_only=True)
    uploaded_by = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "title",
            "category",
            "category_name",
            "year",
            "region",
            "unit",
            "record_type",
            "record_id",
            "record_repr",
            "original_name",
            "file_type",
            "mime",
            "size",
            "sha256",
            "width",
            "height",
            "uploaded_by",
            "uploaded_at",
            "download_url",
            "thumbnail_url",
        ]
        read_only_fields = fields

    def get_record_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"

    def get_uploaded_by(self, obj) -> str:
        user = obj.uploaded_by
        return (user.get_full_name() or user.get_username()) if user else ""

    def get_download_url(self, obj) -> str:
        return reverse("attachment-download", args=[obj.pk])

    def get_thumbnail_url(self, obj) -> str | None:
        return reverse("archive:thumbnail", args=[obj.pk]) if obj.thumbnail_name else None


class AttachmentUploadSerializer(serializers.Serializer):
    record_type = serializers.CharField(help_text="所属记录类型，app_label.model，例如 units.unit、regions.region")
    record_id = serializers.CharField(help_text="所属记录的主键（区划为 12 位代码）")
    file = serializers.FileField(help_text="jpg/png/gif/webp/pdf/docx/xlsx/doc/xls/txt，按内容识别")
    category = serializers.CharField(required=False, allow_blank=True, help_text="类别代码或名称；默认图片为照片")
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    year = serializers.IntegerField(required=False, min_value=1949, max_value=2100)
