"""双拥资料档案 in headless Chromium: town staff upload a photo from the archive page (on a phone), the page
comes back with its thumbnail loaded; the filters narrow the list. No console error, no HTTP error."""

import io

import pytest
from conftest import PASSWORD
from PIL import Image

from shuangyong.archive.models import Attachment, Category, FileType
from shuangyong.archive.reference import load_reference
from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive_store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    load_reference(Category, FileType)  # a transactional test starts without the data migration's rows
    return tmp_path


def photo_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (180, 40, 40)).save(out, "PNG")
    return out.getvalue()


def test_upload_a_photo_and_see_its_thumbnail(make_page, users, archive_store):
    watch = make_page(PHONE)
    login(watch, "town_staff", PASSWORD)
    page = watch.page
    watch.goto("/archive/")
    assert page.locator("h1").inner_text() == "双拥资料档案"
    assert page.get_by_text("没有符合条件的档案资料").is_visible()
    page.set_input_files(
        "input[name=file]", files=[{"name": "慰问合影.png", "mimeType": "image/png", "buffer": photo_png()}]
    )
    page.select_option("select[name=category]", "photo")
    page.fill("input[name=title]", "凤山镇八一慰问合影")
    page.fill("input[name=year]", "2026")
    page.click("form.upload-form button[type=submit]")
    page.wait_for_load_state()
    assert "已上传 1 个文件：凤山镇八一慰问合影" in page.locator(".messages").inner_text()
    thumb = page.locator("img.thumb[alt='凤山镇八一慰问合影']")
    thumb.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    assert thumb.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [320, 213]
    watch.screenshot("archive-uploaded")
    attachment = Attachment.objects.get()
    assert (attachment.region_id, attachment.year, attachment.width) == ("350123100000", 2026, 1200)

    page.fill("input[name=q]", "没有这个标题")
    page.click("form.filters:not(.upload-form) button[type=submit]")
    page.wait_for_load_state()
    assert page.get_by_text("没有符合条件的档案资料").is_visible()
    watch.screenshot("archive-filtered")
    watch.assert_clean()
