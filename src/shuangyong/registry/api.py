from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from shuangyong.api.base import RevealAuditedMixin, ScopedReadOnlyViewSet
from shuangyong.registry.models import Entitlement, Person
from shuangyong.registry.serializers import EntitlementSerializer, PersonSerializer
from shuangyong.registry.services.search import search_persons
from shuangyong.registry.views import PersonFilterForm, _filter_from

TAGS = ["registry 优抚对象"]
PERSON_FILTERS = [
    OpenApiParameter("region", str, description="区划代码（12 位或简码）：该区划及以下"),
    OpenApiParameter("category", str, description="优抚类别代码，如 11 残疾军人"),
    OpenApiParameter("status", str, description="待遇状态：applied active suspended moved_out cancelled deceased ..."),
    OpenApiParameter("grade", int, description="伤残等级 1-10"),
    OpenApiParameter("age_min", int),
    OpenApiParameter("age_max", int),
    OpenApiParameter("confirmed", str, description="yes / no：本年度是否已年度确认"),
    OpenApiParameter("q", str, description="姓名、拼音首字母或身份证号片段"),
    OpenApiParameter("sort", str, description="region name birth -birth recent"),
]


@extend_schema_view(list=extend_schema(tags=TAGS, parameters=PERSON_FILTERS), retrieve=extend_schema(tags=TAGS))
class PersonViewSet(RevealAuditedMixin, viewsets.ReadOnlyModelViewSet):
    """优抚对象 with their entitlements, scoped and masked like the UI."""

    reveal_what = "优抚对象（接口）"
    serializer_class = PersonSerializer
    queryset = Person.objects.none()  # for the schema; get_queryset is what runs

    def get_queryset(self):
        form = PersonFilterForm(self.request.query_params or None)
        return search_persons(self.request.user, _filter_from(form)).prefetch_related("entitlements__category")


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=[OpenApiParameter("person", int)]), retrieve=extend_schema(tags=TAGS)
)
class EntitlementViewSet(ScopedReadOnlyViewSet):
    base_queryset = Entitlement.objects.select_related("category").order_by("person_id", "category_id")
    serializer_class = EntitlementSerializer

    def get_queryset(self):
        entitlements = super().get_queryset()
        if self.request.query_params.get("person"):
            entitlements = entitlements.filter(person_id=self.request.query_params["person"])
        return entitlements
