from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from shuangyong.accounts.scope import visible
from shuangyong.api.base import (
    NOT_FOUND,
    WRITE_ERRORS,
    RevealAuditedMixin,
    ScopedReadOnlyViewSet,
    choice_param,
    form_params,
    int_param,
)
from shuangyong.registry.forms import PersonFilterForm
from shuangyong.registry.models import Entitlement, Person, Transfer
from shuangyong.registry.serializers import EntitlementSerializer, PersonSerializer
from shuangyong.registry.serializers_transfers import (
    AcceptTransferSerializer,
    EntitlementChangeSerializer,
    OutsideArrivalSerializer,
    ReturnTransferSerializer,
    SendTransferSerializer,
    TransferSerializer,
)
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services import transfers as moves
from shuangyong.registry.services.search import search_persons

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


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=PERSON_FILTERS),
    retrieve=extend_schema(tags=TAGS),
    arrival=extend_schema(
        tags=TAGS, request=OutsideArrivalSerializer, responses={200: PersonSerializer, **WRITE_ERRORS}
    ),
)
class PersonViewSet(RevealAuditedMixin, viewsets.ReadOnlyModelViewSet):
    """优抚对象 with their entitlements, scoped and masked like the UI."""

    reveal_what = "优抚对象（接口）"
    serializer_class = PersonSerializer
    queryset = Person.objects.none()  # for the schema; get_queryset is what runs

    def get_queryset(self):
        form = PersonFilterForm(self.request.query_params)
        form_params(form)  # a malformed filter is a 400, never the whole county
        return search_persons(self.request.user, form.to_filter()).prefetch_related("entitlements__category")

    @action(detail=True, methods=["post"])
    def arrival(self, request, pk=None):
        """迁入（自本系统以外）：原县已发放至当年12月（或 paid_through），本县自其后一月起发放。"""
        body = OutsideArrivalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        person = life.record_arrival(
            self.get_object(),
            on=data["on"],
            origin=data["origin"],
            paid_through=data.get("paid_through"),
            user=request.user,
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=person.pk)).data)


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=[OpenApiParameter("person", int)]),
    retrieve=extend_schema(tags=TAGS),
    change=extend_schema(
        tags=TAGS, request=EntitlementChangeSerializer, responses={200: EntitlementSerializer, **WRITE_ERRORS}
    ),
)
class EntitlementViewSet(ScopedReadOnlyViewSet):
    base_queryset = Entitlement.objects.select_related("category").order_by("person_id", "category_id")
    serializer_class = EntitlementSerializer

    def get_queryset(self):
        entitlements = super().get_queryset()
        if (person := int_param(self.request, "person")) is not None:
            entitlements = entitlements.filter(person_id=person)
        return entitlements

    @action(detail=True, methods=["post"])
    def change(self, request, pk=None):
        """变更类别、伤残等级与性质、供养方式，自 on 起生效；已发月份下次计算时补发或追缴差额。"""
        from shuangyong.registry.models import Category

        body = EntitlementChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        category = None
        if "category" in data:
            category = Category.objects.filter(pk=data["category"]).first()
            if category is None:
                raise life.RegistryError(f"优抚类别代码“{data['category']}”不存在")
        ent = life.change_entitlement(
            self.get_object(),
            on=data["on"],
            category=category,
            grade=data.get("disability_grade"),
            nature=data.get("disability_nature"),
            support_mode=data.get("support_mode"),
            certificate_no=data.get("certificate_no"),
            user=request.user,
        )
        return Response(EntitlementSerializer(ent).data)


TRANSFER_FILTERS = [
    OpenApiParameter(
        "direction", str, enum=["incoming", "outgoing"], description="incoming 迁入本辖区 / outgoing 迁出"
    ),
    OpenApiParameter(
        "state", str, enum=Transfer.State.values, description="sent 待接收 / accepted 已接收 / returned 已退回"
    ),
]
TRANSFER_WRITE = {"responses": {200: TransferSerializer, **WRITE_ERRORS}}


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=TRANSFER_FILTERS),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(
        tags=TAGS, request=SendTransferSerializer, responses={201: TransferSerializer, **WRITE_ERRORS}
    ),
    accept=extend_schema(tags=TAGS, request=AcceptTransferSerializer, **TRANSFER_WRITE),
    return_=extend_schema(tags=TAGS, request=ReturnTransferSerializer, **TRANSFER_WRITE),
)
class TransferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """跨县迁移: the transfers the caller's county sent or receives. 迁出 by the old county (POST), 迁入 (accept)
    or 退回 (return) by the destination; the old county pays through December of the move year (条例 §30)."""

    serializer_class = TransferSerializer
    queryset = Transfer.objects.none()  # for the schema; get_queryset is what runs

    def get_queryset(self):
        direction = choice_param(self.request, "direction", ["incoming", "outgoing"])
        if direction == "incoming":
            rows = moves.incoming(self.request.user)
        elif direction == "outgoing":
            rows = visible(self.request.user, Transfer.objects.all())
        else:
            rows = moves.related_to(self.request.user)
        if state := choice_param(self.request, "state", Transfer.State.values):
            rows = rows.filter(state=state)
        return rows.select_related("person", "from_region").order_by("-moved_on", "-id")

    def create(self, request, *args, **kwargs):
        body = SendTransferSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        person = visible(request.user, Person.objects.all()).filter(pk=data["person"]).first()
        if person is None:
            raise NotFound(NOT_FOUND)
        transfer = moves.send_transfer(
            person,
            on=data["moved_on"],
            to_county=data.get("to_county"),
            destination=data.get("destination", ""),
            files_handed=data["files_handed"],
            user=request.user,
        )
        return Response(TransferSerializer(transfer).data, status=status.HTTP_201_CREATED)

    def _incoming(self, pk) -> Transfer:
        transfer = moves.incoming(self.request.user).filter(pk=pk).first()
        if transfer is None:
            raise NotFound(NOT_FOUND)
        return transfer

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """迁入：迁入县的工作人员接收，填写迁入日期和迁入地（乡镇或村）。"""
        body = AcceptTransferSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        transfer = moves.accept_transfer(
            self._incoming(pk),
            on=body.validated_data["accepted_on"],
            region=body.validated_data["region"],
            user=request.user,
        )
        return Response(TransferSerializer(transfer).data)

    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """退回：迁入县不接收，写明原因；迁出县照常发放。"""
        body = ReturnTransferSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        transfer = moves.return_transfer(self._incoming(pk), reason=body.validated_data["reason"], user=request.user)
        return Response(TransferSerializer(transfer).data)
