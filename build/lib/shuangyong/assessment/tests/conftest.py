"""Targets measured by real records: the leadership app's decisions and meetings, plus two figures of our own
(registered for each test only, so the catalogue the other apps see is unchanged)."""

from datetime import date

import pytest

from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Figure
from shuangyong.leadership import services as leadership
from shuangyong.leadership.kinds import load_kinds
from shuangyong.leadership.models import MeetingKind
from shuangyong.units.models import Unit, UnitKind


def _partners(scope):
    return Unit.objects.filter(scope.in_region("region"), kind=UnitKind.PARTNER)


def _active_units(scope):
    return Unit.objects.filter(code=scope.unit, is_active=True)


TEST_FIGURES = [
    # applies to regions only: a target with it for a unit is refused
    Figure(
        "test.partner_units", "共建单位数", "个", "coconstruction", lambda s: _partners(s).count(), "测试", _partners,
    ),
    Figure(
        "test.unit_active", "单位有效", "个", "leadership", lambda s: _active_units(s).count(), "测试", _active_units,
        frozenset({"unit"}),
    ),
]  # fmt: skip


@pytest.fixture(autouse=True)
def meeting_kinds(db):
    """Shipped by a data migration; a transactional test elsewhere may have flushed it."""
    load_kinds()


@pytest.fixture(autouse=True)
def test_figures(monkeypatch):
    for figure in TEST_FIGURES:
        monkeypatch.setitem(catalogue._FIGURES, figure.key, figure)


@pytest.fixture
def second_unit(county):
    return Unit.objects.create(code="MZJ", name="县民政局", kind=UnitKind.MEMBER, region=county["county"])


@pytest.fixture
def meeting(county, users):
    return leadership.record_meeting(
        region=county["county"],
        kind=MeetingKind.objects.get(code="group"),
        date=date(2026, 3, 5),
        title="领导小组会议",
        user=users["county_admin"],
    )


@pytest.fixture
def done_decision(meeting, users):
    """add_decision + complete for a unit: one record behind the figure leadership.decisions_done."""

    def make(unit, done_on=date(2026, 6, 1), text="事项"):
        decision = leadership.add_decision(meeting, text=text, owner_unit=unit, user=users["county_admin"])
        return leadership.complete_decision(decision, done_on=done_on, user=users["county_admin"])

    return make
