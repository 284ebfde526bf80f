from django.utils import timezone
from rest_framework import serializers

from shuangyong.registry import idnumber
from shuangyong.registry.services.export import may_see_full_numbers
from shuangyong.resettlement.models import Arrival, Visit


class VisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Visit
        fields = ["id", "visited_on", "visitor", "employment_status", "notes"]


class ArrivalSerializer(serializers.ModelSerializer):
    """One returning soldier; the ID number masked unless the caller's role may see it in full."""

    name = serializers.CharField(source="person.name", read_only=True)
    id_number = serializers.CharField(source="person.id_number", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    method = serializers.CharField(source="method_id", read_only=True, allow_null=True)
    method_name = serializers.CharField(source="method.name", read_only=True, default=None)
    employer = serializers.CharField(source="employer_label", read_only=True)
    placed = serializers.BooleanField(source="is_placed", read_only=True)
    report_late = serializers.SerializerMethodField()
    placement_overdue = serializers.SerializerMethodField()
    grant_amount_fen = serializers.IntegerField(source="grant.amount_fen", read_only=True, default=None)
    visits = VisitSerializer(many=True, read_only=True)

    class Meta:
        model = Arrival
        fields = [
            "id",
            "person",
            "name",
            "id_number",
            "region",
            "region_name",
            "soldier_kind",
            "enlisted_on",
            "discharged_on",
            "service_years",
            "unit_served",
            "highest_award",
            "awards",
            "disability_grade",
            "disability_nature",
            "hukou",
            "arrival_date",
            "report_due",
            "reported_on",
            "report_late",
            "archive_received_on",
            "method",
            "method_name",
            "method_decided_on",
            "employer",
            "assigned_on",
            "placement_due",
            "placed_on",
            "placement_overdue",
            "placed",
            "employment_status",
            "grant_amount_fen",
            "paid_before_system_on",
            "note",
            "visits",
        ]
        read_only_fields = fields

    def get_report_late(self, arrival) -> bool:
        return arrival.report_late(timezone.localdate())

    def get_placement_overdue(self, arrival) -> bool:
        return arrival.placement_overdue(timezone.localdate())

    def to_representation(self, arrival):
        data = super().to_representation(arrival)
        request = self.context.get("request")
        if request is None or not may_see_full_numbers(request.user):
            data["id_number"] = idnumber.mask(data["id_number"])
        return data
