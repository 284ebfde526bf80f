from django import forms

from shuangyong.accounts.roles import REGION_ROLES, Role
from shuangyong.regions.models import Region
from shuangyong.regions.widgets import RegionSelect
from shuangyong.units.models import Unit
from shuangyong.units.services import EDITABLE_FIELDS


def writable_regions(user):
    """The regions a user may place a unit in: their own subtree (the unit's region for unit staff)."""
    if user.role == Role.SYSADMIN:
        return Region.objects.filter(level__gte=3)
    if user.role in REGION_ROLES and user.region_id:
        return Region.objects.subtree(user.region_id)
    if user.unit_id:
        return Region.objects.filter(code=user.unit.region_id)
    return Region.objects.none()


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = list(EDITABLE_FIELDS)
        widgets = {"region": RegionSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = writable_regions(user).order_by("code")
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.name}"
