"""Forms of 优待服务与关爱: single column, few required fields (town and village staff record on a phone)."""

from django import forms
from django.utils import timezone

from shuangyong.accounts.roles import Role
from shuangyong.activities.forms import DATE_INPUT, MoneyField, regions_for, units_of, yuan_to_fen
from shuangyong.care.models import CareKind, FundPurpose, MemorialSite, SiteLevel
from shuangyong.care.services import CareData
from shuangyong.regions.models import Region, subtree_q
from shuangyong.regions.widgets import RegionSelect
from shuangyong.units.models import Unit, UnitKind


def _county_sites(user):
    """The 烈士纪念设施 of the user's county: any staff member may record a 祭扫 at any of them."""
    region = user.home_region_id
    if not region:
        return MemorialSite.objects.none()
    return MemorialSite.objects.filter(subtree_q("region", region[:6] + "000000")).order_by("name")


class CareForm(forms.Form):
    kind = forms.ModelChoiceField(CareKind.objects.filter(is_active=True), label="类别", empty_label="请选择")
    date = forms.DateField(label="日期", widget=DATE_INPUT, initial=timezone.localdate)
    count = forms.IntegerField(label="数量", min_value=1, initial=1, help_text="人次、张、户或人，按类别")
    money = MoneyField(label="金额", help_text="医疗补助、取暖费等登记金额的类别填写，单位：元")
    beneficiary = forms.CharField(label="对象", max_length=100, required=False, help_text="逐人登记的类别必填（姓名）")
    place = forms.CharField(label="去向/地点", max_length=100, required=False, help_text="如：就业单位、学校、景区")
    site = forms.ModelChoiceField(MemorialSite.objects.none(), label="纪念设施", required=False, empty_label="（无）")
    outcome = forms.CharField(label="办理结果", max_length=200, required=False)
    provider = forms.ModelChoiceField(
        Unit.objects.none(), label="提供/承办单位", required=False, empty_label="（本级）"
    )
    region = forms.ModelChoiceField(Region.objects.none(), label="所在区划", empty_label=None, widget=RegionSelect)
    note = forms.CharField(label="备注", max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["site"].queryset = _county_sites(user)
        if user.role == Role.UNIT_STAFF:
            del self.fields["provider"], self.fields["region"]  # a member unit records its own work
        else:
            self.fields["provider"].queryset = units_of(user, UnitKind.MEMBER)
            self.fields["region"].queryset = regions_for(user)
            self.fields["region"].initial = user.region_id

    def data_for_service(self) -> CareData:
        data = self.cleaned_data
        if self.user.role == Role.UNIT_STAFF:
            provider, region = self.user.unit, self.user.unit.region_id
        else:
            provider, region = data.get("provider"), data["region"].code
        return CareData(
            kind=data["kind"],
            date=data["date"],
            region=region,
            count=data["count"],
            money_fen=yuan_to_fen(data.get("money")),
            provider=provider,
            beneficiary=data.get("beneficiary", ""),
            place=data.get("place", ""),
            site=data.get("site"),
            outcome=data.get("outcome", ""),
            note=data.get("note", ""),
        )


def initial_of(record) -> dict:
    return {
        "kind": record.kind,
        "date": record.date,
        "count": record.count,
        "money": record.money_fen / 100 if record.money_fen else None,
        "beneficiary": record.beneficiary,
        "place": record.place,
        "site": record.site,
        "outcome": record.outcome,
        "provider": record.provider,
        "region": record.region_id,
        "note": record.note,
    }


class SiteForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    level = forms.ChoiceField(label="保护级别", choices=SiteLevel.choices, initial=SiteLevel.COUNTY)
    region = forms.ModelChoiceField(Region.objects.none(), label="所在区划", empty_label=None, widget=RegionSelect)
    keeper = forms.ModelChoiceField(Unit.objects.none(), label="管护单位", required=False, empty_label="（无）")
    graves = forms.IntegerField(label="安葬/纪念烈士（人）", min_value=0, initial=0)
    note = forms.CharField(label="备注", max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for(user)
        self.fields["region"].initial = user.region_id
        self.fields["keeper"].queryset = units_of(user, UnitKind.MEMBER)


class FundForm(forms.Form):
    purpose = forms.ModelChoiceField(FundPurpose.objects.filter(is_active=True), label="用途", empty_label="请选择")
    budget = MoneyField(label="预算")
    spent = MoneyField(label="支出")
    source = forms.CharField(label="依据", max_length=200, required=False, help_text="如：财政预算文号")
