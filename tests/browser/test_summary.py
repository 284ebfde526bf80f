"""年度双拥工作总结 in headless Chromium: the demo county's administrator generates the county's 2026 summary,
edits a paragraph in the draft editor (htmx), sees where a figure comes from, and downloads the .docx, which
carries the edit. No console error, no HTTP error."""

import pytest
from docx import Document

from shuangyong.demo.county import DEMO_PASSWORD
from shuangyong.reports.models import DraftParagraph, SummaryDraft
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_generate_edit_and_download_the_county_summary(make_page, demo_county):
    watch = make_page()
    page = watch.page
    login(watch, "syb", DEMO_PASSWORD)
    watch.goto("/reports/summary/")
    page.select_option("#id_year", "2026")
    page.select_option("#id_target", "region:350123000000")
    page.click("#summary-form button[type=submit]")
    page.wait_for_url(f"{watch.base_url}/reports/summary/*/")
    assert page.locator("h1").inner_text() == "2026年罗源县双拥工作总结及2027年工作计划"
    draft = SummaryDraft.objects.get(year=2026)  # the demo keeps a 2025 draft too

    # the paragraph citing the registry: its figures are listed with key, label and source
    paragraph = draft.paragraphs.filter(section="benefits", kind="body").get()
    block = page.locator(f"#p{paragraph.pk}")
    assert "registry.all_persons" in block.inner_text() and "在册优抚对象人数" in block.inner_text()
    edited = paragraph.generated_text + "全年未发生一起错发漏发。"
    block.locator("textarea").fill(edited)
    block.locator("button:has-text('保存')").click()
    page.locator(f"#p{paragraph.pk} >> text=已修改").wait_for()
    assert DraftParagraph.objects.get(pk=paragraph.pk).edited_text == edited
    watch.screenshot("summary-draft")

    with page.expect_download() as info:
        page.click("#download-docx")
    download = info.value
    assert download.suggested_filename == "2026年罗源县双拥工作总结及2027年工作计划.docx"
    texts = [p.text for p in Document(str(download.path())).paragraphs]
    assert texts[0] == draft.title and edited in texts
    watch.assert_clean()
