from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shuangyong.assessment.models import Comparator, Target
from shuangyong.assessment.progress import progress_of
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError
from shuangyong.regions.serializers import RegionCodeField
from shuangyong.units.models import Unit


class ProgressSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True, coerce_to_string=True)
    share = serializers.DecimalField(max_digits=10, decimal_places=1, allow_null=True, help_text="完成值占目标值 %")
    met = serializers.BooleanField(allow_null=True)


class TargetSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", read_only=True)
    issuer = serializers.CharField(source="issuer_id", read_only=True)
    assignee = serializers.CharField(source="assignee_name", read_only=True)
    measure_label = serializers.SerializerMethodField()
    measure_unit = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = [
            "id", "year", "issuer", "unit", "region", "assignee", "measure", "measure_label", "measure_unit",
            "comparator", "threshold", "points", "note", "progress",
        ]  # fmt: skip
        read_only_fields = ["year", "unit", "measure"]

    def _figure(self, target):
        try:
            return catalogue.get(target.measure)
        except CatalogueError:
            return None

    def get_measure_label(self, target) -> str | None:
        figure = self._figure(target)
        return figure.label if figure else None

    def get_measure_unit(self, target) -> str | None:
        figure = self._figure(target)
        return figure.unit if figure else None

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, target) -> dict:
        progress = progress_of(target) if self._figure(target) else None
        if progress is None or progress.value is None:
            return {"value": None, "share": None, "met": None}
        return ProgressSerializer({"value": progress.value, "share": progress.share, "met": progress.met}).data


class AssignSerializer(serializers.Serializer):
    """批量下达: one target for many member units and/or towns at once."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    measure = serializers.CharField(help_text="统计指标代码，见 /api/assessment/measures/")
    comparator = serializers.ChoiceField(choices=Comparator.choices, default=Comparator.AT_LEAST)
    threshold = serializers.DecimalField(max_digits=14, decimal_places=2)
    points = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    units = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), many=True, required=False, default=list)
    regions = serializers.ListField(child=RegionCodeField(), required=False, default=list)


class AssignCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class MeasureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    section = serializers.CharField()
    scopes = serializers.ListField(child=serializers.CharField())
