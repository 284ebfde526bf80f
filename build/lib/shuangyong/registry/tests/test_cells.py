from datetime import date

import pytest

from shuangyong.registry import idnumber
from shuangyong.registry.importing.cells import parse_grade, parse_hukou, parse_sex
from shuangyong.registry.importing.headers import find_header, key_for
from shuangyong.registry.tests.sheets import make_id
from shuangyong.sheets.cells import CellError, parse_account, parse_date, text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1950.03", date(1950, 3, 1)),
        ("1950年3月", date(1950, 3, 1)),
        ("1950-3-15", date(1950, 3, 15)),
        ("1950/03/15", date(1950, 3, 15)),
        ("19500315", date(1950, 3, 15)),
        ("1950年3月15日", date(1950, 3, 15)),
        ("１９５０．０３", date(1950, 3, 1)),
        (1950.03, date(1950, 3, 1)),  # typed into a number cell
        (1950.1, date(1950, 1, 1)),  # shown as 1950.1 by Excel: January, as the clerk reads it
        (18337.0, date(1950, 3, 15)),  # an Excel date serial
        (date(1950, 3, 15), date(1950, 3, 15)),
        (None, None),
        ("", None),
    ],
)
def test_dates_written_five_ways(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["1950.13", "三月", "2950.01", "1950-02-30"])
def test_bad_dates_are_named(raw):
    with pytest.raises(CellError):
        parse_date(raw)


@pytest.mark.parametrize(("raw", "grade"), [("四级", 4), (4, 4), (4.0, 4), ("4级", 4), ("十级", 10), ("伤残六级", 6)])
def test_grades(raw, grade):
    assert parse_grade(raw) == grade


def test_grade_out_of_range():
    with pytest.raises(CellError, match="超出一级至十级"):
        parse_grade("11")


def test_choices_and_text():
    assert (parse_sex("男"), parse_sex("女"), parse_hukou("非农业"), parse_hukou("农村")) == (
        "M",
        "F",
        "urban",
        "rural",
    )
    assert text(" 李　四 ") == "李四"
    assert text(123.0) == "123"
    with pytest.raises(CellError, match="性别“未知”无法识别"):
        parse_sex("未知")


def test_bank_account_lost_digits():
    assert parse_account("6228 4804 0256 4890 018") == "6228480402564890018"
    with pytest.raises(CellError, match="存成了数字"):
        parse_account(6.22848040256489e18)


def test_id_numbers():
    good = make_id("19500315", 11)
    assert idnumber.parse(good).value == good
    assert idnumber.parse(good.lower()).value == good
    assert idnumber.parse(" " + good[:6] + " " + good[6:]).value == good
    with_x = next(make_id("19600101", s) for s in range(1, 999) if make_id("19600101", s).endswith("X"))
    assert idnumber.parse(with_x.lower()).value == with_x
    old = idnumber.parse("350123500315001")
    assert (old.value, old.sex, old.birth_date) == (make_id("19500315", 1), "M", date(1950, 3, 15))
    assert old.warnings == [f"15 位旧身份证号已转换为 18 位：{old.value}"]
    assert idnumber.parse(350123500315001.0).value == old.value  # 15 digits survive a number cell
    unknown = idnumber.parse(make_id("19500315", 11, region="990101"), known_region=lambda prefix: False)
    assert unknown.warnings == ["身份证号的地区码 990101 不在当前区划表中（可能已撤并），已接受"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (3.50123195003150e17, "存成了数字"),
        ("3.50123E+17", "存成了数字"),
        ("35012319500315001", "只有 17 位"),
        ("abc", "格式不对"),
        ("", "不能为空"),
    ],
)
def test_bad_id_numbers(raw, message):
    with pytest.raises(idnumber.IdNumberError, match=message):
        idnumber.parse(raw)


def test_impossible_birth_date():
    bad = make_id("19501315", 11)  # right check digit, no 13th month
    with pytest.raises(idnumber.IdNumberError, match="出生日期 19501315 不存在"):
        idnumber.parse(bad)


def test_wrong_check_digit():
    good = make_id("19500315", 11)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(idnumber.IdNumberError, match=f"校验位错误（应为 {good[-1]}）"):
        idnumber.parse(wrong)


def test_masks():
    assert idnumber.mask("350123195003150016") == "3501**********0016"
    assert idnumber.mask_account("6228480402564890018") == "6228***********0018"


def test_header_variants_and_detection():
    assert {key_for(h) for h in ["身份证号", "公民身份号码", "身份证号码", "身份证 号码"]} == {"id_number"}
    assert key_for("乡镇（街道）") == key_for("乡镇(街道)") == "town"
    rows = [["罗源县花名册"], ["填报单位：某镇", None], ["序号", "姓名", "身份证号", "人员类别", "备用列"], [1, "张三"]]
    header = find_header(list(enumerate(rows, start=1)))
    assert (header.index, header.row, header.columns, header.unknown) == (
        2,
        3,
        {"seq": 0, "name": 1, "id_number": 2, "category": 3},
        ["备用列"],
    )
