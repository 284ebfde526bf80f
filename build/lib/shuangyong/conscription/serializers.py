from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from shuangyong.conscription.models import Allowance, Award, Candidate, ServiceMember
from shuangyong.conscription.presenters import allowance_state, shown_id


class MaskedIdField(serializers.CharField):
    """The ID number, masked unless the requesting user's role may see it in full."""

    def to_representation(self, value):
        return shown_id(self.context["request"].user, value)


class CandidateSerializer(serializers.ModelSerializer):
    id_number = MaskedIdField(read_only=True)
    education = serializers.CharField(source="education.name", read_only=True)
    return_reason = serializers.CharField(source="return_reason.name", read_only=True, default="")

    class Meta:
        model = Candidate
        fields = [
            "id", "year", "season", "name", "id_number", "sex", "birth_date", "region", "hukou", "education",
            "student_status", "political", "registered_on", "exam_on", "exam_passed", "review_on", "review_passed",
            "approved_on", "dispatched_on", "military_unit", "returned_on", "return_reason",
            "return_responsibility", "stage",
        ]  # fmt: skip


@extend_schema_serializer(component_name="CandidateStep")  # activities has a Step too
class StepSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=["exam", "review", "approve", "dispatch", "return"])
    on = serializers.DateField()
    passed = serializers.BooleanField(required=False, default=False)
    military_unit = serializers.CharField(required=False, default="")
    reason = serializers.CharField(
        required=False, default="", help_text="退兵原因代码：physical political mental other"
    )
    responsibility = serializers.CharField(required=False, default="")


@extend_schema_serializer(component_name="ServiceMember")  # leadership has a Member too
class MemberSerializer(serializers.ModelSerializer):
    id_number = MaskedIdField(read_only=True)

    class Meta:
        model = ServiceMember
        fields = [
            "id", "name", "id_number", "sex", "birth_date", "region", "enlistment_county", "hukou", "candidate",
            "military_unit", "rank_kind", "conscript_service", "enlistment_date", "discharge_date", "payee",
            "plaque_hung_on",
        ]  # fmt: skip


class AwardSerializer(serializers.ModelSerializer):
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    reward_fen = serializers.IntegerField(source="reward_grant.amount_fen", read_only=True, default=None)

    class Meta:
        model = Award
        fields = ["id", "member", "kind", "kind_name", "awarded_on", "military_unit", "reward_fen", "note"]


class AllowanceSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()

    class Meta:
        model = Allowance
        fields = [
            "id", "member", "service_year", "year_start", "standard_fen", "increment_bp", "amount_fen", "basis",
            "state",
        ]  # fmt: skip

    def get_state(self, row) -> str:
        return allowance_state(row)
