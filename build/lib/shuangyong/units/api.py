from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from shuangyong.api.base import WRITE_ERRORS, ScopedViewSetMixin, choice_param, region_param
from shuangyong.regions.models import subtree_q
from shuangyong.units.models import Unit, UnitKind
from shuangyong.units.serializers import UnitSerializer
from shuangyong.units.services import create_unit, update_unit

TAGS = ["units 单位"]
FILTERS = [
    OpenApiParameter(
        "kind", str, enum=UnitKind.values, description=" / ".join(f"{v} {label}" for v, label in UnitKind.choices)
    ),
    OpenApiParameter("region", str, description="区划代码（12 位或简码）：只列该区划及以下的单位"),
    OpenApiParameter("q", str, description="名称、简称包含，或单位代码包含"),
]


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=FILTERS),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS, responses={201: UnitSerializer, **WRITE_ERRORS}),
    update=extend_schema(tags=TAGS, responses={200: UnitSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(tags=TAGS, responses={200: UnitSerializer, **WRITE_ERRORS}),
)
class UnitViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """单位: listed within the caller's scope; written through units.services (scope checked, audited).

    No delete: a unit that is gone is set is_active=false, so its history stays.
    """

    base_queryset = Unit.objects.select_related("region")
    serializer_class = UnitSerializer

    def get_queryset(self):
        units = super().get_queryset()
        if kind := choice_param(self.request, "kind", UnitKind.values):
            units = units.filter(kind=kind)
        if region := region_param(self.request, "region"):
            units = units.filter(subtree_q("region", region))
        if q := self.request.query_params.get("q", "").strip():
            units = units.filter(Q(name__contains=q) | Q(short_name__contains=q) | Q(code__icontains=q))
        return units.order_by("kind", "code")

    def perform_create(self, serializer):
        serializer.instance = create_unit(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = update_unit(serializer.instance, user=self.request.user, **serializer.validated_data)
