from rest_framework import serializers

from shuangyong.leadership.models import Decision, GroupMember, Meeting, MeetingKind
from shuangyong.regions.serializers import RegionCodeField


class MemberSerializer(serializers.ModelSerializer):
    region = RegionCodeField()
    post_label = serializers.CharField(source="get_post_display", read_only=True)
    body_label = serializers.CharField(source="get_body_display", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, default=None)

    class Meta:
        model = GroupMember
        fields = [
            "id", "region", "body", "body_label", "post", "post_label", "name", "title", "unit", "unit_name",
            "is_military", "phone", "start", "end", "note",
        ]  # fmt: skip
        validators = []  # the service checks (one 组长 at a time, dates) and answers in Chinese


class SuccessorSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="接任日期；前任的任职在前一天结束")
    name = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=80, required=False, allow_blank=True)
    unit = serializers.PrimaryKeyRelatedField(
        queryset=GroupMember._meta.get_field("unit").related_model.objects.all(), required=False, allow_null=True
    )
    is_military = serializers.BooleanField(required=False)


class DecisionSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    owner_unit_name = serializers.CharField(source="owner_unit.name", read_only=True, default=None)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id", "meeting", "text", "owner_unit", "owner_unit_name", "owner_person", "due",
            "status", "status_label", "done_on", "outcome", "overdue",
        ]  # fmt: skip
        read_only_fields = ["status", "done_on", "outcome"]

    def get_overdue(self, decision) -> bool:
        return decision.is_overdue(self.context["today"])


class CompleteSerializer(serializers.Serializer):
    done_on = serializers.DateField()
    outcome = serializers.CharField(max_length=200, required=False, allow_blank=True)


class MeetingSerializer(serializers.ModelSerializer):
    region = RegionCodeField()
    kind = serializers.SlugRelatedField(slug_field="code", queryset=MeetingKind.objects.all())
    kind_label = serializers.CharField(source="kind.name", read_only=True)
    attendees = serializers.PrimaryKeyRelatedField(queryset=GroupMember.objects.all(), many=True, required=False)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "region", "kind", "kind_label", "date", "title", "place", "chaired_by", "attendees",
            "other_attendees", "minutes", "decisions",
        ]  # fmt: skip
