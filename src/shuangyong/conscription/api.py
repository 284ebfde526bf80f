"""征兵与优待 API: candidates (with their steps), serving members, awards, allowances — scoped and masked like
the pages, every change through the services."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from shuangyong.accounts.roles import Cap
from shuangyong.api.base import (
    WRITE_ERRORS,
    ScopedReadOnlyViewSet,
    ScopedViewSetMixin,
    choice_param,
    int_param,
    year_param,
)
from shuangyong.conscription.choices import Season, Stage
from shuangyong.conscription.models import Allowance, Award, Candidate, ReturnReason, ServiceMember
from shuangyong.conscription.serializers import (
    AllowanceSerializer,
    AwardSerializer,
    CandidateSerializer,
    MemberSerializer,
    StepSerializer,
)
from shuangyong.conscription.services import candidates as svc
from shuangyong.conscription.services.allowances import refresh_allowances
from shuangyong.conscription.services.awards import record_award

TAGS = ["conscription 征兵与优待"]


def _editor(user):
    if not user.can(Cap.EDIT_RECORDS):
        raise PermissionDenied("您的角色不能办理征兵与优待事项")


CANDIDATE_FILTERS = [
    OpenApiParameter("year", int, description="征集年度"),
    OpenApiParameter("season", str, enum=Season.values, description="spring 春季 / autumn 秋季"),
    OpenApiParameter("stage", str, enum=Stage.values, description="报名、体检、政考、批准、输送、退兵等状态"),
]


@extend_schema_view(list=extend_schema(tags=TAGS, parameters=CANDIDATE_FILTERS), retrieve=extend_schema(tags=TAGS))
class CandidateViewSet(ScopedReadOnlyViewSet):
    base_queryset = Candidate.objects.select_related("education", "return_reason").order_by("-year", "id")
    serializer_class = CandidateSerializer

    def get_queryset(self):
        rows = super().get_queryset()
        if year := year_param(self.request):
            rows = rows.filter(year=year)
        if season := choice_param(self.request, "season", Season.values):
            rows = rows.filter(season=season)
        if stage := choice_param(self.request, "stage", Stage.values):
            rows = rows.filter(stage=stage)
        return rows

    @extend_schema(tags=TAGS, request=StepSerializer, responses={200: CandidateSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def step(self, request, pk=None):
        """办理一个环节：exam / review (passed), approve, dispatch (military_unit), return (reason, responsibility)."""
        _editor(request.user)
        candidate = self.get_object()
        data = StepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d, user = data.validated_data, request.user
        if d["step"] == "exam":
            svc.record_exam(candidate, on=d["on"], passed=d["passed"], user=user)
        elif d["step"] == "review":
            svc.record_review(candidate, on=d["on"], passed=d["passed"], user=user)
        elif d["step"] == "approve":
            svc.approve_candidate(candidate, on=d["on"], user=user)
        elif d["step"] == "dispatch":
            svc.dispatch_candidate(candidate, on=d["on"], military_unit=d["military_unit"], user=user)
        else:
            reason = ReturnReason.objects.filter(code=d["reason"]).first()
            svc.return_recruit(candidate, on=d["on"], reason=reason, responsibility=d["responsibility"], user=user)
        candidate.refresh_from_db()
        return Response(CandidateSerializer(candidate, context={"request": request}).data)


@extend_schema_view(list=extend_schema(tags=TAGS), retrieve=extend_schema(tags=TAGS))
class MemberViewSet(ScopedReadOnlyViewSet):
    base_queryset = ServiceMember.objects.order_by("-enlistment_date", "id")
    serializer_class = MemberSerializer

    @extend_schema(tags=TAGS, request=None, responses={200: AllowanceSerializer(many=True), **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def refresh_allowances(self, request, pk=None):
        """核算优待金与奖励金 (idempotent): the allowances per year of service."""
        _editor(request.user)
        member = self.get_object()
        rows = refresh_allowances(member, user=request.user)
        return Response(AllowanceSerializer(rows, many=True, context={"request": request}).data)


@extend_schema_view(
    list=extend_schema(tags=TAGS),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS, responses={201: AwardSerializer, **WRITE_ERRORS}),
)
class AwardViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = Award.objects.select_related("kind", "reward_grant").order_by("-awarded_on", "id")
    serializer_class = AwardSerializer

    def perform_create(self, serializer):
        _editor(self.request.user)
        from shuangyong.accounts.scope import visible

        d = serializer.validated_data
        member = get_object_or_404(visible(self.request.user, ServiceMember.objects.all()), pk=d["member"].pk)
        serializer.instance = record_award(
            member,
            kind=d["kind"],
            awarded_on=d["awarded_on"],
            military_unit=d["military_unit"],
            note=d.get("note", ""),
            user=self.request.user,
        )


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=[OpenApiParameter("member", int, description="现役军人编号")]),
    retrieve=extend_schema(tags=TAGS),
)
class AllowanceViewSet(ScopedReadOnlyViewSet):
    base_queryset = Allowance.objects.select_related("grant").order_by("member_id", "service_year")
    serializer_class = AllowanceSerializer

    def get_queryset(self):
        rows = super().get_queryset()
        if member := int_param(self.request, "member"):
            rows = rows.filter(member_id=member)
        return rows


def register(router) -> None:
    """Add this app's API endpoints to the project router (api_urls.py calls it for every domain app)."""
    router.register("conscription/candidates", CandidateViewSet, basename="conscription-candidate")
    router.register("conscription/members", MemberViewSet, basename="conscription-member")
    router.register("conscription/awards", AwardViewSet, basename="conscription-award")
    router.register("conscription/allowances", AllowanceViewSet, basename="conscription-allowance")
