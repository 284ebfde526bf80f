"""A move between counties in headless Chromium, both sides: 罗源县 records 迁出 on the person page, 连江县 finds it
in its incoming list and accepts it into a village; the old county then reads the person (no longer edits) and
the new one holds it. No console error, no HTTP error; the list on a phone fits its page."""

from datetime import date

import pytest
from conftest import PASSWORD

from shuangyong.pinyin import initials
from shuangyong.registry.models import Entitlement, Person, Transfer
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id
from tests.browser.conftest import PHONE, login, logout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mover(county, users, other_county):
    load_categories()
    person = Person.objects.create(
        id_number=make_id("19500315", 11),
        name="王迁",
        name_initials=initials("王迁"),
        sex="M",
        birth_date=date(1950, 3, 15),
        region=county["village_a1"],
        hukou="rural",
    )
    Entitlement.objects.create(
        person=person,
        category_id="11",
        status="active",
        disability_grade=5,
        disability_nature="war",
        approval_date=date(2020, 5, 1),
        status_date=date(2020, 5, 1),
    )
    return person


def test_a_county_sends_and_the_other_receives(make_page, mover):
    watch = make_page()
    page = watch.page
    login(watch, "county_admin", PASSWORD)
    watch.goto(f"/registry/{mover.pk}/")
    page.click("text=迁出（跨县迁移）")
    page.fill("#id_on", "2026-05-10")
    page.select_option("#id_to_county", "350122000000")
    page.check("#id_files_handed")
    page.click("button[type=submit]:has-text('保存')")
    page.wait_for_url(f"{watch.base_url}/registry/{mover.pk}/")
    assert "已登记迁出" in page.content()
    assert page.locator("#transfers").inner_text().count("待接收") == 1
    logout(watch)

    login(watch, "lj_admin", PASSWORD)
    assert "待接收迁入" in page.content()  # on the home page
    watch.goto("/registry/transfers/")
    assert "王迁" in page.locator("#incoming").inner_text()
    watch.screenshot("transfers-incoming")
    page.click("#incoming >> text=接收或退回")
    page.fill("#accept #id_on", "2026-06-03")
    page.select_option("#accept #id_region", "350122100001")
    page.click("#accept button[type=submit]")
    page.wait_for_url(f"{watch.base_url}/registry/{mover.pk}/")
    assert "已接收" in page.content() and "修改信息" in page.content()
    transfer = Transfer.objects.get()
    assert (transfer.state, transfer.to_region_id) == ("accepted", "350122100001")
    logout(watch)

    login(watch, "county_admin", PASSWORD)
    watch.goto(f"/registry/{mover.pk}/")
    assert "已接收" in page.content() and "修改信息" not in page.content()
    watch.assert_clean()

    phone = make_page(PHONE)
    login(phone, "lj_admin", PASSWORD)
    phone.goto("/registry/transfers/")
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the transfers page is {width}px wide on a {PHONE['width']}px phone"
    phone.assert_clean()
