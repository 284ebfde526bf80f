"""退役士兵安置 in the API: the arrivals, read-only, filtered by year, method and the overdue lists."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from shuangyong.api.base import ScopedReadOnlyViewSet, choice_param, year_param
from shuangyong.resettlement.models import Arrival, Method
from shuangyong.resettlement.serializers import ArrivalSerializer

TAGS = ["resettlement 退役士兵安置"]
OVERDUE = {"report": "逾期报到", "placement": "安排工作逾期未上岗", "any": "任一逾期"}
FILTERS = [
    OpenApiParameter("year", int, description="到达安置地的年度"),
    OpenApiParameter("method", str, description="安置方式代码，如 self_employed 自主就业、assigned_job 安排工作"),
    OpenApiParameter("overdue", str, description=" / ".join(f"{k} {v}" for k, v in OVERDUE.items())),
]


@extend_schema_view(list=extend_schema(tags=TAGS, parameters=FILTERS), retrieve=extend_schema(tags=TAGS))
class ArrivalViewSet(ScopedReadOnlyViewSet):
    serializer_class = ArrivalSerializer
    queryset = Arrival.objects.none()  # for the schema (its id's type); get_queryset is what runs
    base_queryset = Arrival.objects.select_related("person", "region", "method", "employer", "grant").prefetch_related(
        "visits"
    )

    def get_queryset(self):
        arrivals = super().get_queryset()
        if year := year_param(self.request):
            arrivals = arrivals.in_year(year)
        method = choice_param(self.request, "method", list(Method.objects.values_list("code", flat=True)))
        if method:
            arrivals = arrivals.filter(method_id=method)
        overdue = choice_param(self.request, "overdue", list(OVERDUE))
        today = timezone.localdate()
        if overdue == "report":
            arrivals = arrivals.late_reporting(today)
        elif overdue == "placement":
            arrivals = arrivals.overdue_placement(today)
        elif overdue == "any":
            arrivals = arrivals.late_reporting(today) | arrivals.overdue_placement(today)
        return arrivals.order_by("arrival_date", "id")


def register(router) -> None:
    """Add this app's API endpoints to the project router (api_urls.py calls it for every domain app)."""
    router.register("resettlement/arrivals", ArrivalViewSet, basename="resettlement-arrival")
