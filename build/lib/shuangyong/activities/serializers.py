from rest_framework import serializers

from shuangyong.activities.models import Activity, HelpCase, HelpStep, Pair, VisitRecipient


class QuantityField(serializers.DictField):
    """{quantity kind code: amount}, e.g. {"materials": "1200", "boards": "8"}."""

    child = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class ActivitySerializer(serializers.ModelSerializer):
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    occasion_name = serializers.CharField(source="occasion.name", read_only=True, default="")
    organiser_code = serializers.CharField(source="organiser.code", read_only=True, default=None)
    quantities = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id", "kind", "kind_name", "date", "occasion", "occasion_name", "title", "organiser", "organiser_code",
            "region", "partner_units", "garrison_units", "pair", "leaders", "money_fen", "narrative", "quantities",
            "source", "created_at",
        ]  # fmt: skip

    def get_quantities(self, obj) -> dict[str, str]:
        return {q.kind_id: f"{q.amount:f}" for q in obj.quantities.all()}


class ActivityWriteSerializer(serializers.Serializer):
    """What a client sends to record an activity; unit staff's organiser is always their own unit."""

    kind = serializers.CharField(help_text="活动类别代码或名称，如 publicity / 宣传")
    date = serializers.DateField()
    title = serializers.CharField(max_length=200)
    occasion = serializers.CharField(required=False, allow_blank=True, help_text="时机代码或名称，如 bayi / 八一")
    organiser = serializers.CharField(required=False, allow_blank=True, help_text="组织单位代码（成员单位）")
    region = serializers.CharField(required=False, allow_blank=True, help_text="所在区划代码（无组织单位时）")
    quantities = QuantityField(required=False)
    money_fen = serializers.IntegerField(required=False, min_value=0, default=0)
    narrative = serializers.CharField(required=False, allow_blank=True, default="")
    leaders = serializers.CharField(required=False, allow_blank=True, default="")
    garrison_units = serializers.ListField(child=serializers.CharField(), required=False, help_text="驻军单位代码")
    partner_units = serializers.ListField(child=serializers.CharField(), required=False, help_text="共建单位代码")
    source_key = serializers.CharField(required=False, max_length=64, help_text="幂等键：同一键再次提交只更新不新增")


class RecipientSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="target_name", read_only=True)
    activity_date = serializers.DateField(source="activity.date", read_only=True)
    occasion = serializers.CharField(source="activity.occasion_id", read_only=True, default=None)

    class Meta:
        model = VisitRecipient
        fields = ["id", "activity", "activity_date", "occasion", "person", "household", "garrison", "name",
                  "money_fen", "gifts", "gift_value_fen"]  # fmt: skip


class PairSerializer(serializers.ModelSerializer):
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    garrison_name = serializers.CharField(source="garrison.name", read_only=True)

    class Meta:
        model = Pair
        fields = ["id", "partner", "partner_name", "garrison", "garrison_name", "region", "organiser", "since",
                  "until", "status", "agreement", "note"]  # fmt: skip


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = HelpStep
        fields = ["id", "date", "action", "money_fen"]


class CaseSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = HelpCase
        fields = ["id", "person", "person_name", "kind", "kind_name", "description", "unit", "opened", "closed",
                  "status", "money_fen", "outcome", "steps"]  # fmt: skip
