"""统计报表 in headless Chromium: the figures index opens the records behind a figure; the dashboard draws its
ECharts (a canvas per chart) and a click on a bar opens the matching records. No console error, no HTTP error."""

import pytest
from conftest import PASSWORD, load_shipped_data

from shuangyong.benefits.tests.test_figures import build_payments
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAR_CENTRE = """el => {
  const chart = echarts.getInstanceByDom(el);
  const values = chart.getOption().series[0].data;
  const at = chart.convertToPixel({seriesIndex: 0}, [1, values[1] / 2]);
  const box = el.getBoundingClientRect();
  return [box.left + at[0], box.top + at[1]];
}"""


def test_index_and_dashboard(make_page, county, users):
    load_shipped_data()  # an earlier transactional test's flush emptied the categories and benefit kinds
    build_payments(county, users)
    watch = make_page()
    page = watch.page
    login(watch, "county_admin", PASSWORD)

    watch.goto("/reports/?year=2026")
    assert page.locator("tr[data-key='registry.key_persons'] td.num").inner_text() == "4"
    assert page.locator("tr[data-key='benefits.paid'] td.num").inner_text() == "6,150.00"
    page.click("tr[data-key='registry.died'] td.num a")
    page.wait_for_url("**/reports/records/registry.died/**")
    assert page.locator("table.records tr td").first.inner_text() == "陈三"

    watch.goto("/reports/dashboard/?year=2026")
    for name in ("persons-by-category", "persons-by-place", "money-by-month"):
        page.wait_for_selector(f"[data-chart='{name}'][data-drawn='1'] canvas")
    assert page.locator("[data-chart] canvas").count() >= 3
    watch.screenshot("reports-dashboard")

    chart = page.locator("[data-chart='persons-by-place']")
    x, y = chart.evaluate(BAR_CENTRE)  # the second town's bar: 松山镇, 1 person
    page.mouse.click(x, y)
    page.wait_for_url("**/reports/records/registry.key_persons/?year=2026&region=350123101000")
    assert [c.inner_text() for c in page.locator("table.records tr td:first-child").all()] == ["陈四"]
    watch.assert_clean()
