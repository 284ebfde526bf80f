from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action

from shuangyong.api.base import DomainError, ErrorSerializer, region_param
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region, subtree_q
from shuangyong.regions.serializers import RegionSerializer
from shuangyong.regions.services import RegionNotFound, resolve_region

TAGS = ["regions 行政区划"]
CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, description="区划代码：12 位，或简码（6 位县、9 位乡镇）")
FILTERS = [
    OpenApiParameter("within", str, description="只列出该区划（12 位代码或简码）及其全部下级"),
    OpenApiParameter("parent", str, description="上级区划代码（12 位或简码）：只列其直接下级"),
    OpenApiParameter("level", int, enum=Level.values, description="层级：1 省 2 市 3 县 4 乡镇 5 村"),
    OpenApiParameter("q", str, description="名称包含该文字，或代码以其开头"),
]


def _level_param(request) -> int | None:
    raw = request.query_params.get("level", "").strip()
    if not raw:
        return None
    if raw not in {str(v) for v in Level.values}:
        raise DomainError(f"参数 level：“{raw}”无效，应为 1-5（1 省 2 市 3 县 4 乡镇 5 村）")
    return int(raw)


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=FILTERS),
    retrieve=extend_schema(tags=TAGS, parameters=[CODE], responses={200: RegionSerializer, 404: ErrorSerializer}),
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """行政区划: reference data, so readable by every signed-in user whatever their scope (not scope-filtered)."""

    serializer_class = RegionSerializer
    lookup_field = "code"
    lookup_value_regex = r"\d{2,12}"

    def get_queryset(self):
        regions = Region.objects.all()
        if within := region_param(self.request, "within"):
            regions = regions.filter(subtree_q("code", within))
        if parent := region_param(self.request, "parent"):
            regions = regions.filter(parent_id=parent)
        if (level := _level_param(self.request)) is not None:
            regions = regions.filter(level=level)
        if q := self.request.query_params.get("q", "").strip():
            regions = regions.filter(Q(name__contains=q) | Q(code__startswith=q))
        return regions.order_by("code")

    def get_object(self):
        # the URL may carry the short form, so look up by the normalised code rather than the raw kwarg
        try:
            region = resolve_region(self.kwargs["code"])
        except RegionNotFound as exc:
            raise exceptions.NotFound(str(exc)) from None
        self.check_object_permissions(self.request, region)
        return region

    @extend_schema(tags=TAGS, parameters=[CODE], responses={200: RegionSerializer(many=True), 404: ErrorSerializer})
    @action(detail=True)
    def children(self, request, code=None):
        """The direct subdivisions of a region (a county's towns, a town's villages)."""
        page = self.paginate_queryset(self.get_object().children.order_by("code"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
