"""双拥模范城（县）创建 in headless Chromium: the county office opens the year's self-assessment, judges an item,
assigns it to a member unit and submits; the unit's staff, on a phone, find the item from the home page and
document it; the locked assessment takes no change."""

from datetime import date

import pytest
from conftest import PASSWORD

from shuangyong.care.kinds import load_codes
from shuangyong.creation.models import ItemScore, SelfAssessment
from shuangyong.creation.rubrics import load_national
from shuangyong.leadership.kinds import load_kinds
from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = date.today().year


@pytest.fixture
def shipped(db):
    load_kinds()  # a transactional test starts from an empty database: the shipped tables too
    load_codes()
    load_national()


def test_the_office_scores_assigns_and_the_unit_documents(make_page, shipped, users, county):
    watch = make_page()
    page = watch.page
    login(watch, "county_admin", PASSWORD)
    page.click("nav >> text=创建考评")
    page.wait_for_url(f"{watch.base_url}/creation/*")
    page.click("text=按全国双拥模范城（县）考评标准开始自评")
    page.wait_for_selector("text=组织领导坚强有力")
    row = SelfAssessment.objects.get().row("1")
    watch.goto(f"/creation/items/{row.pk}/judge/")
    page.fill("#id_score", "1.5")
    page.fill("#id_reason", "已列入发展规划、实绩考核和政府工作报告")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=已列入发展规划、实绩考核和政府工作报告")
    watch.goto(f"/creation/items/{row.pk}/assign/")
    page.select_option("#id_lead_unit", label="县文广局")
    page.click("button:has-text('保存')")
    page.wait_for_selector("td:has-text('县文广局')")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], "the assessment table fits the page"
    watch.screenshot("creation-office")
    watch.assert_clean()

    unit = make_page(viewport=PHONE)
    login(unit, "unit_staff", PASSWORD)
    unit.page.click("text=创建考评：本单位牵头、未得满分的考评内容")
    unit.page.wait_for_url(f"{unit.base_url}/creation/*")
    unit.page.click("text=双拥工作列入经济社会发展规划")
    unit.page.fill("#id_note", "《罗源县“十四五”规划纲要》第十二章")
    unit.page.click("button:has-text('保存')")
    unit.page.wait_for_selector("text=台账说明已保存")
    assert ItemScore.objects.get(pk=row.pk).note == "《罗源县“十四五”规划纲要》第十二章"
    unit.assert_clean()
