from django import forms

from shuangyong.regions.codes import Level, subtree_bounds
from shuangyong.regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"})


class SendTransferForm(forms.Form):
    """迁出 from the person page: a county on this system, or a place outside it by name."""

    on = forms.DateField(label="迁出日期", widget=DATE)
    to_county = forms.ModelChoiceField(
        label="迁入县（区）", queryset=Region.objects.none(), required=False, empty_label="（本系统以外的地区）"
    )
    destination = forms.CharField(
        label="迁往（本系统以外时填写）", max_length=100, required=False, help_text="例：福建省宁德市蕉城区"
    )
    files_handed = forms.BooleanField(label="档案已移交", required=False)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        own = person.region_id[:6].ljust(12, "0")
        self.fields["to_county"].queryset = Region.objects.filter(level=Level.COUNTY).exclude(code=own).order_by("code")
        self.fields["to_county"].label_from_instance = lambda r: f"{r.code[:6]} {r.name}"

    def clean(self):
        data = super().clean()
        if not data.get("to_county") and not (data.get("destination") or "").strip():
            raise forms.ValidationError("请选择迁入县（区），或填写本系统以外的迁往地")
        return data


class AcceptTransferForm(forms.Form):
    on = forms.DateField(label="迁入日期", widget=DATE)
    region = forms.ModelChoiceField(label="迁入地（乡镇或村）", queryset=Region.objects.none())

    def __init__(self, *args, transfer, user, **kwargs):
        from shuangyong.units.forms import writable_regions

        super().__init__(*args, **kwargs)
        lo, hi = subtree_bounds(transfer.to_county_id)
        places = writable_regions(user).filter(code__gte=lo, code__lte=hi, level__gte=Level.TOWN).order_by("code")
        self.fields["region"].queryset = places
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.full_name}"


class ReturnTransferForm(forms.Form):
    reason = forms.CharField(label="退回原因", max_length=200)


class ArrivalForm(forms.Form):
    """迁入 from outside this system, on the page of a person registered here."""

    on = forms.DateField(label="迁入日期", widget=DATE)
    origin = forms.CharField(label="原户籍地（迁出县）", max_length=100)
    paid_through = forms.DateField(
        label="原县已发放至", widget=DATE, required=False, help_text="空：迁出地发放至迁入当年12月（条例第三十条）"
    )
