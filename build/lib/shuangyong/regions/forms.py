from django import forms

from shuangyong.regions.widgets import RegionSelect


class SettingForm(forms.Form):
    """One local rule for a place, from a date."""

    key = forms.ChoiceField(label="设置项")
    region = forms.ChoiceField(label="适用区划（及以下）", widget=RegionSelect)
    value = forms.CharField(label="取值", max_length=60, help_text="是/否、按月/按季/按年、月-日（如 06-30）或整数")
    valid_from = forms.DateField(label="生效日期", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明（依据）", max_length=200, required=False)

    def __init__(self, *args, regions, **kwargs):
        from shuangyong.regions.local_settings import SPECS

        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(spec.key, spec.label) for spec in SPECS.values()]
        self.fields["region"].choices = [(r.code, f"{r.code} {r.name}") for r in regions]
