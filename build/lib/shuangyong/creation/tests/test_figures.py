"""The 创建 figures the summary's 组织领导 section cites, exact; none for a year without a self-assessment."""

from decimal import Decimal

import pytest

from shuangyong.creation import services
from shuangyong.creation.models import Naming
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope

pytestmark = pytest.mark.django_db
KEYS = ["creation.score", "creation.max", "creation.gaps", "creation.namings", "creation.streak.national",
        "creation.streak.provincial"]  # fmt: skip


def _values(year: int):
    with catalogue.memo():
        return [catalogue.compute(key, Scope(year, region="350123000000")) for key in KEYS]


def test_the_assessment_and_the_namings_as_figures(county, users, rubric):
    admin = users["county_admin"]
    assessment = services.open_assessment(rubric=rubric, region=county["county"], year=2025, user=admin)
    services.score_automatic(assessment, user=admin)
    services.judge_item(assessment.row("1"), score="2", reason="全部做到", user=admin)
    for level, year in (("provincial", 2017), ("provincial", 2021), ("provincial", 2025), ("national", 2020)):
        Naming.objects.create(region=county["county"], level=level, year=year, title="双拥模范县")
    Naming.objects.create(region=county["county"], level="national", year=2028, title="后来的命名")
    # eight gaps: item 1 has full marks but no evidence yet, item 3's three sub-items are not scored; one national
    # naming is no streak
    assert _values(2025) == [Decimal("2"), Decimal("7"), 8, 4, 0, 3]
    assert _values(2024)[:3] == [None, None, None]  # no self-assessment that year
    assert _values(2024)[3:] == [3, 0, 2]


def test_the_gaps_of_the_year_before_now_met(county, users, rubric):
    admin = users["county_admin"]
    before = services.open_assessment(rubric=rubric, region=county["county"], year=2025, user=admin)
    services.judge_item(before.row("1"), score="2", reason="全部做到", user=admin)  # full marks, no evidence: a gap
    services.judge_item(before.row("6"), score="1", reason="全部列入", user=admin)
    services.note_evidence(before.row("6"), note="各部门年度计划", user=admin)  # met already: no gap to close
    now = services.open_assessment(rubric=rubric, region=county["county"], year=2026, user=admin)
    scope = Scope(2026, region="350123000000")
    with catalogue.memo():
        assert catalogue.compute("creation.gaps_closed", scope) == 0
    services.judge_item(now.row("1"), score="2", reason="全部做到", user=admin)
    services.note_evidence(now.row("1"), note="发展规划第十二章", user=admin)
    services.judge_item(now.row("6"), score="1", reason="全部列入", user=admin)
    services.note_evidence(now.row("6"), note="各部门年度计划", user=admin)
    with catalogue.memo():
        assert catalogue.compute("creation.gaps_closed", scope) == 1
        assert catalogue.compute("creation.gaps_closed", Scope(2025, region="350123000000")) is None  # no 2024
