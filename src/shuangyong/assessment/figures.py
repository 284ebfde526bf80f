"""Targets set and met (目标考核), for the yearly summary's section 加强组织领导. Whether a target is met is
computed from the records through the catalogue, as on the targets page."""

from shuangyong.assessment.models import Target
from shuangyong.assessment.progress import progress_of
from shuangyong.figures.catalogue import Figure, Scope, register, share

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
