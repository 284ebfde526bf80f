"""/api/leadership/...: members, meetings, decisions; exact shapes, scope, refusals that change nothing."""

from datetime import date

import pytest

from shuangyong.api.tests.clients import client_for
from shuangyong.leadership import services
from shuangyong.leadership.models import Decision, GroupMember

pytestmark = pytest.mark.django_db


def test_members_on_a_date(county, users, group):
    services.replace_member(group["leader"], on=date(2026, 4, 15), name="陈志远", user=users["county_admin"])
    api = client_for(users["county_admin"])
    body = api.get("/api/leadership/members/?region=350123&on=2026-04-14").json()
    assert [(m["post_label"], m["name"]) for m in body["results"]] == [
        ("组长", "李建国"),
        ("副组长", "赵卫东"),
        ("成员", "孙丽"),
    ]
    leader = body["results"][0]
    assert leader["end"] == "2026-04-14" and leader["region"] == "350123000000" and leader["body"] == "group"


def test_create_and_refuse(county, users, group):
    api = client_for(users["county_admin"])
    refused = api.post(
        "/api/leadership/members/",
        {"region": "350123", "post": "leader", "name": "周文", "start": "2026-01-01"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("组长同一时间只能有一人：李建国")
    town = client_for(users["town_staff"])
    denied = town.post(
        "/api/leadership/members/", {"region": "350123", "post": "member", "name": "某", "start": "2026-01-01"},
        format="json",
    )  # fmt: skip
    assert denied.status_code == 403
    assert GroupMember.objects.count() == 3
    made = api.post(
        f"/api/leadership/members/{group['leader'].pk}/replace/", {"on": "2026-04-15", "name": "陈志远"}, format="json"
    )
    assert made.status_code == 201 and made.json()["post"] == "leader" and made.json()["start"] == "2026-04-15"


def test_meetings_and_decisions(county, users, group):
    api = client_for(users["county_admin"])
    created = api.post(
        "/api/leadership/meetings/",
        {
            "region": "350123", "kind": "joint", "date": "2026-05-10", "title": "双拥联席会议",
            "attendees": [group["leader"].pk],
        },
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    meeting = created.json()
    assert (meeting["kind_label"], meeting["attendees"], meeting["decisions"]) == ("联席会议", [group["leader"].pk], [])
    decision = api.post(
        "/api/leadership/decisions/",
        {"meeting": meeting["id"], "text": "落实随军家属就业", "owner_unit": county["unit_bureau"].pk,
         "due": "2026-06-01"},
        format="json",
    )  # fmt: skip
    assert decision.status_code == 201, decision.content
    pk = decision.json()["id"]
    overdue = api.get("/api/leadership/decisions/?overdue=true").json()["results"]
    assert [d["id"] for d in overdue] == [pk] and overdue[0]["overdue"] is True
    # a town's staff neither sees the county's decision to another unit as theirs to close
    town = client_for(users["town_staff"])
    assert town.post(f"/api/leadership/decisions/{pk}/complete/", {"done_on": "2026-05-20"}).status_code == 403
    assert Decision.objects.get().status == "open"
    done = client_for(users["unit_staff"]).post(
        f"/api/leadership/decisions/{pk}/complete/", {"done_on": "2026-05-20"}, format="json"
    )
    assert done.status_code == 200 and done.json()["status"] == "done" and done.json()["done_on"] == "2026-05-20"
    listed = api.get("/api/leadership/meetings/?year=2026&region=350123").json()["results"]
    assert [m["title"] for m in listed] == ["双拥联席会议"] and listed[0]["decisions"][0]["status_label"] == "已完成"
