import pytest

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.accounts.system import system_user
from shuangyong.archive.models import Attachment, FileType
from shuangyong.archive.services import (
    ArchiveError,
    attach_file,
    attachments_for,
    delete_attachment,
    update_attachment,
)
from shuangyong.archive.storage import archive_storage
from shuangyong.archive.tests.files import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes, upload, xlsx_bytes
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def stored_files(media) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_photo_on_a_unit_is_placed_by_the_unit_and_gets_a_thumbnail(users, county, media):
    from PIL import Image

    unit = county["unit_bureau"]
    data = png_bytes(800, 600)
    attachment = attach_file(unit, upload("八一慰问.png", data), user=users["unit_staff"], year=2026)
    attachment.refresh_from_db()
    assert (attachment.title, attachment.category.name, attachment.year) == ("八一慰问", "照片", 2026)
    assert (attachment.unit_id, attachment.region_id) == (unit.pk, "350123000000")
    assert (attachment.size, attachment.mime, attachment.file_type.code) == (len(data), "image/png", "png")
    assert (attachment.width, attachment.height) == (800, 600)
    assert attachment.record == unit and attachment.record_repr == "县文广局"
    assert attachment.uploaded_by == users["unit_staff"]
    with archive_storage().open(attachment.stored_name) as handle:
        assert handle.read() == data
    with archive_storage().open(attachment.thumbnail_name) as handle, Image.open(handle) as thumb:
        assert (thumb.format, thumb.size) == ("JPEG", (320, 240))
    assert len(stored_files(media)) == 2
    entry = AuditEntry.objects.get(model="archive.attachment", action="create")
    assert (entry.actor, entry.object_id, entry.after["sha256"]) == (
        users["unit_staff"],
        str(attachment.pk),
        attachment.sha256,
    )


def test_region_record_places_by_its_code_and_the_uploader_unit_is_kept_when_the_record_has_none(users, county):
    town = county["town_a"]
    by_town = attach_file(town, upload("纪要.pdf", pdf_bytes()), user=users["town_staff"], category="会议纪要")
    assert (by_town.region_id, by_town.unit_id, by_town.category.code) == ("350123100000", None, "minutes")
    by_unit = attach_file(
        county["county"], upload("总结.docx", docx_bytes()), user=users["unit_staff"], category="summary"
    )
    assert (by_unit.region_id, by_unit.unit_id, by_unit.file_type.code) == (
        "350123000000",
        county["unit_bureau"].pk,
        "docx",
    )
    assert by_unit.thumbnail_name == ""


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("a.jpg", jpeg_bytes(), "jpg"),
        ("a.JPEG", jpeg_bytes(), "jpg"),
        ("a.pdf", pdf_bytes(), "pdf"),
        ("a.docx", docx_bytes(), "docx"),
        ("a.xlsx", xlsx_bytes(), "xlsx"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "doc"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "xls"),
        ("说明.txt", "县双拥办 2026 年工作要点".encode("gb18030"), "txt"),
    ],
)
def test_accepted_types_are_recognised_by_content(users, county, name, data, code):
    attachment = attach_file(county["town_a"], upload(name, data), user=users["town_staff"])
    assert attachment.file_type.code == code


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("照片.pdf", png_bytes(), "文件“照片.pdf”的扩展名与内容不符：内容是PNG 图片，扩展名应为 .png"),
        ("报告.docx", pdf_bytes(), "文件“报告.docx”的扩展名与内容不符：内容是PDF 文档，扩展名应为 .pdf"),
        (
            "setup.jpg",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\xff\xff",
            "文件“setup.jpg”的内容是无法识别的格式，不在允许的类型内",
        ),
        ("a.zip", b"PK\x03\x04" + b"\x00" * 40, "文件“a.zip”的内容是ZIP 压缩包，不在允许的类型内"),
        ("旧表.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60, ""),
        ("空.txt", b"", "文件“空.txt”是空的"),
    ],
)
def test_wrong_or_unknown_content_is_refused_and_nothing_stored(users, county, media, name, data, message):
    if name == "旧表.doc":  # an OLE2 file named .doc is a Word 97 file: accepted; renamed .jpg it is not
        name, message = "旧表.jpg", "文件“旧表.jpg”的内容是Word/Excel 97-2003 文档，不在允许的类型内"
    with pytest.raises(ArchiveError) as error:
        attach_file(county["town_a"], upload(name, data), user=users["town_staff"])
    assert str(error.value).startswith(message)
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


def test_size_limit_comes_from_the_file_type_table(users, county, media):
    FileType.objects.filter(code="txt").update(max_bytes=10)
    with pytest.raises(ArchiveError) as error:
        attach_file(county["town_a"], upload("长.txt", b"x" * 11), user=users["town_staff"])
    assert str(error.value) == "文件“长.txt”大小 11 B，超过文本文件的上限 10 B"
    assert attach_file(county["town_a"], upload("短.txt", b"x" * 10), user=users["town_staff"]).size == 10


def test_overall_limit_refuses_before_sniffing(users, county, media):
    FileType.objects.update(max_bytes=1024 * 1024)
    with pytest.raises(ArchiveError) as error:
        attach_file(county["town_a"], upload("大.pdf", b"%PDF-" + b"0" * (1024 * 1024)), user=users["town_staff"])
    assert str(error.value) == "文件“大.pdf”大小 1.0 MB，超过上限 1.0 MB"
    assert stored_files(media) == []


def test_same_file_twice_on_one_record_is_refused_but_another_record_may_hold_it(users, county, media):
    data = png_bytes()
    first = attach_file(county["town_a"], upload("合影.png", data), user=users["town_staff"])
    with pytest.raises(ArchiveError) as error:
        attach_file(county["town_a"], upload("合影-副本.png", data), user=users["town_staff"])
    assert str(error.value) == "该记录已有相同的文件：“合影”（合影.png），未重复保存"
    assert list(attachments_for(county["town_a"], user=system_user())) == [first]
    assert len(stored_files(media)) == 2
    other = attach_file(county["village_a1"], upload("合影.png", data), user=users["town_staff"])
    assert other.sha256 == first.sha256 and Attachment.objects.count() == 2


def test_out_of_scope_record_is_refused_and_nothing_written(users, county, media):
    with pytest.raises(ScopeDenied):
        attach_file(county["town_a"], upload("a.png", png_bytes()), user=users["town_b_staff"])
    with pytest.raises(ScopeDenied):  # the leader reads everything but changes nothing
        attach_file(county["town_a"], upload("a.png", png_bytes()), user=users["leader"])
    with pytest.raises(ScopeDenied):  # a county garrison is readable by the town, not writable
        attach_file(county["unit_garrison"], upload("a.png", png_bytes()), user=users["town_staff"])
    assert Attachment.objects.count() == 0 and stored_files(media) == []
    assert not AuditEntry.objects.filter(model="archive.attachment").exists()


def test_attachments_for_shows_only_what_the_user_may_see(users, county):
    mine = attach_file(county["village_a1"], upload("a.png", png_bytes()), user=users["village_staff"])
    attach_file(county["town_a"], upload("b.png", png_bytes(color=(1, 2, 3))), user=users["town_staff"])
    assert list(attachments_for(county["village_a1"], user=users["town_b_staff"])) == []
    assert list(attachments_for(county["village_a1"], user=users["county_admin"])) == [mine]
    assert list(attachments_for(county["town_a"], user=users["village_staff"])) == []


def test_delete_is_audited_and_removes_the_stored_bytes(users, county, media, django_capture_on_commit_callbacks):
    attachment = attach_file(county["town_a"], upload("a.png", png_bytes()), user=users["town_staff"])
    with pytest.raises(ScopeDenied):
        delete_attachment(attachment, user=users["town_b_staff"])
    assert Attachment.objects.filter(pk=attachment.pk).exists() and len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        delete_attachment(attachment, user=users["town_staff"])
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert stored_files(media) == []
    entry = AuditEntry.objects.get(model="archive.attachment", action="delete")
    assert (entry.actor, entry.before["original_name"], entry.object_id) == (
        users["town_staff"],
        "a.png",
        str(attachment.pk),
    )


def test_without_an_archive_alias_the_files_go_under_media_root(settings, tmp_path, users, county):
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != "archive"}
    settings.MEDIA_ROOT = tmp_path / "fallback"
    attachment = attach_file(county["town_a"], upload("a.pdf", pdf_bytes()), user=users["town_staff"], year=2026)
    assert attachment.stored_name.startswith("archive/2026/") and attachment.stored_name.endswith(".pdf")
    assert (tmp_path / "fallback" / attachment.stored_name).read_bytes() == pdf_bytes()


@pytest.mark.parametrize("mode", ["RGBA", "P", "L"])
@pytest.mark.parametrize("fmt", ["PNG", "GIF", "WEBP"])
def test_thumbnails_of_every_image_kind_are_320px_jpegs(users, county, fmt, mode):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, (200, 640)).save(out, fmt)
    name = f"图.{fmt.lower()}"
    attachment = attach_file(county["town_a"], upload(name, out.getvalue()), user=users["town_staff"])
    with archive_storage().open(attachment.thumbnail_name) as handle, Image.open(handle) as thumb:
        assert (thumb.format, thumb.mode, thumb.size) == ("JPEG", "RGB", (100, 320))
    assert (attachment.width, attachment.height, attachment.file_type.code) == (200, 640, fmt.lower())


def test_update_changes_title_category_and_year_audited(users, county):
    attachment = attach_file(county["town_a"], upload("a.pdf", pdf_bytes()), user=users["town_staff"], year=2025)
    with pytest.raises(ScopeDenied):
        update_attachment(attachment, user=users["town_b_staff"], title="改")
    updated = update_attachment(attachment, user=users["town_staff"], title="表彰大会材料", category="证书", year=2026)
    assert (updated.title, updated.category.code, updated.year) == ("表彰大会材料", "certificate", 2026)
    entry = AuditEntry.objects.get(model="archive.attachment", action="update")
    assert entry.before == {"title": "a", "category_id": attachment.category_id, "year": 2025}
    assert entry.after == {"title": "表彰大会材料", "category_id": updated.category_id, "year": 2026}
