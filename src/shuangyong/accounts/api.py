from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.serializers import MeSerializer, UserSerializer
from shuangyong.accounts.services import AccountError, create_account, update_account
from shuangyong.api.base import DomainError

TAGS = ["users 用户"]


class CanManageUsers(permissions.BasePermission):
    message = "只有安全管理员可以管理用户"

    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.can(Cap.MANAGE_USERS)


@extend_schema_view(
    list=extend_schema(tags=TAGS),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS),
    update=extend_schema(tags=TAGS),
    partial_update=extend_schema(tags=TAGS),
)
class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """用户: for the security administrator only; written through accounts.services (audited)."""

    queryset = User.objects.select_related("region", "unit").order_by("username")
    serializer_class = UserSerializer
    permission_classes = [CanManageUsers]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        password = data.pop("password", None)
        if not password:
            raise DomainError("新建用户须设置初始密码（password）")
        try:
            serializer.instance = create_account(
                actor=self.request.user, username=data.pop("username"), password=password, **data
            )
        except AccountError as exc:
            raise DomainError(str(exc)) from None

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("password", None)
        data.pop("username", None)
        try:
            serializer.instance = update_account(serializer.instance, actor=self.request.user, **data)
        except AccountError as exc:
            raise DomainError(str(exc)) from None


@extend_schema(tags=TAGS, responses=MeSerializer)
@api_view(["GET"])
def me(request):
    """The signed-in user: role, scope and capabilities."""
    return Response(MeSerializer(request.user).data)
