"""目标考核 in headless Chromium: the county administrator assigns one target to two units through the form,
sees the progress computed from the records, filters by unit; a unit's staff see only their own unit on a phone."""

from datetime import date

import pytest
from conftest import PASSWORD

from shuangyong.assessment.models import Target
from shuangyong.leadership import services as leadership
from shuangyong.leadership.kinds import load_kinds
from shuangyong.leadership.models import MeetingKind
from shuangyong.units.models import Unit, UnitKind
from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def records(county, users):
    """Two decisions of a 2026 meeting carried out by 县文广局: the records behind its progress."""
    admin = users["county_admin"]
    load_kinds()  # a transactional test starts from an empty database: the shipped code table too
    Unit.objects.create(code="MZJ", name="县民政局", kind=UnitKind.MEMBER, region=county["county"])
    meeting = leadership.record_meeting(
        region=county["county"], kind=MeetingKind.objects.get(code="group"), date=date(2026, 3, 5),
        title="领导小组会议", user=admin,
    )  # fmt: skip
    for text in ("慰问方案", "走访驻军"):
        decision = leadership.add_decision(meeting, text=text, owner_unit=county["unit_bureau"], user=admin)
        leadership.complete_decision(decision, done_on=date(2026, 6, 1), user=admin)


def test_county_assigns_targets_and_sees_progress(make_page, records):
    watch = make_page()
    page = watch.page
    login(watch, "county_admin", PASSWORD)
    page.click("nav >> text=目标考核")
    page.wait_for_url(f"{watch.base_url}/assessment/")
    page.click("text=下达目标")
    page.fill("#id_year", "2026")
    page.select_option("#id_measure", "leadership.decisions_done")
    page.fill("#id_threshold", "4")
    page.check("label:has-text('县文广局') input")
    page.check("label:has-text('县民政局') input")
    page.fill("#id_note", "议定事项按期落实")
    page.click("#target-form button[type=submit]")
    page.wait_for_url(f"{watch.base_url}/assessment/?year=2026")
    assert "已下达：新增 2 个，更新 0 个，未变 0 个" in page.inner_text(".messages")
    assert Target.objects.count() == 2
    table = page.inner_text("#targets")
    assert "县文广局" in table and "≥ 4 项" in table and "50.0%" in table and "0.0%" in table
    assert page.inner_text("#targets-set") == "2" and page.inner_text("#targets-met") == "0"
    watch.screenshot("assessment-index")

    page.select_option("select[name=unit]", label="县文广局")
    page.click("#target-filters button[type=submit]")
    page.wait_for_url("**unit=*")
    assert page.inner_text("#targets-set") == "1" and "县民政局" not in page.inner_text("#targets")


def test_unit_staff_see_their_own_targets_on_a_phone(make_page, records, county, users):
    from shuangyong.assessment.services import assign_target

    assign_target(
        year=2026, measure="leadership.decisions_done", threshold=2, units=list(Unit.objects.filter(kind="member")),
        user=users["county_admin"],
    )  # fmt: skip
    watch = make_page(PHONE)
    page = watch.page
    login(watch, "unit_staff", PASSWORD)
    watch.goto("/assessment/?year=2026")
    table = page.inner_text("#targets")
    assert "县文广局" in table and "县民政局" not in table and "已完成" in table
    assert page.inner_text("#targets-rate") == "100.0%"
    assert page.query_selector("text=下达目标") is None
    watch.screenshot("assessment-unit-phone")
