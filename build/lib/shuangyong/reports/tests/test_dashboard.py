"""The reports pages: the figures index, the records behind a figure (masked by role), the dashboard's JSON."""

from decimal import Decimal

import pytest
from conftest import PASSWORD
from django.urls import reverse

from shuangyong.benefits.tests.test_figures import build_payments
from shuangyong.figures.catalogue import Scope
from shuangyong.registry.tests.test_figures import COUNTY, TOWN_A, TOWN_B
from shuangyong.reports import dashboard

pytestmark = pytest.mark.django_db


def login(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


def test_index_lists_every_figure_with_its_value_and_link(client, county, users):
    build_payments(county, users)
    page = login(client, "county_admin").get(reverse("reports:index"), {"year": 2026, "region": COUNTY})
    assert page.status_code == 200
    html = page.content.decode()
    assert "重点优抚对象人数" in html and "发放抚恤补助金额" in html and "残疾军人人数" in html
    rows = {row["figure"].key: row for _title, section in page.context["sections"] for row in section}
    assert rows["registry.key_persons"]["shown"] == "4"
    assert rows["benefits.paid"]["shown"] == "6,150.00"
    link = reverse("reports:records", args=["registry.key_persons"]) + f"?year=2026&amp;region={COUNTY}"
    assert link in html


def test_town_staff_see_their_town_only(client, county, users):
    build_payments(county, users)
    login(client, "town_staff")
    page = client.get(reverse("reports:index"))
    rows = {row["figure"].key: row for _title, section in page.context["sections"] for row in section}
    assert page.context["picked"].scope == Scope(2026, region=TOWN_A)
    assert rows["registry.key_persons"]["value"] == 3
    assert client.get(reverse("reports:index"), {"region": COUNTY}).status_code == 403
    assert client.get(reverse("reports:index"), {"region": TOWN_B}).status_code == 403
    records = client.get(reverse("reports:records", args=["registry.key_persons"]), {"region": COUNTY})
    assert records.status_code == 403


def test_roles_without_records_are_refused(client, county, users):
    for role in ("sysadmin", "secadmin", "auditadmin"):
        login(client, role)
        assert client.get(reverse("reports:index")).status_code == 403
        assert client.get(reverse("reports:chart", args=["persons-by-category"])).status_code == 403


def test_records_behind_a_figure_are_masked_unless_the_role_may_see_them(client, county, users):
    made = build_payments(county, users)
    url = reverse("reports:records", args=["registry.category.11"])
    full = login(client, "county_admin").get(url, {"year": 2026, "region": COUNTY})
    assert full.status_code == 200
    assert [row["cells"][0] for row in full.context["table"]] == ["林一", "林二", "林八"]
    assert made["a"].id_number in full.content.decode()
    masked = login(client, "leader").get(url, {"year": 2026, "region": COUNTY})
    html = masked.content.decode()
    assert made["a"].id_number not in html and made["a"].id_number[:4] + "**********" in html
    payees = login(client, "leader").get(reverse("reports:records", args=["benefits.payee_times"]), {"region": COUNTY})
    assert "6217000012345678901" not in payees.content.decode() and "6217***********8901" in payees.content.decode()


def test_records_of_one_month(client, county, users):
    build_payments(county, users)
    url = reverse("reports:records", args=["benefits.kind.disability"])
    page = login(client, "county_admin").get(url, {"year": 2026, "region": COUNTY, "month": 2})
    assert [(r["cells"][0], r["cells"][6]) for r in page.context["table"]] == [("林一", "1,000.00"), ("林一", "50.00")]


def test_unit_staff_get_their_unit_and_no_registry_figures(client, county, users):
    page = login(client, "unit_staff").get(reverse("reports:index"))
    assert page.status_code == 200
    assert page.context["picked"].scope == Scope(2026, unit="WGJ")
    keys = {row["figure"].key for _title, section in page.context["sections"] for row in section}
    assert not any(k.startswith(("registry.", "benefits.")) for k in keys)


def test_chart_data(client, county, users):
    build_payments(county, users)
    scope = Scope(2026, region=COUNTY)
    by_place = dashboard.chart("persons-by-place", scope)
    assert (by_place["categories"], by_place["series"][0]["values"]) == (["凤山镇", "松山镇"], [3, 1])
    assert by_place["series"][0]["links"][1] == (
        reverse("reports:records", args=["registry.key_persons"]) + f"?year=2026&region={TOWN_B}"
    )
    by_category = dashboard.chart("persons-by-category", scope)
    assert dict(zip(by_category["categories"], by_category["series"][0]["values"], strict=True)) == {
        "残疾军人": 3,
        "在乡复员军人": 1,
        "参战退役人员": 1,
        "其他退役军人": 1,
    }
    money = login(client, "county_admin").get(reverse("reports:chart", args=["money-by-month"]), {"region": COUNTY})
    data = money.json()
    series = {s["name"]: s["values"][:3] for s in data["series"]}
    assert series == {"残疾抚恤金": [1800.0, 1050.0, 0], "定期抚恤金": [500.0, -200.0, 0], "丧葬补助": [3000.0, 0, 0]}
    assert sum(sum(s["values"]) for s in data["series"]) == float(Decimal("6150.00"))
    assert "money-by-month" in dashboard.available(scope)
    assert "money-by-month" not in dashboard.available(Scope(2026, unit="WGJ"))


def test_dashboard_page_lists_the_available_charts(client, county, users):
    page = login(client, "county_admin").get(reverse("reports:dashboard"), {"year": 2026})
    names = [c["name"] for c in page.context["charts"]]
    assert names[:3] == ["persons-by-category", "persons-by-place", "money-by-month"]
    assert "echarts.min.js" in page.content.decode()
