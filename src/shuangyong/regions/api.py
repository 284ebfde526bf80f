from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from shuangyong.regions.codes import InvalidRegionCode, normalize_code
from shuangyong.regions.models import Region, subtree_q
from shuangyong.regions.serializers import RegionSerializer

FILTERS = [
    OpenApiParameter("within", str, description="只列出该区划（12 位代码或简码）及其下级"),
    OpenApiParameter("parent", str, description="上级区划代码（12 位或简码）"),
    OpenApiParameter("level", int, description="层级：1 省 2 市 3 县 4 乡镇 5 村"),
    OpenApiParameter("q", str, description="名称包含，或代码开头"),
]


def _code(raw: str) -> str:
    try:
        return normalize_code(raw)
    except InvalidRegionCode as exc:
        raise Http404(str(exc)) from None


@extend_schema_view(
    list=extend_schema(parameters=FILTERS, tags=["regions 行政区划"]), retrieve=extend_schema(tags=["regions 行政区划"])
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """行政区划: reference data, readable by every signed-in user. `code` may be 12 digits or short."""

    serializer_class = RegionSerializer
    lookup_field = "code"
    lookup_value_regex = r"\d{2,12}"

    def get_queryset(self):
        regions = Region.objects.all()
        params = self.request.query_params
        if params.get("within"):
            regions = regions.filter(subtree_q("code", _code(params["within"])))
        if params.get("parent"):
            regions = regions.filter(parent_id=_code(params["parent"]))
        if params.get("level"):
            regions = regions.filter(level=params["level"])
        if params.get("q"):
            regions = regions.filter(Q(name__contains=params["q"]) | Q(code__startswith=params["q"]))
        return regions.order_by("code")

    def get_object(self):
        try:
            return Region.objects.get(code=_code(self.kwargs["code"]))
        except Region.DoesNotExist:
            raise Http404("区划不存在") from None

    @extend_schema(tags=["regions 行政区划"])
    @action(detail=True)
    def children(self, request, code=None):
        region = self.get_object()
        page = self.paginate_queryset(region.children.order_by("code"))
        return (
            self.get_paginated_response(RegionSerializer(page, many=True).data)
            if page is not None
            else Response(RegionSerializer(region.children.order_by("code"), many=True).data)
        )
