"""Benefits in the API: money as integer 分 (`*_fen`), months as dates (the first of the month), region codes as
12 digits. ID numbers are masked like the pages unless the caller may see them in full."""

from rest_framework import serializers

from shuangyong.benefits.models import Finding, PaymentLine, PaymentRun, Standard
from shuangyong.benefits.presenters import line_reason
from shuangyong.benefits.services.standards import STANDARD_FIELDS, standard_problems
from shuangyong.regions.serializers import RegionCodeField
from shuangyong.registry import idnumber
from shuangyong.registry.services.export import may_see_full_numbers


class StandardSerializer(serializers.ModelSerializer):
    region = RegionCodeField(allow_null=True, required=False, help_text="区划代码；空为全国标准")
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True, default="")
    region_name = serializers.CharField(source="region.name", read_only=True, default="全国")
    basis_label = serializers.CharField(source="get_basis_display", read_only=True)

    class Meta:
        model = Standard
        fields = ["id", *STANDARD_FIELDS, "kind_name", "category_name", "region_name", "basis_label"]
        # the unique key is the database's job; the service turns a clash into a message
        validators = []

    def validate(self, attrs):
        candidate = Standard(**{**self._current(), **attrs})
        problems = standard_problems(candidate)
        if problems:
            errors: dict[str, list[str]] = {}
            for field, message in problems:
                errors.setdefault(field, []).append(message)
            raise serializers.ValidationError(errors)
        return attrs

    def _current(self) -> dict:
        if self.instance is None:
            return {}
        return {name: getattr(self.instance, name) for name in STANDARD_FIELDS}


class PaymentRunSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    period = serializers.CharField(source="period_label", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    computed_by = serializers.CharField(source="computed_by.full_name", read_only=True, default=None)
    approved_by = serializers.CharField(source="approved_by.full_name", read_only=True, default=None)
    open_findings = serializers.IntegerField(read_only=True, help_text="未处理的检查问题数")

    class Meta:
        model = PaymentRun
        fields = [
            "id",
            "region",
            "region_name",
            "period",
            "period_start",
            "period_end",
            "frequency",
            "status",
            "status_label",
            "computed_by",
            "computed_at",
            "checked_at",
            "approved_by",
            "approved_at",
            "exported_at",
            "reconciled_at",
            "person_count",
            "line_count",
            "total_fen",
            "backpay_fen",
            "recovery_fen",
            "one_time_fen",
            "open_findings",
        ]
        read_only_fields = fields


class ComputeRunSerializer(serializers.Serializer):
    """计算发放批次: the run of the local payment period containing `period`, for the region subtree."""

    period = serializers.RegexField(
        r"^\d{4}-(0?[1-9]|1[0-2])$",
        help_text="发放月份 YYYY-MM（按季、按年发放时取所在季度或年度）",
        error_messages={"invalid": "期间无效：应为 YYYY-MM，如 2026-11"},
    )
    region = RegionCodeField(help_text="发放范围的区划代码（12 位，或 6 位县、9 位乡镇简码）")


class PaymentLineSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    id_number = serializers.CharField(source="person.id_number", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    line_type_label = serializers.CharField(source="get_line_type_display", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True)
    reason = serializers.SerializerMethodField(help_text="计发依据，如“因战五级 标准 54,220 元/年 ÷ 12”")

    class Meta:
        model = PaymentLine
        fields = [
            "id",
            "run",
            "person",
            "person_name",
            "id_number",
            "entitlement",
            "kind",
            "kind_name",
            "month",
            "seq",
            "line_type",
            "line_type_label",
            "amount_fen",
            "due_fen",
            "paid_before_fen",
            "rate_fen",
            "months",
            "standard",
            "category",
            "region",
            "failed",
            "reason",
        ]
        read_only_fields = fields

    def get_reason(self, line) -> str:
        return line_reason(line, entitlement=line.entitlement, person=line.person)

    def to_representation(self, line):
        data = super().to_representation(line)
        request = self.context.get("request")
        if request is None or not may_see_full_numbers(request.user):
            data["id_number"] = idnumber.mask(data["id_number"])
        return data


class FindingSerializer(serializers.ModelSerializer):
    code_label = serializers.CharField(source="get_code_display", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True, default=None)
    resolved_by = serializers.CharField(source="resolved_by.full_name", read_only=True, default=None)

    class Meta:
        model = Finding
        fields = [
            "id",
            "run",
            "code",
            "code_label",
            "person",
            "person_name",
            "entitlement",
            "message",
            "state",
            "state_label",
            "resolution",
            "resolved_by",
            "resolved_at",
        ]
        read_only_fields = fields


class WaiveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, help_text="豁免理由（必填，至少两个字）", allow_blank=True)
