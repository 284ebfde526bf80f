"""sheets.rows.SheetRow: a cell by its key, its refusal noted under the column as the sheet writes it."""

import pytest

from shuangyong.errors import RuleError
from shuangyong.sheets.cells import parse_date
from shuangyong.sheets.headers import HeaderTable, match_row
from shuangyong.sheets.places import RegionMatcher
from shuangyong.sheets.rows import SheetRow, sheet_rows

TABLE = HeaderTable(
    {"姓名": "name", "出生日期": "birth", "乡镇": "town", "村": "village", "备注": "note"},
    {"name": "姓名", "birth": "出生日期", "town": "乡镇", "village": "村", "note": "备注", "phone": "电话"},
)
HEADER = match_row(["序号", "姓名", "出生日期", "乡镇", "村"], TABLE)


def row(cells, problems=None):
    return SheetRow(7, cells, HEADER, TABLE, [] if problems is None else problems)


def test_cells_by_key_and_their_refusals_by_row_and_column():
    problems = []
    found = row([1, "张三", "1950.13", "", ""], problems)
    assert (found.get("name"), found.raw("note"), found.has("town")) == ("张三", None, False)
    assert found.get("birth", parse_date) is None and found.failed and found.refused == {"birth"}
    assert found.get("phone", required=True) is None  # a column the sheet lacks, named as the template names it
    assert [(p.row, p.column, p.message) for p in problems] == [
        (7, "出生日期", "日期“1950.13”不存在"),
        (7, "电话", "“电话”不能为空"),
    ]


def test_a_domain_rule_refusing_a_cell_is_a_problem_too():
    def refuse(value):
        raise RuleError("不收")

    problems = []
    assert row([1, "张三"], problems).get("name", refuse) is None
    assert [p.message for p in problems] == ["不收"]


@pytest.mark.django_db
def test_the_place_names_the_column_at_fault(county):
    problems = []
    found = row([1, "张三", "", "凤山镇", "不存在村"], problems)
    assert found.region(RegionMatcher(county["county"])) is None
    assert [(p.column, p.message) for p in problems] == [("村", "凤山镇下没有名为“不存在村”的村（社区）")]
    assert row([1, "张三", "", "凤山镇", "北门社区"]).region(RegionMatcher(county["county"])) == "350123100001"


def test_only_records_are_rows_no_totals_or_sign_off_lines():
    rows = [(4, [1, "张三"]), (5, [2, ""]), (6, ["", ""]), (7, ["合计", "2人"]), (8, ["制表人：李四", ""])]
    assert [r.number for r in sheet_rows(rows, HEADER, TABLE, [], "name")] == [4]
