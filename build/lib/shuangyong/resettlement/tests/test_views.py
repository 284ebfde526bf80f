"""The pages and the API: index with figures and lists, a step from the arrival page, exports masked by role."""

import io
from datetime import date

import openpyxl
import pytest
from conftest import PASSWORD
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from shuangyong.audit.models import AuditEntry
from shuangyong.resettlement.models import Arrival


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def year_2025(arrive, methods, users, county):
    from shuangyong.resettlement.services import steps

    a = arrive("张伟", method=methods["self_employed"], reported_on=date(2025, 9, 15))
    b = arrive("李强", kind="nco", method=methods["assigned_job"], reported_on=date(2025, 10, 20))
    steps.assign_employer(b, employer_name="罗源县供电公司", on=date(2025, 11, 1), user=users["county_admin"])
    c = arrive("王军", region=county["village_b1"])
    return a, b, c


def test_index_shows_figures_and_the_lists(year_2025, users):
    page = client_for(users["county_admin"]).get(reverse("resettlement:index") + "?year=2025").content.decode()
    assert "应安置退役士兵人数" in page and "退役士兵安置率" in page and "33.3%" in page
    late = page.split('id="late"')[1].split("</table>")[0]
    assert "李强" in late and "王军" in late and "张伟" not in late
    overdue = page.split('id="overdue"')[1].split("</table>")[0]
    assert "李强" in overdue and "罗源县供电公司" in overdue
    town_page = client_for(users["town_staff"]).get(reverse("resettlement:index") + "?year=2025").content.decode()
    assert "张伟" in town_page and "王军" not in town_page


def test_a_step_from_the_arrival_page(year_2025, users):
    _, b, _ = year_2025
    client = client_for(users["county_admin"])
    url = reverse("resettlement:step", args=[b.pk, "place"])
    response = client.post(url, {"place-on": "2025-11-20"}, follow=True)
    assert "已登记" in response.content.decode()
    assert Arrival.objects.get(pk=b.pk).placed_on == date(2025, 11, 20)
    response = client.post(
        reverse("resettlement:step", args=[b.pk, "method"]),
        {"method-on": "2025-11-21", "method-method": "transferred"},
        follow=True,
    )
    assert "军士不能以“转业”方式安置" in response.content.decode()
    assert Arrival.objects.get(pk=b.pk).method_id == "assigned_job"


def test_leader_and_other_town_cannot_change(year_2025, users):
    _, _, c = year_2025
    for user in (users["leader"], users["town_staff"]):
        response = client_for(user).post(
            reverse("resettlement:step", args=[c.pk, "report"]), {"report-on": "2025-09-20"}
        )
        assert response.status_code in (403, 404)  # a refusal of scope is the 403 page on every page
    assert Arrival.objects.get(pk=c.pk).reported_on is None


def test_exports_mask_id_numbers_by_role_and_are_audited(year_2025, users):
    def sheet(user, what):
        response = client_for(user).get(reverse("resettlement:export", args=[what]) + "?year=2025")
        return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active

    full = sheet(users["county_admin"], "roster")
    assert [full.cell(4, c).value for c in (3, 5, 16)] == ["张伟", "义务兵", "自主就业"]
    assert full.cell(4, 4).value == year_2025[0].person.id_number
    masked = sheet(users["town_staff"], "roster")
    assert masked.cell(6, 1).value is None and "*" in masked.cell(4, 4).value  # two rows
    assert masked.cell(7, 1).value.startswith("制表单位：凤山镇")
    overdue = sheet(users["county_admin"], "overdue")
    rows = [[overdue.cell(r, c).value for c in (3, 6, 10)] for r in range(4, overdue.max_row - 1)]
    assert rows == [
        ["李强", "逾期报到", 10],
        ["李强", "安排工作逾期未上岗", (date.today() - date(2025, 12, 1)).days],
        ["王军", "逾期报到", (date.today() - date(2025, 10, 10)).days],
    ]
    assert AuditEntry.objects.filter(action="export", model="resettlement.arrival").count() == 3


def test_api_lists_by_year_method_and_overdue(year_2025, users):
    api = APIClient()
    api.force_authenticate(users["town_staff"])
    data = api.get("/api/resettlement/arrivals/?year=2025").json()
    assert [row["name"] for row in data["results"]] == ["张伟", "李强"]
    assert "*" in data["results"][0]["id_number"]
    api.force_authenticate(users["county_admin"])
    names = lambda q: [r["name"] for r in api.get(f"/api/resettlement/arrivals/?{q}").json()["results"]]  # noqa: E731
    assert names("method=assigned_job") == ["李强"]
    assert names("overdue=report") == ["李强", "王军"]
    assert names("overdue=placement") == ["李强"]
    assert names("year=2026") == []
    assert api.get("/api/resettlement/arrivals/?method=nope").status_code == 400
