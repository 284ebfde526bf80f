from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from shuangyong.api.base import (
    WRITE_ERRORS,
    ScopedReadOnlyViewSet,
    ScopedViewSetMixin,
    region_param,
    year_param,
)
from shuangyong.care import services
from shuangyong.care.models import CareRecord, Fund, MemorialSite
from shuangyong.care.serializers import CareRecordSerializer, FundSerializer, MemorialSiteSerializer
from shuangyong.regions.models import subtree_q

TAGS = ["care 优待服务与关爱"]


def _data(validated: dict) -> services.CareData:
    fields = dict(validated)
    region = fields.pop("region")
    return services.CareData(region=getattr(region, "code", region), **fields)


YEAR = OpenApiParameter("year", int, description="年度")
REGION = OpenApiParameter("region", str, description="区划代码：该区划及下辖区划")


@extend_schema_view(
    list=extend_schema(
        tags=TAGS, parameters=[YEAR, REGION, OpenApiParameter("kind", str, description="类别代码，如 medical_aid")]
    ),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS, responses={201: CareRecordSerializer, **WRITE_ERRORS}),
    update=extend_schema(tags=TAGS, responses={200: CareRecordSerializer, **WRITE_ERRORS}),
    destroy=extend_schema(tags=TAGS, responses={204: None, **WRITE_ERRORS}),
)
class CareRecordViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """优待服务与关爱的记录: 优先就医、优待证、随军家属就业、医疗补助、祭扫、军转干部安置 ... (类别: a code table)."""

    base_queryset = CareRecord.objects.select_related("kind", "region")
    serializer_class = CareRecordSerializer
    http_method_names = ["get", "post", "put", "delete", "head", "options"]

    def get_queryset(self):
        found = super().get_queryset()
        if region := region_param(self.request, "region"):
            found = found.filter(subtree_q("region", region))
        if year := year_param(self.request):
            found = found.filter(date__year=year)
        if kind := self.request.query_params.get("kind", "").strip():
            found = found.filter(kind_id=kind)
        return found

    def perform_create(self, serializer):
        serializer.instance = services.record_care(_data(serializer.validated_data), user=self.request.user)

    def perform_update(self, serializer):
        record = serializer.instance
        serializer.instance = services.update_care(record, _data(serializer.validated_data), user=self.request.user)

    def perform_destroy(self, instance):
        services.delete_care(instance, user=self.request.user)


@extend_schema_view(list=extend_schema(tags=TAGS), retrieve=extend_schema(tags=TAGS))
class MemorialSiteViewSet(ScopedReadOnlyViewSet):
    """烈士纪念设施."""

    base_queryset = MemorialSite.objects.select_related("region")
    serializer_class = MemorialSiteSerializer


@extend_schema_view(list=extend_schema(tags=TAGS, parameters=[YEAR]), retrieve=extend_schema(tags=TAGS))
class FundViewSet(ScopedReadOnlyViewSet):
    """双拥经费 by region, year and purpose (budget and spending in 分)."""

    base_queryset = Fund.objects.select_related("region", "purpose")
    serializer_class = FundSerializer

    def get_queryset(self):
        found = super().get_queryset()
        if year := year_param(self.request):
            found = found.filter(year=year)
        return found


def register(router) -> None:
    """Add this app's API endpoints to the project router (api_urls.py calls it for every domain app)."""
    router.register("care/records", CareRecordViewSet, basename="care-record")
    router.register("care/sites", MemorialSiteViewSet, basename="care-site")
    router.register("care/funds", FundViewSet, basename="care-fund")
