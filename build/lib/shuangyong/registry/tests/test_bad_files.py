"""Hostile and odd files: refused early with a Chinese message, never parsed into memory, never a formula."""

import io
import resource
import time
import zipfile
from datetime import date

import openpyxl
import pytest

from shuangyong.accounts.system import system_user
from shuangyong.filelimits import FileRefused, check_container, check_workbook
from shuangyong.intake.reading.loaders import ReadError as DocumentReadError
from shuangyong.intake.reading.loaders import docx_text
from shuangyong.registry.importing.service import import_persons
from shuangyong.registry.models import Person
from shuangyong.registry.services.export import export_roster
from shuangyong.registry.services.search import PersonFilter, search_persons
from shuangyong.registry.tests.sheets import MESSY_HEADER, messy_rows, write_sheet
from shuangyong.sheets.reader import ReadError

pytestmark = pytest.mark.django_db
INFLATED_MB = 300


def zip_bomb(path, part: str, *, megabytes: int = INFLATED_MB) -> None:
    """An OOXML-looking zip whose one part inflates to `megabytes` of the same byte (a few hundred KB on disk)."""
    block = b"<" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(part, "w", force_zip64=True) as stream:
            for _ in range(megabytes):
                stream.write(block)


def test_a_zip_bomb_roster_is_refused_in_well_under_a_second_without_inflating(county, tmp_path):
    path = tmp_path / "bomb.xlsx"
    zip_bomb(path, "xl/worksheets/sheet1.xml")
    assert path.stat().st_size < 1024 * 1024
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(ReadError) as refused:
        import_persons(path, region=county["county"], today=date(2026, 3, 20), user=system_user())
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before < 100 * 1024  # KB: nothing inflated
    assert str(refused.value) == "表格内的“xl/worksheets/sheet1.xml”压缩比异常（疑似压缩炸弹），已拒绝"
    assert not Person.objects.exists()


def test_a_zip_bomb_word_file_is_refused_with_a_chinese_message(tmp_path):
    path = tmp_path / "bomb.docx"
    zip_bomb(path, "word/document.xml", megabytes=50)
    with pytest.raises(DocumentReadError) as refused:
        docx_text(path.read_bytes())
    assert str(refused.value) == "Word 文件内的“word/document.xml”压缩比异常（疑似压缩炸弹），已拒绝"


def test_a_damaged_word_file_gets_no_python_repr(db):
    with pytest.raises(DocumentReadError) as refused:
        docx_text(b"PK\x03\x04 not really a zip")
    assert "object at 0x" not in str(refused.value) and "已损坏" in str(refused.value)


def test_limits_on_size_and_declared_cells(tmp_path, settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_MB = 1
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"x" * (2 * 1024 * 1024))
    with pytest.raises(FileRefused, match="超过上限 1 MB"):
        check_container(big.getvalue())
    settings.UPLOAD_MAX_UNCOMPRESSED_MB, settings.SHEET_MAX_CELLS = 100, 1000
    wide = tmp_path / "wide.xlsx"
    book = openpyxl.Workbook()
    book.active["Z100"] = 1  # declares A1:Z100, 2,600 cells
    book.save(wide)
    with pytest.raises(FileRefused, match="约 2,600 个单元格，超过上限 1,000"):
        check_workbook(wide)


def test_text_that_looks_like_a_formula_is_exported_as_text(county, users, tmp_path):
    path = tmp_path / "in.xlsx"
    rows = messy_rows()
    write_sheet(path, MESSY_HEADER, rows)
    assert import_persons(path, region=county["county"], today=date(2026, 3, 20), user=system_user()).errors == []
    Person.objects.filter(pk=Person.objects.order_by("pk").first().pk).update(note='=HYPERLINK("http://x","y")')
    person = Person.objects.order_by("pk").first()
    person.name = "+SUM(A1)"
    Person.objects.filter(pk=person.pk).update(name="+SUM(A1)")
    out = tmp_path / "out.xlsx"
    user = users["county_admin"]
    export_roster(search_persons(user, PersonFilter()), out, user=user, title="花名册", scope_code="350123000000")
    sheet = openpyxl.load_workbook(out).active
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    risky = [c for c in cells if c.value.startswith(("=", "+"))]
    assert {c.value for c in risky} >= {"+SUM(A1)"}
    assert all(c.data_type == "s" for c in risky)  # stored as text, not as a formula
