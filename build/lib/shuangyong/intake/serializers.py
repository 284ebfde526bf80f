from rest_framework import serializers

from shuangyong.intake.models import SummaryDocument


class DocumentSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, default="")

    class Meta:
        model = SummaryDocument
        fields = [
            "id",
            "title",
            "original_name",
            "year",
            "region",
            "unit",
            "unit_name",
            "unit_text",
            "status",
            "status_display",
            "attachment",
            "created_at",
        ]
        read_only_fields = fields


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="总结文件：.docx 或 .txt")
    year = serializers.IntegerField(required=False, min_value=1949, max_value=2100, help_text="年度；留空则按文中识别")
    unit = serializers.IntegerField(required=False, help_text="报送单位 id；留空则为上传人的区划或单位")


class ExtractionSerializer(serializers.Serializer):
    """The reader's result: the same JSON as `shuangyong extract FILE --json`."""

    title = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField()
    addressee = serializers.CharField()
    sections = serializers.ListField(child=serializers.DictField())
    figures = serializers.ListField(child=serializers.DictField())
    activities = serializers.ListField(child=serializers.DictField())
    organisations = serializers.ListField(child=serializers.DictField())
    persons = serializers.ListField(child=serializers.DictField())
