from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from shuangyong.api.base import WRITE_ERRORS, ScopedViewSetMixin, choice_param, date_param, region_param, year_param
from shuangyong.leadership import services
from shuangyong.leadership.choices import Body, DecisionStatus
from shuangyong.leadership.models import Decision, GroupMember, Meeting
from shuangyong.leadership.serializers import (
    CompleteSerializer,
    DecisionSerializer,
    MeetingSerializer,
    MemberSerializer,
    SuccessorSerializer,
)

TAGS = ["leadership 领导小组与会议"]


class LeadershipContextMixin:
    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


@extend_schema_view(
    list=extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("region", str, description="区划代码：只列该区划本级的成员"),
            OpenApiParameter("body", str, enum=Body.values, description="group 领导小组 / office 双拥办"),
            OpenApiParameter("on", str, description="YYYY-MM-DD：只列当天在任的成员"),
        ],
    ),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS, responses={201: MemberSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(tags=TAGS, responses={200: MemberSerializer, **WRITE_ERRORS}),
    replace=extend_schema(tags=TAGS, request=SuccessorSerializer, responses={201: MemberSerializer, **WRITE_ERRORS}),
)
class MemberViewSet(
    LeadershipContextMixin,
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """领导小组与双拥办成员 (terms of office). A change of post ends a term (end) and starts another (replace)."""

    base_queryset = GroupMember.objects.select_related("unit")
    serializer_class = MemberSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        members = super().get_queryset()
        if region := region_param(self.request, "region"):
            members = members.filter(region_id=region)
        if body := choice_param(self.request, "body", Body.values):
            members = members.filter(body=body)
        if day := date_param(self.request, "on"):
            members = members.filter(services.serving_q(day))
        return members.order_by("region", "body", "start", "pk")

    def perform_create(self, serializer):
        serializer.instance = services.appoint_member(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        fields = {k: v for k, v in serializer.validated_data.items() if k not in ("region", "body")}
        serializer.instance = services.update_member(serializer.instance, user=self.request.user, **fields)

    @action(detail=True, methods=["post"])
    def replace(self, request, pk=None):
        incoming = SuccessorSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        successor = services.replace_member(self.get_object(), user=request.user, **incoming.validated_data)
        return Response(MemberSerializer(successor).data, status=201)


@extend_schema_view(
    list=extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("region", str, description="区划代码：该区划及下辖乡镇的会议"),
            OpenApiParameter("year", int, description="年度"),
            OpenApiParameter("kind", str, description="会议类型代码"),
        ],
    ),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS, responses={201: MeetingSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(tags=TAGS, responses={200: MeetingSerializer, **WRITE_ERRORS}),
)
class MeetingViewSet(
    LeadershipContextMixin,
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """会议, with their 议定事项."""

    base_queryset = Meeting.objects.select_related("kind").prefetch_related("attendees", "decisions__owner_unit")
    serializer_class = MeetingSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        from shuangyong.regions.models import subtree_q

        meetings = super().get_queryset()
        if region := region_param(self.request, "region"):
            meetings = meetings.filter(subtree_q("region", region))
        if year := year_param(self.request):
            meetings = meetings.filter(date__year=year)
        if kind := self.request.query_params.get("kind", "").strip():
            meetings = meetings.filter(kind_id=kind)
        return meetings

    def perform_create(self, serializer):
        serializer.instance = services.record_meeting(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        fields = {k: v for k, v in serializer.validated_data.items() if k != "region"}
        serializer.instance = services.update_meeting(serializer.instance, user=self.request.user, **fields)


@extend_schema_view(
    list=extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("status", str, enum=DecisionStatus.values, description="open 未完成 / done 已完成"),
            OpenApiParameter("overdue", bool, description="true：只列已过完成时限仍未完成的事项"),
        ],
    ),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS, responses={201: DecisionSerializer, **WRITE_ERRORS}),
    complete=extend_schema(tags=TAGS, request=CompleteSerializer, responses={200: DecisionSerializer, **WRITE_ERRORS}),
    reopen=extend_schema(tags=TAGS, request=None, responses={200: DecisionSerializer, **WRITE_ERRORS}),
)
class DecisionViewSet(
    LeadershipContextMixin,
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """议定事项: added to a meeting; the meeting's region or the unit charged with it reports it done."""

    base_queryset = Decision.objects.select_related("meeting", "owner_unit")
    serializer_class = DecisionSerializer

    def get_queryset(self):
        decisions = super().get_queryset()
        if status := choice_param(self.request, "status", DecisionStatus.values):
            decisions = decisions.filter(status=status)
        if choice_param(self.request, "overdue", ["true", "false"]) == "true":
            decisions = services.overdue(decisions, timezone.localdate())
        return decisions

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        meeting = data.pop("meeting")
        serializer.instance = services.add_decision(meeting, user=self.request.user, **data)

    def _answer(self, decision):
        return Response(DecisionSerializer(decision, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        incoming = CompleteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        return self._answer(services.complete_decision(self.get_object(), user=request.user, **incoming.validated_data))

    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._answer(services.reopen_decision(self.get_object(), user=request.user))


def register(router) -> None:
    """Add this app's API endpoints to the project router (api_urls.py calls it for every domain app)."""
    router.register("leadership/members", MemberViewSet, basename="leadership-member")
    router.register("leadership/meetings", MeetingViewSet, basename="leadership-meeting")
    router.register("leadership/decisions", DecisionViewSet, basename="leadership-decision")
