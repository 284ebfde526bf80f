"""待遇发放 in headless Chromium: the county administrator opens the runs, a run, waives a finding (htmx), the
standards and a person's payment history; the run page on a phone. No console error, no HTTP error."""

from datetime import date

import pytest
from conftest import PASSWORD

from shuangyong.benefits.models import BankFileLayout, BenefitKind, DeathGrantRule, Standard
from shuangyong.benefits.services.approval import check_run
from shuangyong.benefits.services.engine import compute_run
from shuangyong.benefits.services.reference import load_reference
from shuangyong.pinyin import initials
from shuangyong.registry.models import Entitlement, Person
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id
from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _entitled(name: str, region, seq: int, account: str) -> Entitlement:
    person = Person.objects.create(
        id_number=make_id("19500315", seq),
        name=name,
        name_initials=initials(name),
        sex="M",
        birth_date=date(1950, 3, 15),
        region=region,
        hukou="rural",
        bank_name="农业银行",
        bank_holder=name,
        bank_account=account,
    )
    return Entitlement.objects.create(
        person=person,
        category_id="11",
        status="active",
        disability_grade=5,
        disability_nature="war",
        approval_date=date(2020, 5, 1),
        status_date=date(2020, 5, 1),
        confirmed_year=2026,
    )


@pytest.fixture
def run(county, users):
    """The county's March run with one open finding: 王五 has no bank account."""
    load_categories()
    load_reference(BenefitKind, DeathGrantRule, BankFileLayout)
    Standard.objects.create(
        kind_id="disability",
        category_id="11",
        disability_nature="war",
        disability_grade=5,
        amount_fen=5_422_000,
        valid_from=date(2021, 8, 1),
    )
    _entitled("张三", county["village_a1"], 11, "6217000011110000001")
    _entitled("李四", county["village_b1"], 13, "6217000011110000002")
    _entitled("王五", county["village_a2"], 15, "")
    return check_run(
        compute_run(county["county"], date(2026, 3, 1), user=users["county_admin"]), user=users["county_admin"]
    )


def test_county_admin_works_through_a_run(make_page, users, run):
    watch = make_page()
    page = watch.page
    login(watch, "county_admin", PASSWORD)

    page.click("nav >> text=待遇发放")
    page.wait_for_url(f"{watch.base_url}/benefits/")
    assert "罗源县" in page.inner_text("table") and "13,554.99" in page.inner_text("table")
    watch.screenshot("benefits-runs")

    page.click("table >> text=2026-03")
    page.wait_for_url(f"{watch.base_url}/benefits/runs/{run.pk}/")
    assert page.inner_text("h1") == "罗源县 2026-03 发放批次"
    assert page.inner_text(".steps li.current") == "已检查"
    assert "本批次由您计算：须由另一位有审批权限的人员审批。" in page.inner_text("main")
    watch.screenshot("benefits-run")

    finding = run.findings.get()
    row = page.locator(f"#finding-{finding.pk}")
    row.locator("input[name=reason]").fill("本人领取现金，已核实")
    row.locator("button:has-text('豁免')").click()
    page.locator(f"#finding-{finding.pk} >> text=已说明（豁免）").wait_for()
    finding.refresh_from_db()
    assert (finding.state, finding.resolution) == ("waived", "本人领取现金，已核实")
    watch.screenshot("benefits-run-waived")

    page.click("text=查看发放明细")
    page.wait_for_url(f"{watch.base_url}/benefits/runs/{run.pk}/lines/")
    assert "因战五级 标准 54,220.00 元/年 ÷ 12" in page.inner_text("table")
    watch.screenshot("benefits-lines")

    page.click("table >> text=张三")
    page.wait_for_url(f"{watch.base_url}/registry/**")
    assert "因战五级 标准 54,220.00 元/年 ÷ 12" in page.inner_text("#payments")
    watch.screenshot("benefits-person-history")

    watch.goto("/benefits/standards/")
    assert "54,220.00 元/年" in page.inner_text("table")
    watch.screenshot("benefits-standards")
    watch.assert_clean()


def test_run_page_on_a_phone(make_page, users, run):
    watch = make_page(viewport=PHONE)
    login(watch, "county_admin", PASSWORD)
    watch.goto(f"/benefits/runs/{run.pk}/")
    assert watch.page.locator("h1").is_visible()
    width = watch.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the run page is {width}px wide on a {PHONE['width']}px phone"
    watch.screenshot("benefits-run-phone")
    watch.assert_clean()
