import pytest

from shuangyong.regions.codes import (
    InvalidRegionCode,
    Level,
    level_of,
    normalize_code,
    parent_code_of,
    short_code,
    subtree_bounds,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("350123", "350123000000"),
        ("350123100", "350123100000"),
        ("350123100001", "350123100001"),
        ("35", "350000000000"),
        ("３５０１２３", "350123000000"),
        (" 350123 ", "350123000000"),
    ],
)
def test_normalize_accepts_full_and_short_forms(raw, expected):
    assert normalize_code(raw) == expected


@pytest.mark.parametrize("raw", ["3501234", "35012a", "", "1234567890123"])
def test_normalize_rejects_other_lengths_with_a_chinese_message(raw):
    with pytest.raises(InvalidRegionCode, match="区划代码"):
        normalize_code(raw)


@pytest.mark.parametrize(
    ("code", "level", "short", "parent"),
    [
        ("350000000000", Level.PROVINCE, "35", None),
        ("350100000000", Level.CITY, "3501", "350000000000"),
        ("350123000000", Level.COUNTY, "350123", "350100000000"),
        ("350123100000", Level.TOWN, "350123100", "350123000000"),
        ("350123100001", Level.VILLAGE, "350123100001", "350123100000"),
    ],
)
def test_level_short_form_and_parent(code, level, short, parent):
    assert level_of(code) == level
    assert short_code(code) == short
    assert parent_code_of(code) == parent


def test_subtree_bounds_are_the_code_range():
    assert subtree_bounds("350123000000") == ("350123000000", "350123999999")
    assert subtree_bounds("350123100000") == ("350123100000", "350123100999")
    assert subtree_bounds("350123100001") == ("350123100001", "350123100001")
