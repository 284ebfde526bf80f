from rest_framework import serializers

from shuangyong.regions.models import Region


class RegionSerializer(serializers.ModelSerializer):
    short_code = serializers.CharField(read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    parent = serializers.CharField(source="parent_id", read_only=True)

    class Meta:
        model = Region
        fields = ["code", "short_code", "name", "level", "level_label", "parent"]
