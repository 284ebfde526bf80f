from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shuangyong.regions.codes import InvalidRegionCode, normalize_code
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit
from shuangyong.units.services import EDITABLE_FIELDS


@extend_schema_field(OpenApiTypes.STR)
class RegionCodeField(serializers.Field):
    """A region given as its 12-digit code or short form; shown as the 12-digit code."""

    def to_representation(self, value):
        return value.code if isinstance(value, Region) else value

    def to_internal_value(self, data):
        try:
            return Region.objects.get(code=normalize_code(data))
        except (InvalidRegionCode, Region.DoesNotExist):
            raise serializers.ValidationError(f"区划代码 {data} 不存在") from None


class UnitSerializer(serializers.ModelSerializer):
    region = RegionCodeField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "kind_label", *EDITABLE_FIELDS]
        # uniqueness is the database's job (services turn the IntegrityError into a message)
        extra_kwargs = {"code": {"validators": []}}
