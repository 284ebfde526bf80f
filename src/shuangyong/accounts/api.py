from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.serializers import MeSerializer, UserSerializer
from shuangyong.accounts.services import create_account, managed_accounts, reset_password, update_account
from shuangyong.api.base import WRITE_ERRORS, ErrorSerializer

TAGS = ["users 用户"]


class CanManageUsers(permissions.BasePermission):
    message = "只有安全管理员可以管理用户"

    def has_permission(self, request, view):
        return request.user.can(Cap.MANAGE_USERS)


@extend_schema_view(
    list=extend_schema(tags=TAGS, responses={200: UserSerializer(many=True), 403: ErrorSerializer}),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS, responses={201: UserSerializer, **WRITE_ERRORS}),
    update=extend_schema(tags=TAGS, responses={200: UserSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(tags=TAGS, responses={200: UserSerializer, **WRITE_ERRORS}),
)
class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """用户: for the security administrator only; written through accounts.services (audited).

    The accounts the security administrator answers for: all, or those of its region (accounts.scope).
    """

    queryset = User.objects.none()  # names the model for the schema; get_queryset gives the accounts managed
    serializer_class = UserSerializer
    permission_classes = [permissions.IsAuthenticated, CanManageUsers]

    def get_queryset(self):
        return managed_accounts(self.request.user).select_related("region", "unit").order_by("username")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = create_account(
            actor=self.request.user, username=data.pop("username"), password=data.pop("password"), **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("username", None)
        password = data.pop("password", None)
        with transaction.atomic():
            user = update_account(serializer.instance, actor=self.request.user, **data)
            if password:
                reset_password(user, actor=self.request.user, password=password)
        serializer.instance = user


@extend_schema(tags=TAGS, responses=MeSerializer)
@api_view(["GET"])
def me(request):
    """The signed-in user: role, scope and capabilities (any role may ask)."""
    return Response(MeSerializer(request.user).data)
