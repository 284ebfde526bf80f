from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shuangyong.regions.models import Region
from shuangyong.regions.services import RegionNotFound, resolve_region


class RegionSerializer(serializers.ModelSerializer):
    short_code = serializers.CharField(read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    parent = serializers.CharField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "short_code", "name", "level", "level_label", "parent"]


@extend_schema_field(
    {"type": "string", "description": "区划代码：12 位，或简码（6 位县、9 位乡镇）", "example": "350123100"}
)
class RegionCodeField(serializers.Field):
    """A region in a payload: its 12-digit code or short form (6 digits county, 9 town); shown as 12 digits."""

    default_error_messages = {"invalid": "{message}"}

    def to_representation(self, value):
        return value.code if isinstance(value, Region) else value

    def to_internal_value(self, data):
        try:
            return resolve_region(data)
        except RegionNotFound as exc:
            self.fail("invalid", message=str(exc))
