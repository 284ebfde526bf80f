from rest_framework import serializers

from shuangyong.accounts.models import User
from shuangyong.units.serializers import RegionCodeField


class UserSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    region = RegionCodeField(required=False, allow_null=True)
    password = serializers.CharField(write_only=True, required=False, min_length=8)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "role",
            "role_label",
            "region",
            "unit",
            "phone",
            "email",
            "is_active",
            "password",
        ]
        extra_kwargs = {"username": {"validators": []}}


class MeSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True)
    scope = serializers.CharField(source="scope_label", read_only=True)
    capabilities = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "role_label", "region", "unit", "scope", "capabilities"]

    def get_capabilities(self, user) -> list[str]:
        return sorted(user.capabilities)
