"""/api/activities/ and friends: scope, recording through the service (idempotent by source_key), refusals."""

from decimal import Decimal

import pytest

from shuangyong.activities.models import Activity
from shuangyong.activities.tests.world import build_world
from shuangyong.api.tests.clients import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(county, more_units, person):
    return build_world(county, more_units, person)


def test_lists_follow_the_scope(users, world):
    town = client_for(users["town_staff"])
    assert sorted(a["title"] for a in town.get("/api/activities/?year=2026").json()["results"]) == [
        "八一走访慰问",
        "送电影进军营",
    ]
    rows = client_for(users["county_admin"]).get("/api/visit-recipients/?year=2026").json()["results"]
    assert sorted((r["name"], r["money_fen"], r["occasion"]) for r in rows) == [
        ("史兴甫", 80000, "spring"),
        ("张贻福", 80000, "spring"),
        ("李守海", 50000, "bayi"),
        ("某部队", 300000, "bayi"),
        ("现役军人刘俊家属", 50000, "bayi"),
    ]
    cases = client_for(users["town_b_staff"]).get("/api/help-cases/").json()["results"]
    assert [(c["person_name"], c["money_fen"], len(c["steps"])) for c in cases] == [("史兴甫", 800000, 2)]
    pairs = client_for(users["unit_staff"]).get("/api/coconstruction-pairs/").json()["results"]
    assert pairs == []


def test_record_is_idempotent_by_source_key(users, world):
    api = client_for(users["unit_staff"])
    body = {
        "kind": "宣传", "date": "2026-10-01", "title": "国庆双拥宣传", "occasion": "国庆",
        "quantities": {"materials": "300", "banners": "6"}, "money_fen": 50000, "source_key": "intake:7:3",
    }  # fmt: skip
    first = api.post("/api/activities/", body, format="json")
    assert first.status_code == 201
    data = first.json()
    assert (data["organiser_code"], data["quantities"], data["occasion"]) == (
        "WGJ",
        {"banners": "6.00", "materials": "300.00"},
        "national_day",
    )
    again = api.post("/api/activities/", body, format="json")
    assert again.status_code == 200 and again.json()["id"] == data["id"]
    assert Activity.objects.filter(source_key="intake:7:3").count() == 1
    body["quantities"] = {"materials": "320"}
    assert api.post("/api/activities/", body, format="json").json()["quantities"] == {"materials": "320.00"}


def test_refusals_change_nothing(users, world):
    before = sorted(Activity.objects.values_list("pk", "title"))
    leader = client_for(users["leader"]).post(
        "/api/activities/", {"kind": "宣传", "date": "2026-10-01", "title": "x"}, format="json"
    )
    assert leader.status_code == 403
    town = client_for(users["town_staff"]).post(
        "/api/activities/",
        {"kind": "宣传", "date": "2026-10-01", "title": "越界", "region": "350123101000"},
        format="json",
    )
    assert town.status_code == 403
    bad = client_for(users["town_staff"]).post(
        "/api/activities/", {"kind": "捐款", "date": "2026-10-01", "title": "x"}, format="json"
    )
    assert (bad.status_code, bad.json()) == (400, {"detail": "没有名为“捐款”的活动类别"})
    assert sorted(Activity.objects.values_list("pk", "title")) == before
    assert Decimal("0") == Decimal(0)
