from decimal import Decimal

from django import forms
from django.utils import timezone

from shuangyong.accounts.scope import visible
from shuangyong.regions.models import Region
from shuangyong.regions.widgets import RegionSelect
from shuangyong.registry.choices import DisabilityNature, Hukou
from shuangyong.resettlement.choices import Award, EmploymentStatus, SoldierKind
from shuangyong.resettlement.models import Method
from shuangyong.units.models import Unit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
    region = forms.ModelChoiceField(label="乡镇", queryset=Region.objects.none(), required=False, empty_label="全部")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = visible(user, Region.objects.filter(level=4)).order_by("code")


class ArrivalForm(forms.Form):
    """登记退役士兵 by hand (the import does the same for a whole sheet)."""

    name = forms.CharField(label="姓名", max_length=40)
    id_number = forms.CharField(label="公民身份号码", max_length=18)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    region = forms.ModelChoiceField(label="安置地（乡镇/村）", queryset=Region.objects.none(), widget=RegionSelect)
    soldier_kind = forms.ChoiceField(label="退役类别", choices=SoldierKind.choices)
    enlisted_on = _date("入伍日期", required=False)
    discharged_on = _date("退役日期", required=False)
    service_years = forms.IntegerField(label="服役年限（年）", min_value=0, max_value=40, required=False)
    unit_served = forms.CharField(label="服役部队", max_length=100, required=False)
    highest_award = forms.ChoiceField(label="最高奖励", choices=Award.choices, required=False)
    awards = forms.CharField(label="立功受奖情况", max_length=200, required=False)
    disability_grade = forms.IntegerField(label="伤残等级", min_value=1, max_value=10, required=False)
    disability_nature = forms.ChoiceField(
        label="伤残性质", choices=[("", "—"), *DisabilityNature.choices], required=False
    )
    hukou = forms.ChoiceField(label="户籍性质", choices=[("", "—"), *Hukou.choices], required=False)
    arrival_date = _date("到达安置地日期")
    note = forms.CharField(label="备注", max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = visible(user, Region.objects.filter(level__gte=4)).order_by("code")
        self.fields["region"].label_from_instance = lambda r: f"{r.code[6:9]} {r.name}"
        self.initial.setdefault("arrival_date", timezone.localdate())


class OnForm(forms.Form):
    on = _date("日期")


class MethodForm(OnForm):
    method = forms.ModelChoiceField(label="安置方式", queryset=Method.objects.all())


class AssignForm(OnForm):
    employer = forms.ModelChoiceField(label="接收单位", queryset=Unit.objects.none(), required=False)
    employer_name = forms.CharField(label="或填写单位名称", max_length=120, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = visible(user, Unit.objects.filter(is_active=True)).order_by("name")


class VisitForm(forms.Form):
    visited_on = _date("回访日期")
    visitor = forms.CharField(label="回访人", max_length=60)
    employment_status = forms.ChoiceField(label="就业状态", choices=EmploymentStatus.choices[1:])
    notes = forms.CharField(label="回访情况", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class GrantForm(OnForm):
    amount_yuan = forms.DecimalField(
        label="金额（元）", min_value=0, decimal_places=2, max_digits=12, required=False, help_text="不填则按标准计算"
    )
    note = forms.CharField(label="录入金额的依据", max_length=100, required=False)

    def amount_fen(self) -> int | None:
        amount = self.cleaned_data.get("amount_yuan")
        return None if amount is None else int(amount * Decimal(100))
