from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from shuangyong.api.base import ScopedReadOnlyViewSet, region_param, year_param
from shuangyong.creation.models import Naming, SelfAssessment
from shuangyong.creation.report import as_json, report

TAGS = ["creation 双拥模范城（县）创建"]


class AssessmentSerializer(serializers.BaseSerializer):
    """The self-assessment as `shuangyong assessment --json` prints it (README), with its region and state."""

    def to_representation(self, instance):
        return {"id": instance.pk, "region": instance.region_id, "state": instance.state, **as_json(report(instance))}


class NamingSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Naming
        fields = ["id", "region", "level", "level_label", "year", "title"]


@extend_schema_view(
    list=extend_schema(
        tags=TAGS,
        operation_id="creation_assessments_list",  # a free-form answer: without it the list looks like a retrieve
        parameters=[OpenApiParameter("year", int, description="年度"), OpenApiParameter("region", str)],
        responses={200: OpenApiTypes.OBJECT},
    ),
    retrieve=extend_schema(tags=TAGS, responses={200: OpenApiTypes.OBJECT}),
)
class AssessmentViewSet(ScopedReadOnlyViewSet):
    """创建自评: score, sections, items with status (met, partly, missing, not_due), evidence count and units, gaps."""

    base_queryset = SelfAssessment.objects.select_related("rubric", "region")
    serializer_class = AssessmentSerializer

    def get_queryset(self):
        found = super().get_queryset()
        if region := region_param(self.request, "region"):
            found = found.filter(region_id=region)
        if year := year_param(self.request):
            found = found.filter(year=year)
        return found.order_by("-year", "region_id")


@extend_schema_view(list=extend_schema(tags=TAGS), retrieve=extend_schema(tags=TAGS))
class NamingViewSet(ScopedReadOnlyViewSet):
    """双拥模范命名."""

    base_queryset = Naming.objects.all()
    serializer_class = NamingSerializer


def register(router) -> None:
    router.register("creation/assessments", AssessmentViewSet, basename="creation-assessment")
    router.register("creation/namings", NamingViewSet, basename="creation-naming")
