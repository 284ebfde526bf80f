"""The leadership pages: what each role sees, forms that go through the services, refusals that change nothing."""

from datetime import date

import pytest
from conftest import PASSWORD
from django.test import Client
from django.utils import timezone

from shuangyong.leadership import services
from shuangyong.leadership.models import Decision, GroupMember, Meeting

pytestmark = pytest.mark.django_db


def _client(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_index_shows_the_group_now_and_its_history(county, users, group):
    services.replace_member(group["leader"], on=date(2025, 4, 15), name="陈志远", user=users["county_admin"])
    page = _client("county_admin").get("/leadership/").content.decode()
    assert "罗源县双拥工作领导小组" in page
    assert "陈志远" in page and "2025-04-14" in page  # the new 组长, and 李建国's end in the history
    assert "领导小组（" in page and "3 人）" in page


def test_town_staff_see_the_county_group_but_cannot_keep_it(county, users, group):
    client = _client("town_staff")
    page = client.get("/leadership/?region=350123000000").content.decode()
    assert "李建国" in page and "登记成员" not in page
    assert client.get("/leadership/regions/350123000000/members/new/").status_code == 403
    response = client.post(f"/leadership/members/{group['leader'].pk}/end/", {"end": "2026-01-01"})
    assert response.status_code == 403
    group["leader"].refresh_from_db()
    assert group["leader"].end is None
    # their own town is the default and theirs to keep
    assert "凤山镇双拥工作领导小组" in client.get("/leadership/").content.decode()
    assert client.get("/leadership/?region=350123101000").status_code == 404  # the other town


def test_replace_through_the_form(county, users, group):
    response = _client("county_admin").post(
        f"/leadership/members/{group['leader'].pk}/replace/",
        {"on": "2026-04-15", "name": "陈志远", "title": "县委书记"},
    )
    assert response.status_code == 302
    assert [m.name for m in services.group_on(county["county"], date(2026, 5, 1))] == ["陈志远", "赵卫东", "孙丽"]


def test_a_refused_appointment_shows_the_message_and_writes_nothing(county, users, group):
    response = _client("county_admin").post(
        "/leadership/regions/350123000000/members/new/",
        {"body": "group", "post": "leader", "name": "周文", "start": "2026-01-01"},
    )
    assert "组长同一时间只能有一人：李建国（2021-03-01 起）在任" in response.content.decode()
    assert GroupMember.objects.count() == 3


def test_meeting_form_decisions_and_completion(county, users, group):
    client = _client("county_admin")
    response = client.post(
        "/leadership/regions/350123000000/meetings/new/",
        {
            "kind": "group",
            "date": "2026-03-05",
            "title": "2026年第一次领导小组会议",
            "place": "县委常委会议室",
            "chaired_by": "李建国",
            "attendees": [group["leader"].pk, group["deputy"].pk],
            "minutes": "研究部署八一慰问。",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == f"/leadership/meetings/{meeting.pk}/"
    client.post(
        f"/leadership/meetings/{meeting.pk}/decisions/",
        {"text": "拟定八一慰问方案", "owner_unit": county["unit_bureau"].pk, "due": "2026-06-30"},
    )
    decision = Decision.objects.get()
    assert (decision.owner_unit_id, decision.due) == (county["unit_bureau"].pk, date(2026, 6, 30))
    assert decision.status == "open"
    # the unit charged with it sees it on the meeting page and reports it done
    unit = _client("unit_staff")
    assert "拟定八一慰问方案" in unit.get(f"/leadership/meetings/{meeting.pk}/").content.decode()
    unit.post(f"/leadership/decisions/{decision.pk}/complete/", {"done_on": "2026-06-20", "outcome": "已印发"})
    decision.refresh_from_db()
    assert (decision.status, decision.done_on, decision.outcome) == ("done", date(2026, 6, 20), "已印发")


def test_overdue_decisions_are_marked_on_the_index(county, users, group, kind):
    admin = users["county_admin"]
    today = timezone.localdate()
    meeting = services.record_meeting(
        region=county["county"], kind=kind, date=date(2020, 1, 1) if today.year > 2020 else today, title="旧会议",
        user=admin,
    )  # fmt: skip
    services.add_decision(meeting, text="逾期事项", owner_person="孙丽", due=date(2020, 2, 1), user=admin)
    page = _client("county_admin").get("/leadership/").content.decode()
    assert "逾期事项" in page and "已逾期" in page
