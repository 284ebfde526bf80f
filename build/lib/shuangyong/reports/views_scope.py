"""The year and region (or unit) a report page is asked for, checked against the user's scope."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from shuangyong.accounts.roles import REGION_ROLES, UNIT_ROLES, Cap
from shuangyong.accounts.scope import in_subtree
from shuangyong.figures.catalogue import Scope
from shuangyong.regions.codes import InvalidRegionCode, normalize_code, subtree_bounds
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit

FIRST_YEAR = 2000


@dataclass
class Picked:
    scope: Scope
    region: Region | None
    unit: Unit | None
    years: list[int]
    regions: list[Region]
    units: list[Unit]

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else self.region.name

    def query(self, **extra) -> str:
        """The query string that asks for the same scope (plus `extra`)."""
        params = {"year": self.scope.year}
        params.update({"unit": self.unit.code} if self.unit else {"region": self.region.code})
        params.update({k: v for k, v in extra.items() if v not in (None, "")})
        return urlencode(params)


def _year(raw) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year + 1 else this_year


def _region(raw, root: str) -> Region:
    try:
        code = normalize_code(raw) if raw else root
    except InvalidRegionCode:
        code = root
    if not in_subtree(code, root):
        raise PermissionDenied("该区划不在您的管辖范围内")
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise PermissionDenied("没有这个区划")
    return region


def pick(request) -> Picked:
    """Year, region and unit from the query string; within the user's scope or PermissionDenied."""
    user = request.user
    if not user.can(Cap.VIEW_RECORDS):
        raise PermissionDenied("您的角色不能查看统计报表")
    year = _year(request.GET.get("year"))
    years = list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))[:8]
    if user.role in UNIT_ROLES:
        unit = user.unit
        return Picked(Scope(year, unit=unit.code), None, unit, years, [], [unit])
    if user.role not in REGION_ROLES or not user.region_id:
        raise PermissionDenied("您的账号没有管辖区划")
    root = user.region_id
    units = list(_units_in(root))
    unit_code = request.GET.get("unit")
    if unit_code:
        unit = next((u for u in units if u.code == unit_code), None)
        if unit is None:
            raise PermissionDenied("该单位不在您的管辖范围内")
        region = None
        scope = Scope(year, unit=unit.code)
    else:
        unit = None
        region = _region(request.GET.get("region"), root)
        scope = Scope(year, region=region.code)
    return Picked(scope, region, unit, years, _region_choices(root, region), units)


def _units_in(root: str):
    low, high = subtree_bounds(root)
    return Unit.objects.filter(region_id__gte=low, region_id__lte=high, is_active=True).order_by("kind", "code")


def _region_choices(root: str, selected: Region | None) -> list[Region]:
    """The user's region, its children, and the children of the selected one."""
    codes = [root]
    if selected is not None and selected.code != root:
        codes.append(selected.parent_id)
        codes.append(selected.code)
    low, high = subtree_bounds(root)
    regions = Region.objects.filter(Q(code__in=codes) | Q(parent_id__in=codes), code__gte=low, code__lte=high)
    return list(regions.order_by("code"))
