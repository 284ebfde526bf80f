from rest_framework import serializers

from shuangyong.privacy import mask_number
from shuangyong.registry import idnumber
from shuangyong.registry.models import Entitlement, Person
from shuangyong.registry.services.export import may_see_full_numbers


class EntitlementSerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Entitlement
        fields = [
            "id",
            "person",
            "category",
            "category_name",
            "status",
            "status_label",
            "disability_grade",
            "disability_nature",
            "certificate_no",
            "enlistment_date",
            "discharge_date",
            "enlistment_period",
            "service_years",
            "relation",
            "soldier_name",
            "approval_date",
            "paid_through",
            "support_mode",
            "pay_from",
            "pay_until",
            "confirmed_year",
            "status_date",
            "status_reason",
        ]


class PersonSerializer(serializers.ModelSerializer):
    """ID numbers and bank accounts are masked unless the caller's role may see them in full."""

    region = serializers.CharField(source="region_id", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    entitlements = EntitlementSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "id_number",
            "name",
            "sex",
            "birth_date",
            "ethnicity",
            "phone",
            "address",
            "region",
            "region_name",
            "hukou",
            "bank_name",
            "bank_holder",
            "bank_account",
            "death_date",
            "death_cause",
            "entitlements",
        ]

    def to_representation(self, person):
        data = super().to_representation(person)
        request = self.context.get("request")
        if request is None or not may_see_full_numbers(request.user):
            data["id_number"] = idnumber.mask(data["id_number"])
            data["bank_account"] = idnumber.mask_account(data["bank_account"])
            data["phone"] = mask_number(data["phone"]) if data["phone"] else ""
        return data
