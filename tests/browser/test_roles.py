"""The real UI in headless Chromium: every role logs in, sees its home page and its pages, and logs out."""

import pytest
from conftest import PASSWORD

from shuangyong.accounts.models import User
from tests.browser.conftest import PHONE, login, logout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A personal name per role, distinct from the role's label, so the test sees the name and not the role.
NAMES = {
    "county_admin": "林建华",
    "town_staff": "陈晓燕",
    "village_staff": "黄德明",
    "unit_staff": "郑丽娟",
    "leader": "王国栋",
    "sysadmin": "张伟",
    "secadmin": "李静",
    "auditadmin": "刘洋",
}
# A page each role reaches from the navigation: (link text, path)
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


def name_user(user: User, name: str) -> None:
    user.full_name = name
    user.save(update_fields=["full_name"])


@pytest.mark.parametrize("role", list(NAMES))
def test_every_role_logs_in_and_uses_its_pages(make_page, users, role):
    name_user(users[role], NAMES[role])
    watch = make_page()
    page = watch.page
    login(watch, role, PASSWORD)
    assert NAMES[role] in page.inner_text("header"), "the header shows the user's name"
    assert NAMES[role] in page.inner_text("h1"), "the home page greets the user by name"
    watch.screenshot(f"{role}-home")

    label, path = ROLE_PAGE[role]
    page.click(f"nav >> text={label}")
    page.wait_for_url(f"{watch.base_url}{path}*")
    assert page.locator("h1").first.is_visible()
    watch.screenshot(f"{role}-{path.strip('/').replace('/', '-')}")

    logout(watch)
    watch.goto("/")  # logged out: the home page sends the browser back to the login form
    assert page.locator("#id_username").is_visible()
    watch.assert_clean()


def test_wrong_password_stays_on_the_login_form_with_a_chinese_message(make_page, users):
    watch = make_page()
    watch.goto("/login/")
    watch.page.fill("#id_username", "town_staff")
    watch.page.fill("#id_password", "not-the-password")
    watch.page.click("button[type=submit]")
    assert "用户名或密码不正确" in watch.page.inner_text("main")
    assert watch.page.locator("#id_password").is_visible()
    watch.assert_clean()


def test_town_user_gets_the_chinese_error_page_for_another_towns_unit(make_page, users, county):
    watch = make_page()
    login(watch, "town_staff", PASSWORD)  # 凤山镇

    own = watch.goto(f"/units/{county['school_a'].pk}/")
    assert own.status == 200
    assert "凤山中学" in watch.page.inner_text("main")

    watch.expect_status(403)
    watch.expect_status(404)
    other = watch.goto(f"/units/{county['school_b'].pk}/")  # 松山镇's school
    assert other.status in (403, 404)
    text = watch.page.inner_text("main")
    assert "页面不存在" in text or "无权访问" in text
    assert "松山小学" not in watch.page.content()
    watch.screenshot("town_staff-other-town-unit")
    watch.assert_clean()


def test_home_on_a_phone(make_page, users):
    name_user(users["village_staff"], NAMES["village_staff"])
    watch = make_page(viewport=PHONE)
    page = watch.page
    login(watch, "village_staff", PASSWORD)
    assert NAMES["village_staff"] in page.inner_text("h1")
    assert not page.locator("nav").is_visible(), "on a phone the navigation folds behind the menu button"
    page.click(".menu-toggle")
    assert page.locator("nav >> text=优抚对象").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"
    watch.screenshot("village_staff-phone-home")
    logout(watch)
    watch.assert_clean()
