from rest_framework import serializers

from shuangyong.regions.serializers import RegionCodeField
from shuangyong.units.models import Unit
from shuangyong.units.services import EDITABLE_FIELDS


class UnitSerializer(serializers.ModelSerializer):
    region = RegionCodeField()
    region_name = serializers.CharField(source="region.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "kind_label", "region_name", *EDITABLE_FIELDS]
        # uniqueness is the database's job (units.services turns the IntegrityError into a message)
        extra_kwargs = {"code": {"validators": []}}
