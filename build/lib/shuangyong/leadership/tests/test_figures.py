"""The section 加强组织领导 figures of the group and its meetings, exact, for a region and a unit."""

from datetime import date

import pytest

from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope
from shuangyong.leadership import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_work(county, users, group, kind):
    admin = users["county_admin"]
    services.replace_member(group["leader"], on=date(2026, 4, 15), name="陈志远", user=admin)
    services.appoint_member(
        region=county["county"], body="office", post="director", name="吴芳", start=date(2020, 1, 1), user=admin
    )
    services.appoint_member(
        region=county["county"], body="office", post="staff", name="钱军", is_military=True,
        start=date(2025, 9, 1), user=admin,
    )  # fmt: skip
    meeting = services.record_meeting(
        region=county["county"], kind=kind, date=date(2026, 3, 5), title="领导小组会议", user=admin
    )
    forum = services.record_meeting(
        region=county["county"], kind=type(kind).objects.get(code="forum"), date=date(2026, 7, 28),
        title="八一军地座谈会", user=admin,
    )  # fmt: skip
    services.record_meeting(
        region=county["town_a"], kind=kind, date=date(2026, 2, 1), title="凤山镇领导小组会议", user=admin
    )
    services.record_meeting(region=county["county"], kind=kind, date=date(2025, 12, 30), title="去年", user=admin)
    done = services.add_decision(meeting, text="慰问方案", owner_unit=county["unit_bureau"], user=admin)
    services.complete_decision(done, done_on=date(2026, 4, 1), user=admin)
    services.add_decision(meeting, text="走访驻军", owner_unit=county["unit_bureau"], user=admin)
    services.add_decision(forum, text="共建协议", owner_person="赵卫东", user=admin)
    return meeting


def test_region_figures(county, year_of_work):
    values = {
        key: catalogue.compute(key, Scope(2026, region="350123000000"))
        for key in [
            "leadership.group_members",
            "leadership.group_leaders",
            "leadership.group_new_members",
            "leadership.office_staff",
            "leadership.office_military_staff",
            "leadership.meetings",
            "leadership.meetings.group",
            "leadership.meetings.forum",
            "leadership.meetings.joint",
            "leadership.decisions",
            "leadership.decisions_done",
        ]
    }
    assert values == {
        "leadership.group_members": 3,
        "leadership.group_leaders": 2,
        "leadership.group_new_members": 1,
        "leadership.office_staff": 2,
        "leadership.office_military_staff": 1,
        "leadership.meetings": 3,  # the county's two and 凤山镇's one; not last year's
        "leadership.meetings.group": 2,
        "leadership.meetings.forum": 1,
        "leadership.meetings.joint": 0,
        "leadership.decisions": 3,
        "leadership.decisions_done": 1,
    }
    leaders = catalogue.get("leadership.group_leaders").records(Scope(2026, region="350123000000"))
    assert sorted(leaders.values_list("name", flat=True)) == ["李建国", "陈志远"]
    assert catalogue.compute("leadership.group_leaders", Scope(2025, region="350123000000")) == 1
    assert catalogue.compute("leadership.meetings", Scope(2026, region="350123100000")) == 1


def test_unit_figures(county, year_of_work):
    scope = Scope(2026, unit="WGJ")
    assert catalogue.compute("leadership.decisions", scope) == 2
    assert catalogue.compute("leadership.decisions_done", scope) == 1
    assert catalogue.compute("leadership.meetings", scope) is None
    assert catalogue.compute("leadership.group_members", scope) is None
