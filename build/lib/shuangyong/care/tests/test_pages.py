"""The pages and the API of 优待服务与关爱: forms through the services, refusals that change nothing."""

import pytest
from conftest import PASSWORD
from django.test import Client

from shuangyong.care.models import CareRecord, Fund, MemorialSite

pytestmark = pytest.mark.django_db


def _client(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


FORM = {"kind": "spouse_job", "date": "2026-04-16", "count": "1", "beneficiary": "陈丽娟", "place": "县人民医院"}


def test_town_staff_record_on_the_page_and_see_it_in_the_list(county, users):
    client = _client("town_staff")
    response = client.post("/care/new/", {**FORM, "region": "350123100001", "outcome": "安置在县人民医院"})
    assert response.status_code == 302
    record = CareRecord.objects.get()
    assert (record.region_id, record.beneficiary, record.created_by) == ("350123100001", "陈丽娟", users["town_staff"])
    page = client.get("/care/?year=2026").content.decode()
    assert "陈丽娟" in page and "随军家属就业" in page


def test_a_refusal_is_the_form_error_of_its_field(county, users):
    client = _client("town_staff")
    response = client.post("/care/new/", {**FORM, "beneficiary": "", "region": "350123100000"})
    assert response.status_code == 200
    assert "“随军家属就业”须填写对象（姓名）" in response.content.decode()
    assert CareRecord.objects.count() == 0


def test_another_towns_record_can_be_neither_opened_nor_deleted(county, users):
    _client("county_admin").post("/care/new/", {**FORM, "region": "350123101000"})
    record = CareRecord.objects.get()
    client = _client("town_staff")
    assert client.get(f"/care/{record.pk}/edit/").status_code == 404
    assert client.post(f"/care/{record.pk}/delete/").status_code == 404
    assert "陈丽娟" not in client.get("/care/").content.decode()
    assert CareRecord.objects.count() == 1


def test_sites_and_funds_are_kept_by_region_staff_not_by_units(county, users):
    client = _client("county_admin")
    assert client.post("/care/sites/new/", {"name": "罗源县革命烈士陵园", "level": "provincial",
                                             "region": "350123000000", "graves": "126"}).status_code == 302  # fmt: skip
    assert (
        client.post("/care/funds/?year=2026", {"purpose": "visits", "budget": "80000", "spent": "78640.5"}).status_code
        == 302
    )
    assert list(Fund.objects.values_list("region_id", "year", "budget_fen", "spent_fen")) == [
        ("350123000000", 2026, 8_000_000, 7_864_050)
    ]
    page = client.get("/care/?year=2026").content.decode()
    assert "罗源县革命烈士陵园" in page and "78,640.50" in page
    unit = _client("unit_staff")
    assert unit.get("/care/funds/").status_code == 403
    assert unit.post("/care/sites/new/", {"name": "另一处", "level": "county", "graves": "0"}).status_code == 403
    assert MemorialSite.objects.count() == 1


def test_the_api_lists_within_scope_and_answers_in_chinese(county, users):
    admin = _client("county_admin")
    created = admin.post(
        "/api/care/records/",
        {"kind": "medical_aid", "date": "2026-06-30", "region": "350123101000", "count": 12, "money_fen": 2_345_600},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["money_fen"] == 2_345_600 and created.json()["unit"] == "人次"
    refused = admin.post(
        "/api/care/records/",
        {"kind": "priority_medical", "date": "2026-06-30", "region": "350123101000", "money_fen": 100},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "不登记金额" in refused.content.decode()
    assert admin.get("/api/care/records/?year=abc").status_code == 400
    assert _client("town_staff").get("/api/care/records/").json()["count"] == 0  # 松山镇's record, not 凤山镇's
    assert CareRecord.objects.count() == 1
