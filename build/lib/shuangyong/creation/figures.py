"""What 创建 offers to the yearly summary (section 加强组织领导): the year's self-assessment (score, full marks, gaps
found, and the gaps of the year before now met) and the namings (how many, and N连冠 at each level counted up to the
year)."""

from decimal import Decimal

from shuangyong.creation.models import Naming, RubricLevel, SelfAssessment
from shuangyong.creation.services import streak
from shuangyong.figures.catalogue import Figure, Scope, cached, register

SECTION = "leadership"
REGION = frozenset({"region"})


def _assessment(scope: Scope):
    return SelfAssessment.objects.filter(region_id=scope.region, year=scope.year).order_by("rubric__code")


def _report(scope: Scope) -> dict | None:
    from shuangyong.creation.report import report

    def run():
        found = _assessment(scope).first()
        return report(found) if found else None

    return cached(("creation.report", scope), run)


def _gaps_closed(scope: Scope) -> int | None:
    from shuangyong.creation.report import gaps_closed

    found = _report(scope)
    before = _report(Scope(scope.year - 1, region=scope.region))
    if found is None or before is None or found["rubric"] != before["rubric"]:
        return None
    return gaps_closed(found, before)


def _of(key: str):
    def value(scope: Scope):
        found = _report(scope)
        return None if found is None else (found[key] if key == "gaps" else Decimal(found[key]).normalize())

    return value


def _namings(scope: Scope):
    return Naming.objects.filter(region_id=scope.region, year__lte=scope.year)


def _streak(level: str):
    def value(scope: Scope) -> int:
        found = streak(scope.region, level, up_to=scope.year)
        return found.count if found.count >= 2 else 0  # "1连冠" is no streak

    return value


def _add(key, label, unit, value, source, records):
    register(Figure(key, label, unit, SECTION, value, source, records, REGION))


_add("creation.score", "创建自评得分", "分", _of("score"), "创建自评：本年自评各项得分合计", _assessment)
_add("creation.max", "创建自评满分", "分", _of("max"), "创建自评：考评标准各项分值合计", _assessment)
_add("creation.gaps", "创建自评查找差距", "项", _of("gaps"), "创建自评：未得满分或缺少台账资料的考评内容", _assessment)
_add(
    "creation.gaps_closed",
    "上年查找差距已整改",
    "项",
    _gaps_closed,
    "创建自评：上年未得满分或缺少台账资料、本年已达标的考评内容",
    _assessment,
)
_add(
    "creation.namings",
    "被命名为双拥模范城（县）",
    "次",
    lambda s: _namings(s).count(),
    "双拥模范命名：截至本年",
    _namings,
)
for _level, _name in ((RubricLevel.NATIONAL, "全国"), (RubricLevel.PROVINCIAL, "省级")):
    _add(
        f"creation.streak.{_level.value}",
        f"{_name}双拥模范连续命名",
        "连冠",
        _streak(_level.value),
        f"双拥模范命名：截至本年{_name}命名连续的届数（两届以上）",
        lambda s, lv=_level.value: _namings(s).filter(level=lv),
    )
