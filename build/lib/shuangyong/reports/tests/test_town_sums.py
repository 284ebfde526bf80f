"""A county's count figures are the sums of its towns' when every record lies in a town: the town summaries and
the county's agree."""

from datetime import date

import pytest

from shuangyong.accounts.system import system_user
from shuangyong.activities.services import visits
from shuangyong.activities.services.records import record_activity
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Entitlement
from shuangyong.reports.tests.test_summary import people  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
COUNTS = {"人", "人次", "次", "户", "件", "个", "份", "项", "场次", "册", "块", "幅", "期", "篇", "台次"}


def test_every_count_figure_of_the_county_adds_up_from_its_towns(county, people):  # noqa: F811
    for person, category in zip(people, ("41", "11", "21"), strict=True):
        grade = {"disability_grade": 4, "disability_nature": "war"} if category == "11" else {}
        Entitlement.objects.create(
            person=person, category_id=category, status=Status.ACTIVE, approval_date=date(2020, 1, 1), **grade
        )
    for town, title, day in (
        (county["town_a"], "八一走访慰问", date(2026, 7, 30)),
        (county["town_b"], "春节慰问", date(2026, 1, 20)),
    ):
        activity = record_activity(
            region=town, kind="visit", date=day, title=title, quantities={"participants": 12}, user=system_user()
        )
        for person in people:
            if person.region_id.startswith(town.code[:9]):
                visits.add_recipient(activity, person=person, money_fen=50000, user=system_user())
    whole = catalogue.compute_all(Scope(2026, region=county["county"].code))
    towns = [catalogue.compute_all(Scope(2026, region=county[t].code)) for t in ("town_a", "town_b")]
    counted = [f for f in catalogue.figures() if f.unit in COUNTS and f.applies_to(Scope(2026, region="350123000000"))]
    wrong = {
        f.key: (whole[f.key], [t[f.key] for t in towns])
        for f in counted
        if whole[f.key] is not None and whole[f.key] != sum(t[f.key] or 0 for t in towns)
    }
    assert wrong == {}
    assert (whole["activities.count"], whole["activities.visits.households"], whole["registry.all_persons"]) == (
        2,
        3,
        3,
    )
    assert len(counted) > 60
