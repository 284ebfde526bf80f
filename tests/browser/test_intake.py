"""总结识读 in headless Chromium: town staff upload a traditional-Chinese summary, see its figures highlighted in
the text beside the items, follow a highlight to its item, correct and confirm an activity (it becomes an activity
record with its quantities), and set a figure aside. No console error, no HTTP error."""

from decimal import Decimal

import pytest
from conftest import PASSWORD

from shuangyong.activities.models import Activity
from shuangyong.activities.services.codes import load_code_tables
from shuangyong.archive.models import Category, FileType
from shuangyong.archive.reference import load_reference
from shuangyong.intake.models import ExtractedItem, ItemStatus, SummaryDocument
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = """鳳山鎮2025年雙擁工作總結
網站首頁 範文 總結 計劃 報告 心得
一、宣傳教育
全年發放宣傳資料５０００餘份，懸掛橫幅12幅。
二、走訪慰問
八一期間走訪慰問現役軍人家庭35戶，發放慰問金1.75萬元。
第1頁 共1頁
"""


@pytest.fixture
def stores(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    load_reference(Category, FileType)  # transactional tests flush the rows the migrations loaded
    load_code_tables()


def test_upload_review_and_confirm(make_page, users, stores):
    watch = make_page()
    login(watch, "town_staff", PASSWORD)
    page = watch.page
    watch.goto("/intake/")
    assert page.locator("h1").inner_text() == "总结识读"
    page.set_input_files(
        "#upload-form input[name=file]",
        files=[{"name": "凤山镇总结.txt", "mimeType": "text/plain", "buffer": SUMMARY.encode("utf-8")}],
    )
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/intake/*/")
    assert "已识读“凤山镇2025年双拥工作总结”" in page.locator(".messages").inner_text()
    marks = page.locator(".intake-original .intake-mark")
    assert marks.all_inner_texts() == ["５０００餘份", "12幅", "35戶", "1.75萬元"]
    assert "網站首頁" in page.locator(".intake-original").inner_text()  # the original text, junk and all

    marks.nth(2).click()
    page.wait_for_url("**#item-3")
    item = page.locator("#item-3")
    assert item.locator("input[name=subject]").input_value() == "现役军人家庭"
    assert item.locator("input[name=value]").input_value() == "35"

    visit = page.locator(
        "form.intake-item", has=page.locator("select[name=activity_kind] option[selected][value=visit]")
    )
    visit.locator("input[name=title]").fill("八一走访慰问现役军人家庭")
    visit.locator("button[value=confirm]").click()
    page.wait_for_load_state()
    assert "已登记为活动记录" in page.locator(".messages").inner_text()
    activity = Activity.objects.get()
    assert (activity.title, str(activity.date), activity.kind_id, activity.money_fen) == (
        "八一走访慰问现役军人家庭",
        "2025-08-01",
        "visit",
        1_750_000,
    )

    banners = page.locator("#item-2")
    banners.locator("button[value=reject]").click()
    page.wait_for_load_state()
    assert page.locator("#span-2.status-rejected").count() == 1
    figure = ExtractedItem.objects.get(document=SummaryDocument.objects.get(), seq=2)
    assert (figure.status, figure.value) == (ItemStatus.REJECTED, Decimal("12"))
    watch.screenshot("intake-review")
    watch.assert_clean()
