from django import forms

from shuangyong.assessment.models import Comparator
from shuangyong.assessment.services import OWN_SECTION_PREFIX
from shuangyong.figures import catalogue
from shuangyong.regions.codes import Level, subtree_bounds
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit, UnitKind


def measure_choices(scope_kind: str | None = None):
    """The catalogue's figures, grouped by summary section, as (key, "label（unit）")."""
    groups: dict[str, list] = {}
    for figure in catalogue.figures():
        if figure.key.startswith(OWN_SECTION_PREFIX) or (scope_kind and scope_kind not in figure.scopes):
            continue
        groups.setdefault(catalogue.SECTIONS[figure.section], []).append(
            (figure.key, f"{figure.label}（{figure.unit}）{'' if 'unit' in figure.scopes else ' · 仅乡镇'}")
        )
    return [("", "请选择指标"), *groups.items()]


class TargetForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    measure = forms.ChoiceField(label="考核指标", help_text="进度由系统按记录自动计算，不需填报")
    comparator = forms.ChoiceField(label="比较", choices=Comparator.choices, initial=Comparator.AT_LEAST)
    threshold = forms.DecimalField(label="目标值", min_value=0, max_digits=14, decimal_places=2)
    points = forms.DecimalField(label="分值", required=False, min_value=0, max_digits=6, decimal_places=2)
    units = forms.ModelMultipleChoiceField(
        label="责任单位", queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    regions = forms.ModelMultipleChoiceField(
        label="乡镇", queryset=Region.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, issuer: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = measure_choices()
        low, high = subtree_bounds(issuer.code)
        self.fields["units"].queryset = Unit.objects.filter(
            kind=UnitKind.MEMBER, is_active=True, region_id__gte=low, region_id__lte=high
        ).order_by("code")
        self.fields["regions"].queryset = Region.objects.subtree(issuer.code).filter(level=Level.TOWN).order_by("code")


class TargetEditForm(forms.Form):
    comparator = forms.ChoiceField(label="比较", choices=Comparator.choices)
    threshold = forms.DecimalField(label="目标值", min_value=0, max_digits=14, decimal_places=2)
    points = forms.DecimalField(label="分值", required=False, min_value=0, max_digits=6, decimal_places=2)
    note = forms.CharField(label="说明", max_length=200, required=False)
