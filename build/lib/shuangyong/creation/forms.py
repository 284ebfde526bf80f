from django import forms

from shuangyong.accounts.scope import visible
from shuangyong.activities.forms import DATE_INPUT, units_of
from shuangyong.creation.models import RubricLevel
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.units.models import UnitKind


class JudgeForm(forms.Form):
    score = forms.DecimalField(label="得分", min_value=0, max_digits=6, decimal_places=2)
    reason = forms.CharField(label="评分理由", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(None, label="牵头单位", required=False, empty_label="（县双拥办）")
    lead_town = forms.ModelChoiceField(
        None, label="或牵头乡镇（街道）", required=False, empty_label="（无）", help_text="牵头单位和牵头乡镇只选一个"
    )
    helper_units = forms.ModelMultipleChoiceField(
        None, label="配合单位", required=False, widget=forms.CheckboxSelectMultiple
    )
    helper_towns = forms.ModelMultipleChoiceField(
        None, label="配合乡镇（街道）", required=False, widget=forms.CheckboxSelectMultiple
    )
    due = forms.DateField(label="完成时限", required=False, widget=DATE_INPUT, help_text="该月底前")

    def __init__(self, *args, user, county: str, **kwargs):
        super().__init__(*args, **kwargs)
        towns = visible(user, Region.objects.filter(level=Level.TOWN, code__startswith=county[:6])).order_by("code")
        self.fields["lead_unit"].queryset = units_of(user, UnitKind.MEMBER)
        self.fields["helper_units"].queryset = units_of(user, UnitKind.MEMBER)
        self.fields["lead_town"].queryset = towns
        self.fields["helper_towns"].queryset = towns


class NoteForm(forms.Form):
    note = forms.CharField(label="台账说明", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class UnlockForm(forms.Form):
    reason = forms.CharField(label="解锁原因", max_length=200)


class NamingForm(forms.Form):
    level = forms.ChoiceField(label="级别", choices=RubricLevel.choices)
    year = forms.IntegerField(label="命名年度", min_value=1988, max_value=2100)
    title = forms.CharField(label="称号", max_length=100, initial="双拥模范县")
