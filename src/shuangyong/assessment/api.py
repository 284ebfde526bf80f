from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from shuangyong.api.base import WRITE_ERRORS, ScopedViewSetMixin, int_param, region_param, year_param
from shuangyong.assessment import services
from shuangyong.assessment.models import LIST_ORDER, Target
from shuangyong.assessment.serializers import (
    AssignCountsSerializer,
    AssignSerializer,
    MeasureSerializer,
    TargetSerializer,
)
from shuangyong.assessment.services import OWN_SECTION_PREFIX
from shuangyong.figures import catalogue

TAGS = ["assessment 目标考核"]


@extend_schema_view(
    list=extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("year", int, description="年度"),
            OpenApiParameter("unit", int, description="责任单位编号"),
            OpenApiParameter("region", str, description="区划代码：该区划及以下的乡镇和单位的目标"),
        ],
    ),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS, request=AssignSerializer, responses={201: AssignCountsSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(tags=TAGS, responses={200: TargetSerializer, **WRITE_ERRORS}),
    destroy=extend_schema(tags=TAGS, responses={204: None, **WRITE_ERRORS}),
    measures=extend_schema(tags=TAGS, responses={200: MeasureSerializer(many=True)}),
)
class TargetViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """考核目标 with their progress computed from the records. POST sets one target for many assignees (批量下达):
    {"created", "updated", "unchanged"}; all or nothing. Units see their own targets only."""

    base_queryset = Target.objects.select_related("unit", "region")
    serializer_class = TargetSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        from shuangyong.regions.models import subtree_q

        targets = super().get_queryset()
        if year := year_param(self.request):
            targets = targets.filter(year=year)
        if unit := int_param(self.request, "unit"):
            targets = targets.filter(unit_id=unit)
        if region := region_param(self.request, "region"):
            targets = targets.filter(subtree_q("region", region))
        return targets.order_by("year", *LIST_ORDER)

    def create(self, request, *args, **kwargs):
        incoming = AssignSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        counts = services.assign_target(user=request.user, **incoming.validated_data)
        return Response(counts.as_dict(), status=201)

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.update_target(
            serializer.instance,
            user=self.request.user,
            threshold=data.get("threshold"),
            comparator=data.get("comparator"),
            points=data.get("points", ""),
            note=data.get("note"),
        )

    def perform_destroy(self, instance):
        services.withdraw_target(instance, user=self.request.user)

    @action(detail=False, methods=["get"], pagination_class=None)
    def measures(self, request):
        """The figures a target may measure, with the scopes (region, unit) each applies to."""
        rows = [
            {"key": f.key, "label": f.label, "unit": f.unit, "section": f.section, "scopes": sorted(f.scopes)}
            for f in catalogue.figures()
            if not f.key.startswith(OWN_SECTION_PREFIX)
        ]
        return Response(rows)


def register(router) -> None:
    """Add this app's API endpoints to the project router (api_urls.py calls it for every domain app)."""
    router.register("assessment/targets", TargetViewSet, basename="assessment-target")
