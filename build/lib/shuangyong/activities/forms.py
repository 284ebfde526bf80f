"""Forms of 双拥活动: single-column, large inputs, few required fields (village staff record on a phone)."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from shuangyong.accounts.roles import Role
from shuangyong.accounts.scope import visible
from shuangyong.activities.models import ActivityKind, CaseStatus, Occasion, Pair, ProblemKind, QuantityKind
from shuangyong.regions.models import Region, subtree_q
from shuangyong.regions.widgets import RegionSelect
from shuangyong.units.models import Unit, UnitKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY_HELP = "单位：元，可填到分"


def yuan_to_fen(value: Decimal | None) -> int:
    return int((value or Decimal(0)) * 100)


class MoneyField(forms.DecimalField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("help_text", MONEY_HELP)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "step": "0.01"})


def units_of(user, kind: str):
    return visible(user, Unit.objects.filter(kind=kind, is_active=True)).order_by("name")


def regions_for(user):
    """The regions an activity may be placed in: the user's region and its subtree (towns and villages)."""
    if user.role in (Role.UNIT_STAFF,) or not user.region_id:
        return Region.objects.none()
    return Region.objects.filter(subtree_q("code", user.region_id)).order_by("code")


class ActivityForm(forms.Form):
    kind = forms.ModelChoiceField(ActivityKind.objects.filter(is_active=True), label="活动类别", empty_label="请选择")
    date = forms.DateField(label="日期", widget=DATE_INPUT, initial=timezone.localdate)
    title = forms.CharField(label="活动名称", max_length=200)
    occasion = forms.ModelChoiceField(
        Occasion.objects.filter(is_active=True), label="时机", required=False, empty_label="（无）"
    )
    organiser = forms.ModelChoiceField(Unit.objects.none(), label="组织单位", required=False, empty_label="（本级）")
    region = forms.ModelChoiceField(Region.objects.none(), label="所在区划", empty_label=None, widget=RegionSelect)
    garrison_units = forms.ModelMultipleChoiceField(
        Unit.objects.none(), label="驻军单位", required=False, widget=forms.CheckboxSelectMultiple
    )
    partner_units = forms.ModelMultipleChoiceField(
        Unit.objects.none(), label="共建/参与单位", required=False, widget=forms.CheckboxSelectMultiple
    )
    pair = forms.ModelChoiceField(Pair.objects.none(), label="共建对子", required=False, empty_label="（无）")
    leaders = forms.CharField(label="参加领导", max_length=300, required=False, help_text="如：县委书记 张某某")
    money = MoneyField(label="金额")
    narrative = forms.CharField(label="活动情况", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.role == Role.UNIT_STAFF:
            # member-unit staff record their own unit's work: the unit and its region are fixed
            del self.fields["organiser"], self.fields["region"]
        else:
            self.fields["organiser"].queryset = units_of(user, UnitKind.MEMBER)
            self.fields["region"].queryset = regions_for(user)
            self.fields["region"].initial = user.region_id
        self.fields["garrison_units"].queryset = units_of(user, UnitKind.GARRISON)
        self.fields["partner_units"].queryset = units_of(user, UnitKind.PARTNER)
        self.fields["pair"].queryset = visible(user, Pair.objects.filter(status="active")).select_related(
            "partner", "garrison"
        )

    def placement(self) -> tuple[Unit | None, str]:
        data = self.cleaned_data
        if self.user.role == Role.UNIT_STAFF:
            return self.user.unit, self.user.unit.region_id
        return data.get("organiser"), data["region"].code


class QuantityForm(forms.Form):
    kind = forms.ModelChoiceField(
        QuantityKind.objects.filter(is_active=True), label="计量项目", required=False, empty_label="（选择项目）"
    )
    amount = forms.DecimalField(
        label="数量",
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("amount") is None:
            raise forms.ValidationError(f"请填写“{data['kind']}”的数量")
        if data.get("amount") and not data.get("kind"):
            raise forms.ValidationError("请选择计量项目")
        return data


QuantityFormSet = forms.formset_factory(QuantityForm, extra=3, max_num=20)


def quantities_of(formset) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for form in formset:
        data = getattr(form, "cleaned_data", {}) or {}
        if data.get("kind") and data.get("amount") is not None:
            totals[data["kind"].code] = totals.get(data["kind"].code, Decimal(0)) + data["amount"]
    return totals


class FilterForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    kind = forms.ModelChoiceField(ActivityKind.objects.all(), label="类别", required=False, empty_label="全部")
    occasion = forms.ModelChoiceField(Occasion.objects.all(), label="时机", required=False, empty_label="全部")
    unit = forms.ModelChoiceField(Unit.objects.none(), label="组织单位", required=False, empty_label="全部")
    q = forms.CharField(label="名称", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_of(user, UnitKind.MEMBER)


class RecipientForm(forms.Form):
    who = forms.CharField(label="优抚对象", required=False, help_text="姓名或身份证号（名册中的人员）", max_length=40)
    household = forms.CharField(
        label="或：户主/对象", required=False, max_length=80, help_text="名册外的户，如现役军人家属"
    )
    garrison = forms.ModelChoiceField(Unit.objects.none(), label="或：驻军单位", required=False, empty_label="（无）")
    money = MoneyField(label="慰问金")
    gifts = forms.CharField(label="慰问品", required=False, max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["garrison"].queryset = units_of(user, UnitKind.GARRISON)


class PairForm(forms.Form):
    partner = forms.ModelChoiceField(Unit.objects.none(), label="地方共建单位", empty_label="请选择")
    garrison = forms.ModelChoiceField(Unit.objects.none(), label="驻军单位", empty_label="请选择")
    since = forms.DateField(label="结对日期", widget=DATE_INPUT)
    organiser = forms.ModelChoiceField(Unit.objects.none(), label="牵头单位", required=False, empty_label="（无）")
    agreement = forms.CharField(label="共建协议/内容", required=False, max_length=300)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = units_of(user, UnitKind.PARTNER)
        self.fields["garrison"].queryset = units_of(user, UnitKind.GARRISON)
        self.fields["organiser"].queryset = units_of(user, UnitKind.MEMBER)


class EndPairForm(forms.Form):
    on = forms.DateField(label="终止日期", widget=DATE_INPUT, initial=timezone.localdate)
    note = forms.CharField(label="原因", required=False, max_length=300)


class CaseForm(forms.Form):
    who = forms.CharField(label="优抚对象", max_length=40, help_text="姓名或身份证号")
    kind = forms.ModelChoiceField(ProblemKind.objects.filter(is_active=True), label="帮扶类别", empty_label="请选择")
    opened = forms.DateField(label="受理日期", widget=DATE_INPUT, initial=timezone.localdate)
    description = forms.CharField(label="困难情况", widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ModelChoiceField(Unit.objects.none(), label="承办单位", required=False, empty_label="（本级办理）")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_of(user, UnitKind.MEMBER)


class StepForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE_INPUT, initial=timezone.localdate)
    action = forms.CharField(label="办理情况", max_length=300)
    money = MoneyField(label="金额")


class CloseForm(forms.Form):
    on = forms.DateField(label="办结日期", widget=DATE_INPUT, initial=timezone.localdate)
    outcome = forms.CharField(label="办理结果", widget=forms.Textarea(attrs={"rows": 2}))


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), *CaseStatus.choices], initial=CaseStatus.OPEN
    )
    kind = forms.ModelChoiceField(ProblemKind.objects.all(), label="类别", required=False, empty_label="全部")
    year = forms.IntegerField(label="受理年度", required=False, min_value=2000, max_value=2100)
