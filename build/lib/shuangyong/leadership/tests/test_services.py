"""The group over time, meetings and decisions: exact answers, scope, and refusals that change nothing."""

from datetime import date

import pytest

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.audit.models import AuditEntry
from shuangyong.leadership import services
from shuangyong.leadership.models import Decision, GroupMember, Meeting, MeetingKind
from shuangyong.leadership.services import LeadershipError

pytestmark = pytest.mark.django_db


def test_meeting_kinds_are_loaded_from_the_shipped_table():
    names = list(MeetingKind.objects.values_list("name", flat=True)[:3])
    assert names == ["领导小组会议", "联席会议", "常委会专题研究"]
    assert MeetingKind.objects.count() == 8


def test_group_on_a_date_follows_a_replacement(county, users, group):
    successor = services.replace_member(
        group["leader"], on=date(2026, 4, 15), name="陈志远", title="县委书记", user=users["county_admin"]
    )
    group["leader"].refresh_from_db()
    assert group["leader"].end == date(2026, 4, 14)
    assert [m.name for m in services.group_on(county["county"], date(2026, 4, 14))] == ["李建国", "赵卫东", "孙丽"]
    assert [m.name for m in services.group_on(county["county"], date(2026, 4, 15))] == ["陈志远", "赵卫东", "孙丽"]
    assert [m.name for m in services.group_on(county["county"], date(2021, 12, 31))] == ["李建国", "赵卫东"]
    assert successor.post == "leader" and successor.start == date(2026, 4, 15)
    assert AuditEntry.objects.filter(model="leadership.groupmember", object_id=str(successor.pk)).count() == 1


def test_a_second_leader_at_the_same_time_is_refused(county, users, group):
    with pytest.raises(LeadershipError, match="组长同一时间只能有一人：李建国（2021-03-01 起）在任"):
        services.appoint_member(
            region=county["county"], post="leader", name="陈志远", start=date(2026, 1, 1), user=users["county_admin"]
        )
    assert GroupMember.objects.filter(post="leader").count() == 1


def test_a_leader_before_the_current_ones_term_is_allowed_if_it_ended_before(county, users, group):
    earlier = services.appoint_member(
        region=county["county"],
        post="leader",
        name="周文",
        start=date(2018, 1, 1),
        end=date(2021, 2, 28),
        user=users["county_admin"],
    )
    assert [m.name for m in services.group_on(county["county"], date(2020, 6, 1))] == ["周文"]
    assert earlier.pk


def test_posts_belong_to_their_body(county, users):
    with pytest.raises(LeadershipError, match="双拥办的职务只能是主任、副主任、工作人员"):
        services.appoint_member(
            region=county["county"], body="office", post="leader", name="某", start=date(2026, 1, 1),
            user=users["county_admin"],
        )  # fmt: skip
    with pytest.raises(LeadershipError, match="领导小组只设在县和乡镇两级"):
        services.appoint_member(
            region=county["village_a1"], post="member", name="某", start=date(2026, 1, 1), user=users["county_admin"]
        )
    assert GroupMember.objects.count() == 0


def test_town_staff_cannot_change_the_county_group(county, users, group):
    with pytest.raises(ScopeDenied):
        services.end_term(group["member"], date(2026, 1, 1), user=users["town_staff"])
    with pytest.raises(ScopeDenied):
        services.replace_member(group["leader"], on=date(2026, 5, 1), name="某", user=users["town_staff"])
    group["member"].refresh_from_db()
    assert group["member"].end is None
    assert GroupMember.objects.count() == 3


def test_town_staff_keep_their_own_group(county, users):
    member = services.appoint_member(
        region=county["town_a"], post="leader", name="林镇长", start=date(2024, 1, 1), user=users["town_staff"]
    )
    assert member.region_id == "350123100000"
    with pytest.raises(ScopeDenied):
        services.appoint_member(
            region=county["town_b"], post="leader", name="某", start=date(2024, 1, 1), user=users["town_staff"]
        )


def test_meeting_attendees_must_serve_on_the_day(county, users, group, kind):
    admin = users["county_admin"]
    with pytest.raises(LeadershipError, match="会议当天不是本级领导小组或双拥办成员：孙丽"):
        services.record_meeting(
            region=county["county"], kind=kind, date=date(2021, 6, 1), title="领导小组第一次会议",
            attendees=[group["leader"], group["member"]], user=admin,
        )  # fmt: skip
    assert Meeting.objects.count() == 0
    meeting = services.record_meeting(
        region=county["county"], kind=kind, date=date(2026, 3, 5), title="2026年双拥工作领导小组会议",
        attendees=[group["leader"], group["member"]], other_attendees="各乡镇分管领导", minutes="研究八一慰问方案。",
        user=admin,
    )  # fmt: skip
    assert sorted(meeting.attendees.values_list("name", flat=True)) == ["孙丽", "李建国"]


def test_decisions_open_done_and_overdue(county, users, group, kind):
    admin = users["county_admin"]
    meeting = services.record_meeting(
        region=county["county"], kind=kind, date=date(2026, 3, 5), title="领导小组会议", user=admin
    )
    late = services.add_decision(
        meeting, text="制定八一慰问方案", owner_unit=county["unit_bureau"], due=date(2026, 6, 30), user=admin
    )
    later = services.add_decision(meeting, text="走访驻军", owner_person="赵卫东", due=date(2026, 12, 31), user=admin)
    assert list(services.overdue(Decision.objects.all(), date(2026, 7, 1))) == [late]
    # the unit charged with it reports it done; another unit's staff or a town cannot
    with pytest.raises(ScopeDenied):
        services.complete_decision(later, done_on=date(2026, 7, 1), user=users["unit_staff"])
    with pytest.raises(ScopeDenied):
        services.complete_decision(late, done_on=date(2026, 7, 1), user=users["town_staff"])
    done = services.complete_decision(late, done_on=date(2026, 7, 2), outcome="方案已印发", user=users["unit_staff"])
    assert (done.status, done.done_on, done.outcome) == ("done", date(2026, 7, 2), "方案已印发")
    assert list(services.overdue(Decision.objects.all(), date(2027, 1, 1))) == [later]
    with pytest.raises(LeadershipError, match="该事项已于 2026-07-02 完成"):
        services.complete_decision(late, done_on=date(2026, 8, 1), user=admin)
    with pytest.raises(LeadershipError, match="完成时限不能早于会议日期 2026-03-05"):
        services.add_decision(meeting, text="x", owner_person="y", due=date(2026, 1, 1), user=admin)
    assert Decision.objects.count() == 2
    reopened = services.reopen_decision(late, user=admin)
    assert (reopened.status, reopened.done_on) == ("open", None)
