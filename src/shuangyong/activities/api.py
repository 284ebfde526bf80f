"""双拥活动 in the API: activities (list, read, record), visit recipients, 共建 pairs and 帮扶 cases (read).
Every list through accounts.scope; recording goes through the service (scope, capability, audit, idempotency)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from shuangyong.accounts.roles import Cap, Role
from shuangyong.activities.models import Activity, HelpCase, Pair, VisitRecipient
from shuangyong.activities.serializers import (
    ActivitySerializer,
    ActivityWriteSerializer,
    CaseSerializer,
    PairSerializer,
    RecipientSerializer,
)
from shuangyong.activities.services.records import record_activity
from shuangyong.api.base import WRITE_ERRORS, DomainError, ScopedReadOnlyViewSet, ScopedViewSetMixin, year_param
from shuangyong.units.models import Unit, UnitKind

TAGS = ["activities 双拥活动"]
YEAR = OpenApiParameter("year", int, description="年度")


def _year_filter(request, qs, field: str):
    year = year_param(request)
    return qs if year is None else qs.filter(**{f"{field}__year": year})


def _units(codes, kind) -> list[Unit]:
    units = list(Unit.objects.filter(code__in=codes or [], kind=kind))
    missing = set(codes or []) - {u.code for u in units}
    if missing:
        raise DomainError(f"没有这些{UnitKind(kind).label}：{'、'.join(sorted(missing))}")
    return units


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=[YEAR, OpenApiParameter("kind", str, description="活动类别代码")]),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(
        tags=TAGS,
        request=ActivityWriteSerializer,
        responses={201: ActivitySerializer, 200: ActivitySerializer, **WRITE_ERRORS},
    ),
)
class ActivityViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = Activity.objects.select_related("kind", "occasion", "organiser").prefetch_related(
        "quantities", "partner_units", "garrison_units"
    )
    serializer_class = ActivitySerializer

    def get_queryset(self):
        qs = _year_filter(self.request, super().get_queryset(), "date")
        kind = self.request.query_params.get("kind", "").strip()
        return qs.filter(kind_id=kind) if kind else qs.order_by("-date", "-id")

    def create(self, request, *args, **kwargs):
        if not request.user.can(Cap.EDIT_RECORDS):
            return Response({"detail": "您的角色不能登记双拥活动"}, status=status.HTTP_403_FORBIDDEN)
        body = ActivityWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if request.user.role == Role.UNIT_STAFF:
            unit = request.user.unit
        else:
            unit = _units([data["organiser"]], UnitKind.MEMBER)[0] if data.get("organiser") else None
        region = data.get("region") or (None if unit else request.user.region_id)
        activity = record_activity(
            unit=unit,
            region=region,
            kind=data["kind"],
            date=data["date"],
            title=data["title"],
            occasion=data.get("occasion", ""),
            quantities=data.get("quantities") or {},
            money_fen=data["money_fen"],
            narrative=data["narrative"],
            leaders=data["leaders"],
            garrison_units=_units(data.get("garrison_units"), UnitKind.GARRISON),
            partner_units=_units(data.get("partner_units"), UnitKind.PARTNER),
            source_key=data.get("source_key"),
            source_document="接口",
            user=request.user,
        )
        code = status.HTTP_201_CREATED if activity.outcome == "created" else status.HTTP_200_OK
        return Response(ActivitySerializer(Activity.objects.get(pk=activity.pk)).data, status=code)


@extend_schema_view(list=extend_schema(tags=TAGS, parameters=[YEAR]), retrieve=extend_schema(tags=TAGS))
class VisitRecipientViewSet(ScopedReadOnlyViewSet):
    base_queryset = VisitRecipient.objects.select_related("activity", "person", "garrison")
    serializer_class = RecipientSerializer

    def get_queryset(self):
        return _year_filter(self.request, super().get_queryset(), "activity__date").order_by("activity", "id")


@extend_schema_view(list=extend_schema(tags=TAGS), retrieve=extend_schema(tags=TAGS))
class PairViewSet(ScopedReadOnlyViewSet):
    base_queryset = Pair.objects.select_related("partner", "garrison")
    serializer_class = PairSerializer


@extend_schema_view(list=extend_schema(tags=TAGS, parameters=[YEAR]), retrieve=extend_schema(tags=TAGS))
class HelpCaseViewSet(ScopedReadOnlyViewSet):
    base_queryset = HelpCase.objects.select_related("person", "kind").prefetch_related("steps")
    serializer_class = CaseSerializer

    def get_queryset(self):
        return _year_filter(self.request, super().get_queryset(), "opened").order_by("-opened", "-id")


def register(router) -> None:
    """Add this app's API endpoints to the project router (api_urls.py calls it for every domain app)."""
    router.register("activities", ActivityViewSet, basename="activity")
    router.register("visit-recipients", VisitRecipientViewSet, basename="visit-recipient")
    router.register("coconstruction-pairs", PairViewSet, basename="coconstruction-pair")
    router.register("help-cases", HelpCaseViewSet, basename="help-case")
