"""Figures of the summary's frame: the size of the region (towns, villages, 驻军, member units).

They describe the scope rather than a year's work, so no domain app owns them; they are catalogue Figures
kept here (not registered: the catalogue's sections are the work's sections) and cited like any other.
"""

from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Figure, Scope
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit, UnitKind


def _regions(scope: Scope, level: Level):
    return Region.objects.subtree(scope.region).filter(level=level)


def _units(scope: Scope, kind: str):
    return Unit.objects.filter(scope.in_region("region_id"), kind=kind, is_active=True)


def _count_below(level: Level):
    def value(scope: Scope):
        # a town has no towns below it: the clause is left out rather than printed as zero
        return _regions(scope, level).count() if level_of(scope.region) < level else None

    return value


FRAME_FIGURES = {
    f.key: f
    for f in [
        Figure(
            key="frame.towns",
            label="乡镇（街道）数",
            unit="个",
            section="leadership",
            value=_count_below(Level.TOWN),
            records=lambda s: _regions(s, Level.TOWN),
            source="行政区划：范围内的乡镇（街道）",
        ),
        Figure(
            key="frame.villages",
            label="村（社区）数",
            unit="个",
            section="leadership",
            value=_count_below(Level.VILLAGE),
            records=lambda s: _regions(s, Level.VILLAGE),
            source="行政区划：范围内的村（社区）",
        ),
        Figure(
            key="frame.garrisons",
            label="驻军单位数",
            unit="个",
            section="leadership",
            value=lambda s: _units(s, UnitKind.GARRISON).count(),
            records=lambda s: _units(s, UnitKind.GARRISON),
            source="单位名录：范围内有效的驻军单位",
        ),
        Figure(
            key="frame.member_units",
            label="双拥成员单位数",
            unit="个",
            section="leadership",
            value=lambda s: _units(s, UnitKind.MEMBER).count(),
            records=lambda s: _units(s, UnitKind.MEMBER),
            source="单位名录：范围内有效的成员单位",
        ),
    ]
}


def _open_targets(scope: Scope):
    """Targets set and not met (assessment), None where the assessment figures do not exist."""
    try:
        set_, met = (
            catalogue.compute("assessment.targets_set", scope),
            catalogue.compute("assessment.targets_met", scope),
        )
    except catalogue.CatalogueError:
        return None
    return None if set_ is None or met is None else set_ - met


# figures the summary derives from other apps' figures (only where those exist)
FRAME_FIGURES["plan.open_targets"] = Figure(
    key="plan.open_targets",
    label="未完成考核目标",
    unit="个",
    section="leadership",
    value=_open_targets,
    source="考核目标：下达目标数 − 完成目标数",
    scopes=frozenset({"region", "unit"}),
)
