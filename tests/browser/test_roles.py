"""Log in as every role in a real browser, look at the home page and the pages of the role, take screenshots."""

import pytest
from conftest import PASSWORD

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["county_admin", "town_staff", "village_staff", "unit_staff", "leader", "sysadmin", "secadmin", "auditadmin"]
# a page each role should reach from the navigation
ROLE_PAGE = {
    "county_admin": ("优抚对象", "/registry/"),
    "town_staff": ("单位", "/units/"),
    "village_staff": ("优抚对象", "/registry/"),
    "unit_staff": ("单位", "/units/"),
    "leader": ("行政区划", "/regions/"),
    "sysadmin": ("行政区划", "/regions/"),
    "secadmin": ("用户管理", "/accounts/users/"),
    "auditadmin": ("审计日志", "/audit/"),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_logs_in_and_uses_its_pages(make_page, live_server, users, role):
    watch = make_page()
    login(watch, live_server.url, role, PASSWORD)
    page = watch.page
    assert users[role].get_full_name() in page.inner_text("header")
    watch.screenshot(f"{role}-home")
    label, path = ROLE_PAGE[role]
    page.click(f"nav >> text={label}")
    page.wait_for_url(f"{live_server.url}{path}*")
    assert page.locator("h1").first.is_visible()
    watch.screenshot(f"{role}-{path.strip('/').replace('/', '-')}")
    page.click("header button:has-text('退出')")
    page.wait_for_url(f"{live_server.url}/login/*")
    assert watch.problems == []


def test_town_user_gets_the_chinese_404_for_another_towns_unit(make_page, live_server, users, county):
    watch = make_page()
    watch.expected_statuses.add(404)
    login(watch, live_server.url, "town_staff", PASSWORD)
    watch.page.goto(f"{live_server.url}/units/{county['school_b'].pk}/")
    assert "页面不存在" in watch.page.inner_text("main")
    assert watch.problems == []


def test_home_on_a_phone(make_page, live_server, users):
    watch = make_page(viewport={"width": 390, "height": 844})
    login(watch, live_server.url, "village_staff", PASSWORD)
    page = watch.page
    assert not page.locator("nav").is_visible()  # folded behind the menu button
    page.click(".menu-toggle")
    assert page.locator("nav >> text=优抚对象").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px phone"
    watch.screenshot("village_staff-phone")
    assert watch.problems == []
