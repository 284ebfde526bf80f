"""退役士兵安置 in headless Chromium: the town's index (figures, late list, overdue list), an arrival's page, its
上岗 step recorded through the form; the arrival page on a phone. No console error, no HTTP error."""

from datetime import date

import pytest
from conftest import PASSWORD

from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id
from shuangyong.resettlement.models import Arrival, Method
from shuangyong.resettlement.reference import load_reference
from shuangyong.resettlement.services import steps
from shuangyong.resettlement.services.arrivals import register_arrival
from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assigned(county, users):
    """凤山镇 2025: 张伟 自主就业 on time; 李强 安排工作, reported late, assigned and not yet placed."""
    load_categories()
    load_reference()
    admin = users["county_admin"]

    def arrive(name, seq, method, reported):
        return register_arrival(
            user=admin,
            id_number=make_id("20030512", seq),
            name=name,
            region=county["village_a1"],
            soldier_kind="conscript",
            enlisted_on=date(2023, 9, 1),
            discharged_on=date(2025, 9, 1),
            arrival_date=date(2025, 9, 10),
            reported_on=reported,
            method=Method.objects.get(code=method),
        )

    arrive("张伟", 1, "self_employed", date(2025, 9, 15))
    li = arrive("李强", 3, "assigned_job", date(2025, 10, 20))
    return steps.assign_employer(li, employer_name="罗源县供电公司", on=date(2025, 11, 1), user=admin)


def test_town_staff_places_a_soldier(make_page, assigned):
    watch = make_page()
    page = watch.page
    login(watch, "town_staff", PASSWORD)
    page.click("nav >> text=退役安置")
    page.wait_for_url(f"{watch.base_url}/resettlement/")
    page.fill("input[name=year]", "2025")
    page.click("form.filters button:has-text('查询')")
    page.wait_for_url(f"{watch.base_url}/resettlement/?*")
    assert "李强" in page.inner_text("#late") and "张伟" not in page.inner_text("#late")
    assert "罗源县供电公司" in page.inner_text("#overdue")
    assert "50.0%" in page.inner_text("#figures")
    watch.screenshot("resettlement-index")

    page.click("#overdue >> text=李强")
    page.wait_for_url(f"{watch.base_url}/resettlement/{assigned.pk}/")
    assert "逾期" in page.inner_text(".steps")
    page.fill("#step-place input[name=place-on]", "2025-11-20")
    page.click("#step-place button")
    page.wait_for_url(f"{watch.base_url}/resettlement/{assigned.pk}/")
    assert "已登记" in page.inner_text(".messages")
    assert "已安置" in page.inner_text(".steps")
    assert Arrival.objects.get(pk=assigned.pk).placed_on == date(2025, 11, 20)
    watch.screenshot("resettlement-placed")

    watch.goto("/resettlement/?year=2025")
    assert "100.0%" in page.inner_text("#figures")
    assert "没有逾期未上岗的人员" in page.inner_text("#overdue")
    watch.assert_clean()


def test_arrival_page_on_a_phone(make_page, assigned):
    watch = make_page(viewport=PHONE)
    login(watch, "county_admin", PASSWORD)
    watch.goto(f"/resettlement/{assigned.pk}/")
    assert watch.page.locator("#step-place button").is_visible()
    width = watch.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the arrival page is {width}px wide on a {PHONE['width']}px phone"
    watch.screenshot("resettlement-arrival-phone")
    watch.assert_clean()
