"""The Word document (公文 layout) and the `summary` command with --json."""

import io
import json
import os
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from shuangyong.audit.models import AuditEntry
from shuangyong.reports.summary.word import docx_to_pdf, soffice, write_docx
from shuangyong.reports.tests.test_summary import figures, people  # noqa: F401 (fixtures)


def east_asian_font(run) -> str:
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_document_is_laid_out_as_a_gongwen():
    data = write_docx(
        [
            ("title", "2026年罗源县双拥工作总结"),
            ("addressee", "县双拥办："),
            ("body", "正文一段。"),
            ("heading1", "一、加强组织领导"),
            ("heading2", "（一）完善工作机制"),
        ],
        issuer="罗源县双拥工作领导小组办公室",
        dated=date(2027, 1, 8),
    )
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
    sizes += (section.left_margin, section.right_margin)
    assert [round(size.mm, 1) for size in sizes] == [210, 297, 37, 35, 28, 26]  # stored in twips
    paragraphs = [p for p in document.paragraphs if p.text]
    fonts = [(p.text, east_asian_font(p.runs[0]), p.runs[0].font.size) for p in paragraphs]
    assert fonts == [
        ("2026年罗源县双拥工作总结", "方正小标宋简体", Pt(22)),
        ("县双拥办：", "仿宋_GB2312", Pt(16)),
        ("正文一段。", "仿宋_GB2312", Pt(16)),
        ("一、加强组织领导", "黑体", Pt(16)),
        ("（一）完善工作机制", "楷体_GB2312", Pt(16)),
        ("罗源县双拥工作领导小组办公室", "仿宋_GB2312", Pt(16)),
        ("2027年1月8日", "仿宋_GB2312", Pt(16)),
    ]
    # the navigation pane's headings: Word's heading styles with their outline levels, in 公文 fonts
    assert [p.style.name for p in paragraphs[3:5]] == ["Heading 1", "Heading 2"]
    for p, level, font in ((paragraphs[3], "0", "黑体"), (paragraphs[4], "1", "楷体_GB2312")):
        assert p.style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == level
        assert p.style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == font
        assert p.style.font.color.rgb == RGBColor(0, 0, 0) and not p.style.font.bold
    assert [p.paragraph_format.right_indent for p in paragraphs[5:]] == [Pt(64), Pt(64)]  # 右空四字
    assert document.core_properties.author == "罗源县双拥工作领导小组办公室"
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
    assert (odd.paragraph_format.right_indent, even.paragraph_format.left_indent) == (Pt(14), Pt(14))
    assert " PAGE " in even._element.xml
    for p in paragraphs:
        assert p.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert p.paragraph_format.line_spacing == Pt(28)
    assert paragraphs[2].paragraph_format.first_line_indent == Pt(32)
    footer = section.footer.paragraphs[0]._element.xml
    assert "— " in footer and " —" in footer and ">PAGE<" not in footer
    assert "<w:instrText" in footer and " PAGE " in footer and 'w:fldCharType="begin"' in footer
    font_table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    assert 'w:name="仿宋_GB2312"' in font_table.blob.decode() and 'w:val="仿宋"' in font_table.blob.decode()


def docx_text(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_every_figure_in_the_json_is_printed_in_the_document(figures, people, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "县.docx"
    call_command("summary", "--year", "2026", "--region", "350123", "--out", str(out), "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["year"] == 2026
    assert result["scope"] == {"region": "350123000000", "unit": None, "name": "罗源县"}
    assert result["title"] == "2026年罗源县双拥工作总结及2027年工作计划"
    text = docx_text(out)
    assert result["figures"]
    by_key = {f["key"]: f for f in result["figures"]}
    assert by_key["t.money"] == {
        "key": "t.money",
        "label": "测试慰问金额",
        "value": 3.7,
        "unit": "万元",
        "source": "测试：人员 × 12345.67 元",
    }
    assert by_key["t.persons"]["value"] == 3 and by_key["t.persons"]["unit"] == "人"
    for figure in result["figures"]:
        assert f"{figure['value']}{figure['unit']}" in text, figure["key"]
    paragraphs = [p for section in result["sections"] for p in section["paragraphs"]]
    headings = [section["heading"] for section in result["sections"] if section["heading"]]
    written = [p.text for p in Document(str(out)).paragraphs if p.text]
    assert written[:-2] == sorted(paragraphs + headings, key=lambda t: text.index(t))
    today = timezone.localdate()
    assert written[-2:] == ["罗源县双拥工作领导小组办公室", f"{today.year}年{today.month}月{today.day}日"]
    assert AuditEntry.objects.filter(action="export", object_repr__contains="2026年罗源县双拥工作总结").count() == 1


def test_the_command_for_a_unit_and_its_refusals(figures, people, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "unit.docx"
    call_command("summary", "--year", "2026", "--unit", "WGJ", "--out", str(out), "--no-plan")
    assert "已生成 2026年县文广局双拥工作总结" in capsys.readouterr().out
    assert docx_text(out).splitlines()[:3] == ["2026年县文广局双拥工作总结", "", "县双拥办："]
    with pytest.raises(CommandError, match="区划代码“123”无效"):
        call_command("summary", "--year", "2026", "--region", "123", "--out", str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="成员单位 NONE 不存在"):
        call_command("summary", "--year", "2026", "--unit", "NONE", "--out", str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="区划 350199000000 不存在"):
        call_command("summary", "--year", "2026", "--region", "350199", "--out", str(tmp_path / "x.docx"))
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.skipif(
    soffice() is None and os.environ.get("CI") != "true", reason="LibreOffice (soffice) is not installed: no PDF"
)
def test_the_summary_renders_as_a_pdf_of_its_pages():
    """CI installs LibreOffice, so there the PDF is always made; elsewhere it is made where soffice is installed."""
    body = [("body", "正文一段。" * 40)] * 30  # more than a page of 22 lines
    pdf = docx_to_pdf(write_docx([("title", "标题"), *body], issuer="罗源县双拥工作领导小组办公室"))
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 3


@pytest.mark.django_db
def test_the_issuer_is_the_office_that_writes_for_the_scope(county):
    from shuangyong.figures.catalogue import Scope
    from shuangyong.regions.models import Region
    from shuangyong.reports.summary.generate import issuer_of

    Region.objects.create(code="350123102000", name="凤山街道", level=4, parent=county["county"])
    assert issuer_of(Scope(2026, region="350123000000")) == "罗源县双拥工作领导小组办公室"
    assert issuer_of(Scope(2026, region="350123100000")) == "凤山镇人民政府"
    assert issuer_of(Scope(2026, region="350123102000")) == "凤山街道办事处"
    assert issuer_of(Scope(2026, unit="WGJ")) == "县文广局"
    assert issuer_of(Scope(2026, region="350123101201")) == "松山村村民委员会"
    assert issuer_of(Scope(2026, region="350123100001")) == "北门居委会"
