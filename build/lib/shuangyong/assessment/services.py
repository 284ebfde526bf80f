"""Setting targets. A target is set by a region (the county) for its member units and towns; only staff of the
issuing region may set or change it, the assignee only reads it and its computed progress."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from shuangyong.accounts.roles import REGION_ROLES, Cap
from shuangyong.accounts.scope import ScopeDenied, ensure_can_write, in_subtree
from shuangyong.assessment.models import Comparator, Target
from shuangyong.errors import RuleError
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, Scope
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit

# a target may not measure the assessment itself (a target on the share of targets met would be circular)
OWN_SECTION_PREFIX = "assessment."


class AssessmentError(RuleError):
    pass


@dataclass
class AssignCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def figure_for(measure: str) -> catalogue.Figure:
    if measure.startswith(OWN_SECTION_PREFIX):
        raise AssessmentError("考核目标不能以目标完成情况本身为指标")
    try:
        return catalogue.get(measure)
    except CatalogueError as exc:
        raise AssessmentError(str(exc)) from None


def _threshold(raw) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise AssessmentError(f"目标值“{raw}”不是数字") from None
    if not value.is_finite() or value < 0:
        raise AssessmentError("目标值须为不小于 0 的数字")
    if value != value.quantize(Decimal("0.01")):
        raise AssessmentError("目标值最多两位小数")
    return value


def _ensure_issuer(user, issuer: Region) -> None:
    if user is None or not user.is_authenticated or user.role not in REGION_ROLES or not user.region_id:
        raise ScopeDenied("考核目标由上级区划下达，您的角色不能设置或修改")
    if not user.can(Cap.EDIT_RECORDS):
        raise ScopeDenied("您的角色无权修改此类记录")
    if not in_subtree(issuer.code, user.region_id):
        raise ScopeDenied(f"该目标由{issuer.name}下达，您不能修改")


def _assignee_scope(year: int, unit: Unit | None, region: Region | None) -> Scope:
    if unit is not None:
        return Scope(year, unit=unit.code)
    assert region is not None  # a target goes to a unit or to a region (_check_assignee)
    return Scope(year, region=region.code)


def _check_assignee(figure, year: int, issuer: Region, unit: Unit | None, region: Region | None) -> None:
    if unit is None and region is None:
        raise AssessmentError("目标须下达给一个成员单位或一个下级区划")
    name = unit.name if unit else region.name  # type: ignore[union-attr]  # one of the two, checked above
    if unit is not None:
        if not in_subtree(unit.region_id, issuer.code):
            raise AssessmentError(f"{unit.name}不在{issuer.name}范围内，不能向其下达目标")
    elif region is not None:
        if region.code == issuer.code or not in_subtree(region.code, issuer.code):
            raise AssessmentError(f"{region.name}不是{issuer.name}的下级区划，不能向其下达目标")
        if level_of(region.code) not in (Level.TOWN, Level.VILLAGE):
            raise AssessmentError(f"目标只能下达给乡镇（或村），{region.name}不是")
    if not figure.applies_to(_assignee_scope(year, unit, region)):
        kind = "单位" if unit else "区划"
        raise AssessmentError(f"指标“{figure.label}”不能按{kind}统计，不能作为{name}的考核目标")


def assign_target(
    *,
    year: int,
    measure: str,
    threshold,
    user,
    units=(),
    regions=(),
    comparator: str = Comparator.AT_LEAST,
    points=None,
    note: str = "",
    issuer: Region | None = None,
) -> AssignCounts:
    """Set one target for many assignees at once (批量下达). All or nothing: if any assignee is refused, nothing
    is written. Setting it again with the same values changes nothing; different values update it."""
    units, regions = list(units), list(regions)
    if not units and not regions:
        raise AssessmentError("请至少选择一个责任单位或乡镇")
    if comparator not in Comparator.values:
        raise AssessmentError(f"比较方式“{comparator}”无效")
    if not 2000 <= int(year) <= 2100:
        raise AssessmentError(f"年度 {year} 无效")
    figure = figure_for(measure)
    threshold = _threshold(threshold)
    points = None if points in (None, "") else _threshold(points)
    issuer = issuer or (Region.objects.get(code=user.region_id) if getattr(user, "region_id", None) else None)
    if issuer is None:
        raise ScopeDenied("考核目标由上级区划下达，您的角色不能设置或修改")
    _ensure_issuer(user, issuer)
    assignees = [(u, None) for u in units] + [(None, r) for r in regions]
    for unit, region in assignees:
        _check_assignee(figure, year, issuer, unit, region)
    counts = AssignCounts()
    values = {"comparator": comparator, "threshold": threshold, "points": points, "note": note.strip()}
    with transaction.atomic():
        for unit, region in assignees:
            _upsert(year, issuer, figure.key, unit, region, values, user, counts)
    return counts


def _upsert(year, issuer, measure, unit, region, values, user, counts: AssignCounts) -> None:
    key = {"unit": unit} if unit else {"region": region, "unit": None}
    existing = Target.objects.select_for_update().filter(year=year, measure=measure, **key).first()
    if existing is None:
        target = Target(year=year, issuer=issuer, measure=measure, unit=unit, region=region or unit.region, **values)
        ensure_can_write(user, target)
        target.save()
        counts.created += 1
        return
    ensure_can_write(user, existing)
    _ensure_issuer(user, existing.issuer)
    if all(getattr(existing, name) == value for name, value in values.items()):
        counts.unchanged += 1
        return
    for name, value in values.items():
        setattr(existing, name, value)
    existing.save()
    counts.updated += 1


def update_target(target: Target, *, user, threshold=None, comparator=None, points="", note=None) -> Target:
    with transaction.atomic():
        current = Target.objects.select_for_update().select_related("issuer").get(pk=target.pk)
        ensure_can_write(user, current)
        _ensure_issuer(user, current.issuer)
        if threshold is not None:
            current.threshold = _threshold(threshold)
        if comparator is not None:
            if comparator not in Comparator.values:
                raise AssessmentError(f"比较方式“{comparator}”无效")
            current.comparator = comparator
        if points != "":
            current.points = None if points is None else _threshold(points)
        if note is not None:
            current.note = note.strip()
        current.save()
    return current


def withdraw_target(target: Target, *, user) -> None:
    """撤销: a target set by mistake is deleted (the audit log keeps what it was)."""
    with transaction.atomic():
        current = Target.objects.select_for_update().select_related("issuer").get(pk=target.pk)
        ensure_can_write(user, current)
        _ensure_issuer(user, current.issuer)
        current.delete()
