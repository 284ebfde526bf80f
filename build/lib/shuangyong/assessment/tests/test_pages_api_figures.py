"""Targets as each role sees them (pages and API), the computed progress in JSON, and the catalogue figures."""

from decimal import Decimal

import pytest
from conftest import PASSWORD
from django.test import Client

from shuangyong.api.tests.clients import client_for
from shuangyong.assessment import services
from shuangyong.assessment.models import Target
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(county, users, second_unit, done_decision):
    admin = users["county_admin"]
    services.assign_target(
        year=2026, measure="leadership.decisions_done", threshold=2, units=[county["unit_bureau"], second_unit],
        note="议定事项按期落实", user=admin,
    )  # fmt: skip
    services.assign_target(
        year=2026, measure="leadership.meetings", threshold=1, regions=[county["town_a"], county["town_b"]], user=admin
    )
    done_decision(county["unit_bureau"])
    done_decision(county["unit_bureau"], text="二")
    done_decision(second_unit)
    return Target.objects.all()


def _client(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_figures(county, targets):
    county_scope = Scope(2026, region="350123000000")
    assert catalogue.compute("assessment.targets_set", county_scope) == 4
    assert catalogue.compute("assessment.targets_met", county_scope) == 1  # only 县文广局 has its 2
    assert catalogue.compute("assessment.completion_rate", county_scope) == Decimal("25.0")
    assert catalogue.compute("assessment.targets_set", Scope(2026, region="350123100000")) == 1
    unit_scope = Scope(2026, unit="WGJ")
    assert [catalogue.compute(k, unit_scope) for k in ("assessment.targets_set", "assessment.targets_met")] == [1, 1]
    assert catalogue.compute("assessment.completion_rate", unit_scope) == Decimal("100.0")
    assert catalogue.compute("assessment.completion_rate", Scope(2025, region="350123000000")) is None


def test_api_lists_targets_with_progress(county, users, targets):
    body = client_for(users["county_admin"]).get("/api/assessment/targets/?year=2026").json()
    first = body["results"][0]
    assert body["count"] == 4
    assert {k: first[k] for k in ("assignee", "measure", "measure_label", "measure_unit", "threshold", "progress")} == {
        "assignee": "县民政局",
        "measure": "leadership.decisions_done",
        "measure_label": "议定事项已落实",
        "measure_unit": "项",
        "threshold": "2.00",
        "progress": {"value": "1.00", "share": "50.0", "met": False},
    }
    # unit staff see their own unit's target only; a town's staff their town's
    mine = client_for(users["unit_staff"]).get("/api/assessment/targets/").json()["results"]
    assert [(t["assignee"], t["progress"]["met"]) for t in mine] == [("县文广局", True)]
    town = client_for(users["town_staff"]).get("/api/assessment/targets/").json()["results"]
    assert [t["assignee"] for t in town] == ["凤山镇"]


def test_api_bulk_assign_and_refusals(county, users, second_unit):
    api = client_for(users["county_admin"])
    payload = {"year": 2026, "measure": "leadership.decisions", "threshold": "3", "units": [second_unit.pk],
               "regions": ["350123100"]}  # fmt: skip
    assert api.post("/api/assessment/targets/", payload, format="json").json() == {
        "created": 2, "updated": 0, "unchanged": 0,
    }  # fmt: skip
    refused = api.post(
        "/api/assessment/targets/", {**payload, "measure": "test.partner_units", "regions": []}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json() == {"detail": "指标“共建单位数”不能按单位统计，不能作为县民政局的考核目标"}
    denied = client_for(users["unit_staff"]).post("/api/assessment/targets/", payload, format="json")
    assert denied.status_code == 403
    target = Target.objects.get(unit=second_unit)
    town = client_for(users["town_staff"])
    assert town.patch(f"/api/assessment/targets/{target.pk}/", {"threshold": "0"}, format="json").status_code == 404
    town_target = Target.objects.get(region="350123100000")
    assert town.delete(f"/api/assessment/targets/{town_target.pk}/").status_code == 403
    assert Target.objects.count() == 2 and Target.objects.get(unit=second_unit).threshold == 3
    measures = api.get("/api/assessment/targets/measures/").json()
    assert {"key": "test.partner_units", "label": "共建单位数", "unit": "个", "section": "coconstruction",
            "scopes": ["region"]} in measures  # fmt: skip
    assert not [m for m in measures if m["key"].startswith("assessment.")]


def test_index_page_and_unit_page(county, users, targets):
    page = _client("county_admin").get("/assessment/?year=2026").content.decode()
    assert "2026年度目标考核" in page and 'id="targets-set">4<' in page and 'id="targets-met">1<' in page
    assert "25.0%" in page and "≥ 2 项" in page and "议定事项按期落实" in page
    filtered = _client("county_admin").get(f"/assessment/?year=2026&unit={county['unit_bureau'].pk}").content.decode()
    assert 'id="targets-set">1<' in filtered and "100.0%" in filtered
    unit = _client("unit_staff")
    own = unit.get(f"/assessment/units/{county['unit_bureau'].pk}/?year=2026").content.decode()
    assert "县文广局 2026年度考核目标" in own and "已完成" in own
    assert unit.get("/assessment/targets/new/").status_code == 403
    town = _client("town_staff").get("/assessment/?year=2026").content.decode()
    assert 'id="targets-set">1<' in town and "凤山镇" in town and "松山镇" not in town


def test_target_form_assigns_to_many(county, users, second_unit):
    client = _client("county_admin")
    form = client.get("/assessment/targets/new/?year=2026").content.decode()
    assert "议定事项已落实（项）" in form and "共建单位数（个） · 仅乡镇" in form
    response = client.post(
        "/assessment/targets/new/",
        {"year": 2026, "measure": "leadership.decisions_done", "comparator": "ge", "threshold": "2",
         "units": [county["unit_bureau"].pk, second_unit.pk], "regions": [], "note": ""},
    )  # fmt: skip
    assert response.status_code == 302 and Target.objects.count() == 2
    refused = client.post(
        "/assessment/targets/new/",
        {"year": 2026, "measure": "test.partner_units", "comparator": "ge", "threshold": "2",
         "units": [second_unit.pk]},
    )  # fmt: skip
    assert "指标“共建单位数”不能按单位统计，不能作为县民政局的考核目标" in refused.content.decode()
    assert Target.objects.count() == 2
