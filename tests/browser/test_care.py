"""A village clerk records a 随军家属 placed in a job on a phone; the list shows it without running off the page."""

import re

import pytest
from conftest import PASSWORD

from shuangyong.care.kinds import load_codes
from shuangyong.care.models import CareRecord
from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_village_staff_record_a_placement_on_a_phone(make_page, users, county):
    load_codes()  # transactional tests flush the rows the migration loaded
    watch = make_page(viewport=PHONE)
    page = watch.page
    login(watch, "village_staff", PASSWORD)
    page.click("text=☰ 菜单")
    page.click("nav >> text=优待关爱")
    page.wait_for_url(f"{watch.base_url}/care/*")
    page.click("text=＋ 登记")
    page.wait_for_url(f"{watch.base_url}/care/new/")
    assert page.locator("#id_beneficiary").bounding_box()["width"] > PHONE["width"] * 0.7
    page.select_option("#id_kind", label="随军家属就业")
    page.fill("#id_date", "2026-04-16")
    page.fill("#id_beneficiary", "陈丽娟")
    page.fill("#id_place", "罗源县人民医院")
    page.fill("#id_outcome", "安置在县人民医院从事护理工作")
    page.click("button:has-text('保存')")
    page.wait_for_url(re.compile(r"/care/\?year=2026"))
    assert "陈丽娟" in page.locator("table").first.inner_text()
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], "the page does not run off the phone's screen"
    watch.screenshot("care-list-phone")
    record = CareRecord.objects.get()
    assert (record.kind_id, record.region_id, record.beneficiary) == ("spouse_job", "350123100001", "陈丽娟")
    watch.assert_clean()
