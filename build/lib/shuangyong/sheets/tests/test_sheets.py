"""The one header rule, the one label rule and unread columns, for every sheet import."""

import pytest

from shuangyong.sheets.cells import CellError, choice, choice_table
from shuangyong.sheets.headers import HeaderTable, clean_header, find_header, unread_columns
from shuangyong.sheets.problems import Problem, SheetError

TABLE = HeaderTable(
    lookup={
        clean_header(h): k
        for h, k in [
            ("姓名", "name"),
            ("身份证号", "id_number"),
            ("公民身份号码", "id_number"),
            ("乡镇", "town"),
            ("到达日期", "arrival_date"),
        ]
    },  # fmt: skip
    canonical={"name": "姓名", "id_number": "公民身份号码", "town": "乡镇", "arrival_date": "到达日期"},
)


def rows(*lines):
    return list(enumerate(lines, start=1))


def test_the_header_is_the_row_with_the_anchors_that_names_the_most_columns():
    sheet = rows(
        ["罗源县2025年退役士兵花名册"],
        ["姓名", "身份证号"],  # a note row that happens to name the anchors
        ["序号", "姓名", "公民身份号码", "乡 镇", "到达日期", "联系人"],
        [1, "张三"],
    )
    header = find_header(sheet, TABLE, anchors=("name", "id_number"))
    assert (header.index, header.row, header.columns, header.unknown) == (
        2,
        3,
        {"name": 1, "id_number": 2, "town": 3, "arrival_date": 4},
        ["联系人"],  # 序号 is never reported
    )
    assert header.label("id_number", TABLE) == "公民身份号码"
    assert unread_columns(header) == [
        Problem(3, "联系人", "此列未导入：系统不识别该列名（如需导入，请改用模板中的列名）")
    ]


def test_no_header_and_a_missing_required_column_are_refused_in_chinese():
    with pytest.raises(SheetError, match="前 20 行内没有找到表头（须有“姓名”和“公民身份号码”列）"):
        find_header(rows(["a", "b"], [1, 2]), TABLE, anchors=("name", "id_number"))
    with pytest.raises(SheetError, match="表头缺少必填列：到达日期"):
        find_header(rows(["姓名", "身份证号"]), TABLE, anchors=("name", "id_number"), required=("arrival_date",))


def test_a_label_is_matched_exactly_never_as_a_part_of_another():
    verdicts = {"合格": "yes", "不合格": "no"}
    assert (choice("不合格", verdicts, "结论"), choice(" 合格 ", verdicts, "结论"), choice("", verdicts, "结论")) == (
        "no",
        "yes",
        "",
    )
    with pytest.raises(CellError, match="结论“合”无法识别，应为合格、不合格"):
        choice("合", verdicts, "结论")


def test_a_choice_table_reads_labels_stored_values_and_the_words_offices_write():
    table = choice_table([("party", "中共党员"), ("masses", "群众")], 党员="party")
    assert table == {"中共党员": "party", "群众": "masses", "party": "party", "masses": "masses", "党员": "party"}
