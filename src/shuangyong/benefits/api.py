"""Benefits in the API: standards, payment runs (compute, check, approve, discard), their lines and findings.
Every write goes through the services (scope, capability, audit); their refusals come back as 400/403."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from shuangyong.accounts.roles import Cap
from shuangyong.api.base import (
    WRITE_ERRORS,
    RevealAuditedMixin,
    ScopedViewSetMixin,
    choice_param,
    date_param,
    int_param,
    month_param,
    region_param,
)
from shuangyong.benefits.choices import CLOSED_FINDING_STATES, FindingCode, FindingState, LineType, RunStatus
from shuangyong.benefits.models import Finding, PaymentLine, PaymentRun, Standard
from shuangyong.benefits.serializers import (
    ComputeRunSerializer,
    FindingSerializer,
    PaymentLineSerializer,
    PaymentRunSerializer,
    StandardSerializer,
    WaiveSerializer,
)
from shuangyong.benefits.services import approval, standards
from shuangyong.benefits.services.engine import compute_run
from shuangyong.regions.models import subtree_q

TAGS = ["benefits 待遇发放"]


def _labels(choices) -> str:
    return " / ".join(f"{value} {label}" for value, label in choices.choices)


# -- standards ---------------------------------------------------------------------------------------------------

STANDARD_FILTERS = [
    OpenApiParameter("kind", str, description="待遇项目代码，如 disability 残疾抚恤金"),
    OpenApiParameter("category", str, description="优抚类别代码，如 11 残疾军人"),
    OpenApiParameter("region", str, description="适用区划代码；national 为全国标准"),
    OpenApiParameter("on", str, description="某日有效（YYYY-MM-DD）"),
]


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=STANDARD_FILTERS),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(tags=TAGS, responses={201: StandardSerializer, **WRITE_ERRORS}),
    update=extend_schema(tags=TAGS, responses={200: StandardSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(tags=TAGS, responses={200: StandardSerializer, **WRITE_ERRORS}),
    destroy=extend_schema(tags=TAGS, responses={204: None, **WRITE_ERRORS}),
)
class StandardViewSet(viewsets.ModelViewSet):
    """抚恤补助标准: reference data read by every role that works with records; written only by those who may
    manage standards, through benefits.services.standards (audited; a past effective date schedules 补发)."""

    serializer_class = StandardSerializer
    queryset = Standard.objects.none()  # for the schema; get_queryset is what runs

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        user = request.user
        if not (user.can(Cap.VIEW_RECORDS) or user.can(Cap.MANAGE_STANDARDS)):
            raise PermissionDenied("您的角色不能查看抚恤补助标准")

    def get_queryset(self):
        rows = Standard.objects.select_related("kind", "category", "region")
        params = self.request.query_params
        if kind := params.get("kind", "").strip():
            rows = rows.filter(kind_id=kind)
        if category := params.get("category", "").strip():
            rows = rows.filter(category_id=category)
        if params.get("region", "").strip() == "national":
            rows = rows.filter(region=None)
        elif region := region_param(self.request, "region"):
            rows = rows.filter(region_id=region)
        if day := date_param(self.request, "on"):
            rows = rows.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        return rows.order_by("kind__sort_order", "category_id", "disability_nature", "disability_grade", "-valid_from")

    def perform_create(self, serializer):
        serializer.instance = standards.save_standard(Standard(**serializer.validated_data), user=self.request.user)

    def perform_update(self, serializer):
        standard = Standard.objects.get(pk=serializer.instance.pk)
        for name, value in serializer.validated_data.items():
            setattr(standard, name, value)
        serializer.instance = standards.save_standard(standard, user=self.request.user)

    def perform_destroy(self, instance):
        standards.delete_standard(instance, user=self.request.user)


# -- payment runs ------------------------------------------------------------------------------------------------

RUN_FILTERS = [
    OpenApiParameter("status", str, enum=RunStatus.values, description=_labels(RunStatus)),
    OpenApiParameter("year", int, description="期间所在年度"),
    OpenApiParameter("region", str, description="区划代码（12 位或简码）：该区划及以下的批次"),
]
NO_BODY = extend_schema(tags=TAGS, request=None, responses={200: PaymentRunSerializer, **WRITE_ERRORS})


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=RUN_FILTERS),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(
        tags=TAGS,
        request=ComputeRunSerializer,
        responses={201: PaymentRunSerializer, **WRITE_ERRORS},
        description="计算（或重新计算未批准的）发放批次，同步完成后返回批次。大范围计算耗时较长，页面上以后台任务进行。",
    ),
    check=NO_BODY,
    approve=NO_BODY,
    discard=extend_schema(
        tags=TAGS, request=None, responses={204: OpenApiResponse(description="已作废"), **WRITE_ERRORS}
    ),
)
class PaymentRunViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """发放批次 over the caller's region subtree: computed, checked, approved by a second user, discarded."""

    base_queryset = PaymentRun.objects.select_related("region", "computed_by", "approved_by")
    serializer_class = PaymentRunSerializer

    def get_queryset(self):
        runs = (
            super()
            .get_queryset()
            .annotate(open_findings=Count("findings", filter=~Q(findings__state__in=CLOSED_FINDING_STATES)))
        )
        if run_status := choice_param(self.request, "status", RunStatus.values):
            runs = runs.filter(status=run_status)
        if year := int_param(self.request, "year"):
            runs = runs.filter(period_start__year=year)
        if region := region_param(self.request, "region"):
            runs = runs.filter(subtree_q("region", region))
        return runs.order_by("-period_start", "region_id", "-id")

    def _answer(self, run, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=run.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        from datetime import date

        data = ComputeRunSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        year, month = (int(part) for part in data.validated_data["period"].split("-"))
        run = compute_run(data.validated_data["region"], date(year, month, 1), user=request.user)
        return self._answer(run, status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        """运行检查（不错不漏）：新问题待处理，已不存在的问题记为已纠正。"""
        return self._answer(approval.check_run(self.get_object(), user=request.user))

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """审批：须有审批权限，且不是计算该批次的经办人；检查问题须全部处理。"""
        return self._answer(approval.approve_run(self.get_object(), user=request.user))

    @action(detail=True, methods=["post"])
    def discard(self, request, pk=None):
        """作废未批准的批次：其明细删除，这些月份由下一次计算重新核算。"""
        approval.discard_run(self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# -- lines and findings ------------------------------------------------------------------------------------------

LINE_FILTERS = [
    OpenApiParameter("run", int, description="发放批次编号"),
    OpenApiParameter("person", int, description="优抚对象编号"),
    OpenApiParameter("month", str, description="所属月份 YYYY-MM"),
    OpenApiParameter("line_type", str, enum=LineType.values, description=_labels(LineType)),
]


@extend_schema_view(list=extend_schema(tags=TAGS, parameters=LINE_FILTERS))
class PaymentLineViewSet(RevealAuditedMixin, ScopedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """发放明细: one amount of one benefit for one month of one entitlement, with why (`reason`)."""

    reveal_what = "发放明细（接口）"
    base_queryset = PaymentLine.objects.select_related("person", "entitlement", "kind", "standard", "category")
    serializer_class = PaymentLineSerializer

    def get_queryset(self):
        lines = super().get_queryset()
        if run := int_param(self.request, "run"):
            lines = lines.filter(run_id=run)
        if person := int_param(self.request, "person"):
            lines = lines.of_person(person)
        if month := month_param(self.request, "month"):
            lines = lines.filter(month=month)
        if line_type := choice_param(self.request, "line_type", LineType.values):
            lines = lines.filter(line_type=line_type)
        return lines.order_by("run_id", "region_id", "person_id", "month", "kind_id", "seq")


FINDING_FILTERS = [
    OpenApiParameter("run", int, description="发放批次编号"),
    OpenApiParameter("code", str, enum=FindingCode.values, description=_labels(FindingCode)),
    OpenApiParameter("state", str, enum=FindingState.values, description=_labels(FindingState)),
]


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=FINDING_FILTERS),
    waive=extend_schema(tags=TAGS, request=WaiveSerializer, responses={200: FindingSerializer, **WRITE_ERRORS}),
)
class FindingViewSet(ScopedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """检查问题 of the runs the caller may see; 豁免 one with a reason."""

    base_queryset = Finding.objects.select_related("person", "resolved_by")
    serializer_class = FindingSerializer

    def get_queryset(self):
        findings = super().get_queryset()
        if run := int_param(self.request, "run"):
            findings = findings.filter(run_id=run)
        if code := choice_param(self.request, "code", FindingCode.values):
            findings = findings.filter(code=code)
        if state := choice_param(self.request, "state", FindingState.values):
            findings = findings.filter(state=state)
        return findings.order_by("run_id", "code", "id")

    @action(detail=True, methods=["post"])
    def waive(self, request, pk=None):
        """豁免：问题属实但发放无误，写明理由（记入审计日志）。"""
        body = WaiveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        finding = approval.waive_finding(self.get_object(), reason=body.validated_data["reason"], user=request.user)
        return Response(FindingSerializer(finding, context=self.get_serializer_context()).data)
