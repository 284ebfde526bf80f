from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from shuangyong.api.base import DomainError, ScopedViewSetMixin
from shuangyong.regions.models import subtree_q
from shuangyong.units.models import Unit
from shuangyong.units.serializers import UnitSerializer
from shuangyong.units.services import UnitError, create_unit, update_unit

TAGS = ["units 单位"]


@extend_schema_view(
    list=extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("kind", str, description="member 成员单位 / garrison 驻军 / partner 共建单位"),
            OpenApiParameter("region", str, description="区划代码：只列该区划及以下"),
            OpenApiParameter("q", str, description="名称或代码"),
        ],
    ),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS),
    update=extend_schema(tags=TAGS),
    partial_update=extend_schema(tags=TAGS),
)
class UnitViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """单位: listed within the caller's scope; written through units.services (scope checked, audited)."""

    base_queryset = Unit.objects.select_related("region")
    serializer_class = UnitSerializer

    def get_queryset(self):
        units = super().get_queryset()
        params = self.request.query_params
        if params.get("kind"):
            units = units.filter(kind=params["kind"])
        if params.get("region"):
            from shuangyong.regions.codes import normalize_code

            units = units.filter(subtree_q("region", normalize_code(params["region"])))
        if params.get("q"):
            units = units.filter(Q(name__contains=params["q"]) | Q(code__icontains=params["q"]))
        return units.order_by("kind", "code")

    def perform_create(self, serializer):
        try:
            serializer.instance = create_unit(user=self.request.user, **serializer.validated_data)
        except UnitError as exc:
            raise DomainError(str(exc)) from None

    def perform_update(self, serializer):
        try:
            serializer.instance = update_unit(serializer.instance, user=self.request.user, **serializer.validated_data)
        except UnitError as exc:
            raise DomainError(str(exc)) from None
