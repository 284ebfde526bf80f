"""The summary as a Word document in 公文 style (GB/T 9704-2012), and as PDF where LibreOffice is installed.

A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (22 lines of 28 characters); title 方正小标宋简体
二号 centred; body 仿宋_GB2312 三号 with a two-character first-line indent; first-level headings (一、) 黑体 and
second-level ((一)) 楷体_GB2312 in Word's own heading styles (outline levels 1 and 2, so the navigation pane of
Word and WPS lists them); fixed line spacing of 28 pt; the issuing office (发文机关署名) and the date (成文日期, in
Arabic numerals) at the end, four characters from the right margin; page numbers "— N —" from a PAGE field, odd
pages at the right and even pages at the left, one character in; the office as the document's author. East
Asian fonts are set through w:eastAsia (python-docx's font.name sets only the western ones), and the font table
names a fallback for machines without the 方正/GB2312 fonts.
"""

import io
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT = ("方正小标宋简体", "华文中宋")
BODY_FONT = ("仿宋_GB2312", "仿宋")
HEADING1_FONT = ("黑体", "SimHei")
HEADING2_FONT = ("楷体_GB2312", "楷体")
PAGE_NUMBER_FONT = ("宋体", "SimSun")
WESTERN_FONT = "Times New Roman"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
LINE = Pt(28)
INDENT = Pt(32)  # two characters of 三号
SIGN_INDENT = Pt(64)  # 右空四字
PAGE_NUMBER_INDENT = Pt(14)  # 空一字 of 四号
# paragraph kind -> Word's built-in heading style and its outline level
HEADING_STYLES = {"heading1": ("Heading 1", 0), "heading2": ("Heading 2", 1)}

STYLES = {
    # kind: (font, size, bold, alignment, first-line indent)
    "title": (TITLE_FONT, SIZE_2, False, WD_ALIGN_PARAGRAPH.CENTER, None),
    "addressee": (BODY_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.LEFT, None),
    "heading1": (HEADING1_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT),
    "heading2": (HEADING2_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT),
    "body": (BODY_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT),
}


def set_fonts(run, fonts: tuple[str, str], size) -> None:
    run.font.name = WESTERN_FONT
    run.font.size = size
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), fonts[0])
    rfonts.set(qn("w:hint"), "eastAsia")


def _fixed_spacing(paragraph) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _page_number(paragraph, alignment) -> None:
    """ "— N —" from a PAGE field, one character in from the side it sits on."""
    paragraph.alignment = alignment
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = PAGE_NUMBER_INDENT
    else:
        paragraph.paragraph_format.left_indent = PAGE_NUMBER_INDENT

    def text(value):
        set_fonts(paragraph.add_run(value), PAGE_NUMBER_FONT, SIZE_4)

    def field_char(kind):
        run = paragraph.add_run()
        set_fonts(run, PAGE_NUMBER_FONT, SIZE_4)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._element.append(element)
        return run

    text("— ")
    field_char("begin")
    instr = paragraph.add_run()
    set_fonts(instr, PAGE_NUMBER_FONT, SIZE_4)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    instr._element.append(code)
    field_char("separate")
    text("1")
    field_char("end")
    text(" —")


def _page_numbers(document, section) -> None:
    """Odd pages right, even pages left (GB/T 9704 §7.5)."""
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _heading_styles(document) -> None:
    """Word's heading styles, dressed as 公文 headings: the navigation pane finds them, the page shows 黑体/楷体."""
    for kind, (name, level) in HEADING_STYLES.items():
        fonts, size, *_ = STYLES[kind]
        style = document.styles[name]
        style.font.name = WESTERN_FONT
        style.font.size = size
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attribute), None)  # a theme font would win over the names below
        rfonts.set(qn("w:eastAsia"), fonts[0])
        style.paragraph_format.keep_with_next = True
        ppr = style.element.get_or_add_pPr()
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is None:
            outline = OxmlElement("w:outlineLvl")
            ppr.append(outline)
        outline.set(qn("w:val"), str(level))


def _font_fallbacks(document) -> None:
    """Name a fallback (w:altName) for each Chinese font in the font table, used where it is not installed."""
    table = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            table = rel.target_part
    if table is None:
        return
    from lxml import etree

    root = etree.fromstring(table.blob)
    ns = root.nsmap.get("w") or "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name, alt in (TITLE_FONT, BODY_FONT, HEADING1_FONT, HEADING2_FONT, PAGE_NUMBER_FONT):
        font = etree.SubElement(root, f"{{{ns}}}font")
        font.set(f"{{{ns}}}name", name)
        alt_name = etree.SubElement(font, f"{{{ns}}}altName")
        alt_name.set(f"{{{ns}}}val", alt)
        charset = etree.SubElement(font, f"{{{ns}}}charset")
        charset.set(f"{{{ns}}}val", "86")  # GB2312
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_docx(paragraphs: list[tuple[str, str]], *, issuer: str = "", dated: date | None = None) -> bytes:
    """paragraphs: (kind, text) in order; kinds as models.ParagraphKind; `issuer` signs it (and is its author) on
    `dated`. Returns the .docx file's bytes."""
    document = Document()
    document.core_properties.author = issuer or "双拥工作管理系统"
    document.core_properties.last_modified_by = issuer or "双拥工作管理系统"
    document.core_properties.comments = ""
    _heading_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)  # the page number sits 7 mm below the text block
    normal = document.styles["Normal"]
    normal.font.name = WESTERN_FONT
    normal.font.size = SIZE_3
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT[0])

    for kind, text in paragraphs:
        fonts, size, bold, alignment, indent = STYLES.get(kind, STYLES["body"])
        paragraph = document.add_paragraph(style=HEADING_STYLES[kind][0] if kind in HEADING_STYLES else None)
        paragraph.alignment = alignment
        _fixed_spacing(paragraph)
        if indent is not None:
            paragraph.paragraph_format.first_line_indent = indent
        run = paragraph.add_run(text)
        run.bold = bold
        set_fonts(run, fonts, size)
        if kind == "title":
            _fixed_spacing(blank := document.add_paragraph())
            set_fonts(blank.add_run(""), BODY_FONT, SIZE_3)
    if issuer or dated:
        _signature(document, issuer, dated)
    _page_numbers(document, section)
    _font_fallbacks(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _signature(document, issuer: str, dated: date | None) -> None:
    """Two blank lines, then 发文机关署名 over 成文日期, both four characters from the right margin."""
    lines = ["", "", issuer, f"{dated.year}年{dated.month}月{dated.day}日" if dated else ""]
    for text in lines:
        paragraph = document.add_paragraph()
        _fixed_spacing(paragraph)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = SIGN_INDENT
        set_fonts(paragraph.add_run(text), BODY_FONT, SIZE_3)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: int = 120) -> bytes | None:
    """The PDF made by LibreOffice, or None where `soffice` is not installed."""
    binary = soffice()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "summary.docx"
        source.write_bytes(docx)
        subprocess.run(
            [binary, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return (Path(folder) / "summary.pdf").read_bytes()
