from rest_framework import serializers

from shuangyong.accounts.models import User
from shuangyong.regions.serializers import RegionCodeField


class UserSerializer(serializers.ModelSerializer):
    """An account as the security administrator sees it. The password is write-only; the hash never leaves."""

    role_label = serializers.CharField(source="get_role_display", read_only=True)
    region = RegionCodeField(required=False, allow_null=True)
    password = serializers.CharField(
        write_only=True,
        required=False,
        min_length=8,
        style={"input_type": "password"},
        help_text="新建时必填；修改时填写即重置密码",
    )

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
            "last_login",
            "password",
        ]
        read_only_fields = ["last_login"]
        # a taken username is reported by accounts.services
        extra_kwargs = {"username": {"validators": []}}

    def validate_username(self, value):
        if self.instance is not None and value != self.instance.username:
            raise serializers.ValidationError("用户名创建后不可修改")
        return value

    def validate(self, attrs):
        if self.instance is None and not attrs.get("password"):
            raise serializers.ValidationError({"password": "新建用户须设置初始密码"})
        return attrs


class MeSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)
    scope = serializers.CharField(source="scope_label", read_only=True)
    capabilities = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "role_label", "region", "unit", "scope", "capabilities"]

    def get_capabilities(self, user) -> list[str]:
        return sorted(user.capabilities)
