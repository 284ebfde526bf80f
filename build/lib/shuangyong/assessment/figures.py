"""Targets set and met (目标考核), for the yearly summary's section 加强组织领导. Whether a target is met is
computed from the records through the catalogue, as on the targets page."""

from datetime import date

from shuangyong.assessment.models import PlanItem, Target
from shuangyong.assessment.progress import progress_of
from shuangyong.figures.catalogue import Figure, Scope, register, share
from shuangyong.figures.examples import PLAN, Example, register_examples

SECTION = "leadership"
BOTH = frozenset({"region", "unit"})


def _targets(scope: Scope):
    targets = Target.objects.filter(year=scope.year).select_related("unit")
    if scope.is_region:
        return targets.filter(scope.in_region("region"))
    return targets.filter(unit__code=scope.unit)


def _met(scope: Scope):
    met = [t.pk for t in _targets(scope) if progress_of(t).met]
    return Target.objects.filter(pk__in=met)


def _rate(scope: Scope):
    return share(_met(scope).count(), _targets(scope).count())


register(
    Figure(
        "assessment.targets_set",
        "下达考核目标",
        "个",
        SECTION,
        lambda s: _targets(s).count(),
        "考核目标：本年下达给本区划内单位和乡镇（或本单位）的目标",
        _targets,
        BOTH,
    )
)
register(
    Figure(
        "assessment.targets_met",
        "完成考核目标",
        "个",
        SECTION,
        lambda s: _met(s).count(),
        "考核目标：按记录计算已达到目标值的目标",
        _met,
        BOTH,
    )
)
register(
    Figure(
        "assessment.completion_rate",
        "目标完成率",
        "%",
        SECTION,
        _rate,
        "考核目标：完成目标数 ÷ 下达目标数",
        _targets,
        BOTH,
    )
)


def _plan_items(scope: Scope) -> list[Example]:
    """The summary of year Y names the plan items the region has for Y + 1 (its own plan, not its towns')."""
    if not scope.is_region:
        return []
    items = PlanItem.objects.filter(region_id=scope.region, year=scope.year + 1).select_related("lead_unit")
    # the office's own items first, then those taken from last year's problems; each by its due month
    ordered = sorted(items, key=lambda i: (bool(i.source), i.due or date.max, i.pk))[:MAX_PLAN_ITEMS]
    return [Example(_plan_text(item), item.measure) for item in ordered]


def _plan_text(item: PlanItem) -> str:
    parts = []
    if item.lead_unit_id:
        parts.append(f"{item.lead_unit.shown_name}牵头")
    if item.due:
        parts.append(f"{item.due.month}月底前")
    return item.title + (f"（{'，'.join(parts)}）" if parts else "")


MAX_PLAN_ITEMS = 8
register_examples(PLAN, "assessment.plan_items", _plan_items)
