"""The region picker: typing a village's name or its pinyin initials in front of the dropdown picks it."""

import pytest
from conftest import PASSWORD

from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_village_is_found_by_pinyin_initials_and_by_name(make_page, users, county):
    watch = make_page(viewport=PHONE)
    page = watch.page
    login(watch, "town_staff", PASSWORD)  # 凤山镇: the town and its two villages
    watch.goto("/activities/new/")
    select = page.locator("select[name=region]")
    search = page.locator(".region-picker input[data-region-search]")
    search.fill("dmj")  # 东门居委会
    assert select.input_value() == county["village_a2"].code
    assert page.locator("select[name=region] option:not([hidden])").count() == 1
    search.fill("北门")
    assert select.input_value() == county["village_a1"].code
    search.fill("")
    assert page.locator("select[name=region] option:not([hidden])").count() == 3
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    watch.assert_clean()
