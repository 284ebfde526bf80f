from django import forms
from django.utils import timezone

from shuangyong.accounts.roles import REGION_ROLES, UNIT_ROLES
from shuangyong.figures.catalogue import Scope
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.reports.models import SummaryTemplate
from shuangyong.units.models import Unit, UnitKind

YEARS_BACK = 5


def scope_choices(user) -> list[tuple[str, str]]:
    """The regions (the user's own and the towns below it) and member units the user may summarise."""
    choices = []
    if user.role in REGION_ROLES and user.region_id:
        own = user.region
        choices.append((f"region:{own.code}", own.name))
        below = own.subtree().filter(level=Level.TOWN) if own.level < Level.TOWN else Region.objects.none()
        choices += [(f"region:{r.code}", f"{own.name} · {r.name}") for r in below.order_by("code")]
        units = Unit.objects.filter(kind=UnitKind.MEMBER, is_active=True)
        units = units.filter(region__in=own.subtree().values("code")).order_by("code")
        choices += [(f"unit:{u.code}", f"成员单位 · {u.name}") for u in units]
    elif user.role in UNIT_ROLES and user.unit_id and user.unit.kind == UnitKind.MEMBER:
        choices.append((f"unit:{user.unit.code}", user.unit.name))
    return choices


class SummaryForm(forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int)
    target = forms.ChoiceField(label="范围")
    with_plan = forms.BooleanField(label="含下一年工作计划", required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, f"{y}年") for y in range(this_year, this_year - YEARS_BACK, -1)]
        self.fields["target"].choices = scope_choices(user)

    def scope(self) -> Scope:
        kind, code = self.cleaned_data["target"].split(":", 1)
        year = self.cleaned_data["year"]
        return Scope(year, region=code) if kind == "region" else Scope(year, unit=code)


class WordingForm(forms.ModelForm):
    class Meta:
        model = SummaryTemplate
        fields = ["heading", "text", "order", "scope", "is_active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8, "cols": 100})}
