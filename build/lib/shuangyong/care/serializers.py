from rest_framework import serializers

from shuangyong.care.models import CareKind, CareRecord, Fund, MemorialSite
from shuangyong.regions.serializers import RegionCodeField
from shuangyong.units.models import Unit


class CareRecordSerializer(serializers.ModelSerializer):
    region = RegionCodeField()
    kind = serializers.SlugRelatedField(slug_field="code", queryset=CareKind.objects.all())
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    unit = serializers.CharField(source="kind.unit", read_only=True, help_text="数量的计量单位")
    provider = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False, allow_null=True)
    site = serializers.PrimaryKeyRelatedField(queryset=MemorialSite.objects.all(), required=False, allow_null=True)

    class Meta:
        model = CareRecord
        fields = [
            "id", "kind", "kind_name", "date", "region", "provider", "count", "unit", "money_fen", "beneficiary",
            "place", "site", "outcome", "note",
        ]  # fmt: skip
        validators = []  # the service checks and answers in Chinese


class MemorialSiteSerializer(serializers.ModelSerializer):
    region = RegionCodeField(read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = MemorialSite
        fields = ["id", "name", "level", "level_label", "region", "keeper", "graves", "note"]


class FundSerializer(serializers.ModelSerializer):
    region = RegionCodeField(read_only=True)
    purpose_name = serializers.CharField(source="purpose.name", read_only=True)

    class Meta:
        model = Fund
        fields = ["id", "region", "year", "purpose", "purpose_name", "budget_fen", "spent_fen", "source"]
