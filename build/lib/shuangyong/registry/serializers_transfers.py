from rest_framework import serializers

from shuangyong.regions.serializers import RegionCodeField
from shuangyong.registry.choices import DisabilityNature, SupportMode
from shuangyong.registry.models import Transfer


class TransferSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    from_region = serializers.CharField(source="from_region_id", read_only=True)
    from_region_name = serializers.CharField(source="from_region.full_name", read_only=True)
    to_county = serializers.CharField(source="to_county_id", read_only=True, allow_null=True)
    to_region = serializers.CharField(source="to_region_id", read_only=True, allow_null=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Transfer
        fields = [
            "id",
            "person",
            "person_name",
            "from_region",
            "from_region_name",
            "to_county",
            "destination",
            "moved_on",
            "files_handed",
            "pay_until",
            "state",
            "state_label",
            "to_region",
            "accepted_on",
            "return_reason",
        ]
        read_only_fields = fields


class SendTransferSerializer(serializers.Serializer):
    """迁出: to a county on this system (to_county), or by name to a place outside it (destination)."""

    person = serializers.IntegerField(help_text="优抚对象编号")
    moved_on = serializers.DateField(help_text="迁出日期")
    to_county = RegionCodeField(required=False, allow_null=True, help_text="迁入县（区）代码（本系统内）")
    destination = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="迁往（系统外）")
    files_handed = serializers.BooleanField(required=False, default=False, help_text="档案已移交")


class AcceptTransferSerializer(serializers.Serializer):
    accepted_on = serializers.DateField(help_text="迁入日期")
    region = RegionCodeField(help_text="迁入地：迁入县的乡镇（街道）或村（社区）代码")


class ReturnTransferSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, help_text="退回原因")


class OutsideArrivalSerializer(serializers.Serializer):
    """迁入 from outside this system, for a person registered here."""

    on = serializers.DateField(help_text="迁入日期")
    origin = serializers.CharField(max_length=100, help_text="原户籍地（迁出县）")
    paid_through = serializers.DateField(required=False, allow_null=True, help_text="原县已发放至（空：当年12月）")


class EntitlementChangeSerializer(serializers.Serializer):
    """变更: any of category, grade, nature and support mode, effective from `on`; each one that differs is a dated
    event, and the payment engine pays or recovers the difference for months already paid."""

    on = serializers.DateField(help_text="变更生效日期")
    category = serializers.CharField(required=False, help_text="优抚类别代码")
    disability_grade = serializers.IntegerField(required=False, min_value=1, max_value=10)
    # the model's own choice sets: the schema then names one enum per field, as for the entitlement itself
    disability_nature = serializers.ChoiceField(required=False, choices=DisabilityNature.choices)
    support_mode = serializers.ChoiceField(required=False, choices=SupportMode.choices, allow_blank=True)
    certificate_no = serializers.CharField(required=False, max_length=40)
