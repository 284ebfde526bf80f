"""A member unit's staff records an activity on a phone: the single-column form, a quantity, the detail page."""

import re
from decimal import Decimal

import pytest
from conftest import PASSWORD

from shuangyong.activities.models import Activity
from shuangyong.activities.services.codes import load_code_tables
from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_staff_record_an_activity_on_a_phone(make_page, users, county):
    load_code_tables()  # transactional tests flush the rows the migration loaded
    watch = make_page(viewport=PHONE)
    page = watch.page
    login(watch, "unit_staff", PASSWORD)
    page.click("text=☰ 菜单")
    page.click("nav >> text=双拥活动")
    page.wait_for_url(f"{watch.base_url}/activities/*")
    page.click("text=＋ 登记活动")
    page.wait_for_url(f"{watch.base_url}/activities/new/")
    title = page.locator("#id_title")
    assert title.bounding_box()["width"] > PHONE["width"] * 0.7, "inputs fill the phone's width"
    page.select_option("#id_kind", label="宣传")
    page.fill("#id_date", "2026-09-19")
    page.fill("#id_title", "国防教育日进社区宣传")
    page.select_option("#id_occasion", label="国防教育日")
    page.check("text=某部队")
    page.select_option("#id_q-0-kind", label="宣传材料（份）")
    page.fill("#id_q-0-amount", "800")
    page.select_option("#id_q-1-kind", label="展牌（块）")
    page.fill("#id_q-1-amount", "6")
    page.fill("#id_money", "1500")
    page.click("button:has-text('保存')")
    page.wait_for_url(re.compile(r"/activities/\d+/$"))
    assert page.locator("h1").inner_text() == "国防教育日进社区宣传"
    facts = page.locator("table.facts").inner_text()
    assert "800 份" in facts and "6 块" in facts and "1,500.00 元" in facts and "某部队" in facts
    watch.screenshot("activities-detail-phone")

    activity = Activity.objects.get(title="国防教育日进社区宣传")
    assert (activity.organiser.code, activity.kind_id, activity.occasion_id, activity.money_fen) == (
        "WGJ",
        "publicity",
        "defence_day",
        150000,
    )
    assert sorted(activity.quantities.values_list("kind_id", "amount")) == [
        ("boards", Decimal("6.00")),
        ("materials", Decimal("800.00")),
    ]
    watch.assert_clean()
