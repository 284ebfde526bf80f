"""双拥模范城（县）创建 in headless Chromium: the county office opens the year's self-assessment, judges an item,
assigns it to a member unit and another to a town with the unit helping; the unit's staff, on a phone, find their
item from the home page and document it; the town's staff pick a record of the year as the evidence of theirs."""

from datetime import date

import pytest
from conftest import PASSWORD

from shuangyong.care.kinds import load_codes
from shuangyong.creation.models import ItemScore, Rubric, SelfAssessment
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


def test_a_town_leads_an_item_and_picks_its_evidence(make_page, shipped, users, county):
    from shuangyong.creation import services
    from shuangyong.leadership import services as leadership
    from shuangyong.leadership.models import MeetingKind

    admin = users["county_admin"]
    assessment = services.open_assessment(rubric=Rubric.objects.get(), region=county["county"], year=YEAR, user=admin)
    joint = MeetingKind.objects.get(code="joint")
    leadership.record_meeting(region=county["town_a"], kind=joint, date=date(YEAR, 1, 8), title="凤山镇军地座谈会",
                              user=admin)  # fmt: skip
    watch = make_page()
    login(watch, "county_admin", PASSWORD)
    row = assessment.row("6")
    watch.goto(f"/creation/items/{row.pk}/assign/")
    watch.page.select_option("#id_lead_town", label="凤山镇")
    watch.page.check(f"input[name=helper_units][value='{county['unit_bureau'].pk}']")
    watch.page.click("button:has-text('保存')")
    watch.page.wait_for_selector("td:has-text('凤山镇、县文广局')")
    watch.assert_clean()

    town = make_page(viewport=PHONE)
    login(town, "town_staff", PASSWORD)
    town.page.click("text=创建考评：本单位牵头、未得满分的考评内容")
    town.page.click("text=国防教育和双拥教育纳入国民教育体系")
    town.page.select_option("select[name=figure]", value="leadership.meetings.joint")
    town.page.click("button:has-text('列出记录')")
    town.page.check("input[name=ids]")
    town.page.click("button:has-text('添加所选记录')")
    town.page.wait_for_selector("text=已添加1条台账记录")
    assert [r.label for r in ItemScore.objects.get(pk=row.pk).records.all()] == [f"{YEAR}-01-08 凤山镇军地座谈会"]
    widths = town.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], "the item page fits a phone"
    town.screenshot("creation-town-phone")
    town.assert_clean()
