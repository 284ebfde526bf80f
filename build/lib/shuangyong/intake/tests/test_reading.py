"""Input, junk, structure, activities and people on invented texts."""

import io

import docx
import pytest

from shuangyong.intake.reading import loaders
from shuangyong.intake.reading.extract import extract_text
from shuangyong.intake.reading.loaders import ReadError, read_bytes
from shuangyong.intake.reading.normalise import normalise


def test_text_files_in_utf8_with_bom_and_gb18030():
    text = "双拥工作总结\n慰问军属20户。"
    assert read_bytes(text.encode("utf-8"), "a.txt") == text
    assert read_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "a.txt") == text
    assert read_bytes(text.encode("gb18030"), "a.TXT") == text


def test_docx_paragraphs_and_tables_in_order():
    document = docx.Document()
    document.add_paragraph("某镇2024年双拥工作总结")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "数量"
    table.cell(1, 0).text, table.cell(1, 1).text = "慰问军属", "35户"
    document.add_paragraph("全年召开座谈会4次。")
    buffer = io.BytesIO()
    document.save(buffer)
    assert (
        read_bytes(buffer.getvalue(), "s.docx")
        == "某镇2024年双拥工作总结\n项目\t数量\n慰问军属\t35户\n全年召开座谈会4次。"
    )


def test_unsupported_files_are_refused_in_chinese(monkeypatch):
    with pytest.raises(ReadError, match="不支持的文件类型"):
        read_bytes(b"x", "a.xlsx")
    monkeypatch.setattr(loaders, "soffice", lambda: None)  # a machine without LibreOffice (CI has it)
    with pytest.raises(ReadError, match="未安装 LibreOffice"):
        read_bytes(b"x", "a.doc")


@pytest.mark.skipif(loaders.soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_an_old_word_file_is_read_through_libreoffice():
    assert read_bytes("双拥工作总结\n一、加强组织领导".encode(), "a.doc") == "双拥工作总结\n一、加强组织领导\n"


def test_normalised_offsets_map_back_to_the_original():
    norm = normalise("雙擁辦發放１２萬元")
    assert norm.text == "双拥办发放12万元"
    assert norm.span(5, 9) == (5, 9)


JUNK_TEXT = """首页 新闻 范文 总结 计划 报告 心得
当前位置：范文网 > 工作总结 > 双拥总结
某县民政局2023年双拥工作总结...
某县民政局2023年双拥工作总结
栏目：工作总结 发布于：2023-12-01 人气：1.2万
某县民政局2023年双拥工作总结
一、基本情况
全年共慰问优抚对象1200户，发放慰问金60万元。
二、主要做法
（一）加强组织领导
一是召开专题会议3次；二是印发文件2份。
（二）开展走访慰问
1.春节走访
春节期间，县民政局张局长带队到县人武部慰问，召开座谈会1场。
2.八一慰问
组织退役军人王建国、李明等参加座谈会。
本文来源于网络，如有侵权请联系删除。第1页 共2页
"""


def test_junk_is_ignored_and_structure_found():
    result = extract_text(JUNK_TEXT)
    assert result.title == "某县民政局2023年双拥工作总结"
    assert result.year == 2023
    assert [(f["value"], f["unit"], f["subject"]) for f in result.figures] == [
        (1200, "户", "优抚对象"),
        (600000, "元", "慰问金"),
        (3, "次", "专题会议"),
        (2, "份", "文件"),
        (1, "场", "座谈会"),
    ]

    def outline(nodes):
        return [(n["marker"], n["title"], outline(n["children"])) for n in nodes]

    assert outline(result.sections) == [
        ("一、", "基本情况", []),
        (
            "二、",
            "主要做法",
            [
                ("（一）", "加强组织领导", [("一是", "召开专题会议3次", []), ("二是", "印发文件2份", [])]),
                ("（二）", "开展走访慰问", [("1.", "春节走访", []), ("2.", "八一慰问", [])]),
            ],
        ),
    ]
    first = result.sections[0]
    assert JUNK_TEXT[first["start"] : first["end"]].startswith("一、基本情况")


def test_activities_organisations_and_persons():
    result = extract_text(JUNK_TEXT)
    visit = next(a for a in result.activities if "座谈会" in a["kinds"] and a["date"] == "春节")
    assert visit["place"] == "县人武部"
    assert "县民政局" in visit["organisations"]
    assert {(p["name"], p["role"]) for p in result.persons} == {
        ("张", "局长"),
        ("王建国", "退役军人"),
        ("李明", "退役军人"),
    }


def test_page_markers_of_converted_documents_join_the_cut_sentence():
    pages = [
        "1、" + "双拥工作" * 50 + "慰问重点优",
        "2、抚对象30户，" + "开展活动" * 50,
        "3、" + "做好工作" * 50 + "。",
    ]
    result = extract_text("\n".join(pages))
    assert [(f["value"], f["subject"]) for f in result.figures] == [(30, "重点优抚对象")]
