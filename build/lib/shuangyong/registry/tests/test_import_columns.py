"""The roster parser reads slices column by column; what it reports and keeps does not depend on the slicing."""

import random
from datetime import date, datetime

import pytest

from shuangyong.accounts.system import system_user
from shuangyong.registry.importing import rows as rows_module
from shuangyong.registry.importing.service import import_persons
from shuangyong.registry.models import Entitlement, Person
from shuangyong.registry.tests.sheets import MESSY_HEADER, make_id, write_sheet

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 20)

MEN = [make_id(f"19{y}0{m}1{d}", s) for y, m, d, s in [(50, 3, 5, 11), (48, 9, 2, 13), (62, 1, 1, 35), (55, 5, 5, 47)]]
WOMEN = [make_id(f"19{y}0{m}1{d}", s) for y, m, d, s in [(51, 6, 7, 22), (60, 2, 2, 44), (70, 8, 8, 66)]]
BAD_IDS = [
    make_id("19500315", 17)[:-1] + "0",  # wrong check digit (unless it happens to be 0: then still fine)
    make_id("19500315", 19).lower(),
    "350123500315015",  # 15 digits: a warning
    3.50123195003150e17,
    make_id("19500315", 21, region="110101"),  # a region prefix not in the table: a warning
    make_id("18800101", 23),
    make_id("19501301", 25),
    " " + make_id("19500315", 27),
    make_id("19500315", 29).replace("0", "０", 1),
    "",
    None,
    "abc",
]
# column -> (good values, values that are wrong or need the row parser)
CELLS = {
    0: ([1, 2, None], []),
    1: (["张三", "李四", "王五", "欧阳娜娜"], [" 李 四 ", "", "Ａｂ", None]),
    2: (["", None], ["男", "女", "M", "x", True, 1]),
    4: (["", None], ["1950.03", "1950年3月", "1950-03-15", 19500315, date(1950, 3, 15), "1950.13", 1.5, 18000, True]),
    5: (["在乡复员军人", "参战退役人员", "烈属", "51", "农村籍退役士兵"], ["残疾军人", "不知道", "", None, "烈士子女"]),
    6: ([None, ""], ["四级", "4", 4, 8, "十一级", 4.0, True]),
    7: ([None, ""], ["因战", "因病", "因故"]),
    8: (["农村", "城镇", "", "非农业"], ["外星", True, 1]),
    9: ([date(2001, 5, 1), "1990-3-15", "", datetime(2010, 7, 1, 12), 36000], ["2012.13", 2000.5, "19000101"]),
    10: (["2025.12", "2025年12月", "", 46000], ["2099.01", "1800.01"]),
    11: (["农业银行", "", "信用社"], []),
    12: (
        ["6228480402564890018", "62215012345678", "", "6228-4804-0256-4890"],
        ["123", 6.22848e18, "６２２８４８０４０２５６４８９００１８", 62284804025648, "62284804.5"],
    ),
    (13, 14): (
        [("凤山镇", "北门社区"), ("凤山", "东门居委会"), ("松山镇", ""), ("松山镇", "松山村"), ("", "迹头村")],
        [("不存在镇", ""), ("凤山镇", "松山村"), ("", ""), (None, "不存在村")],
    ),
    15: (["", "备注", None], ["a\tb"]),
}


def random_rows(count: int, seed: int, bad: float) -> list[list]:
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        row = [None] * len(MESSY_HEADER)
        for column, (good, wrong) in CELLS.items():
            value = rng.choice(wrong if wrong and rng.random() < bad else good)
            if isinstance(column, tuple):
                row[column[0]], row[column[1]] = value
            else:
                row[column] = value
        men = row[5] in ("在乡复员军人", "参战退役人员", "农村籍退役士兵")
        if rng.random() < bad:
            row[3] = rng.choice(BAD_IDS)
        elif rng.random() < 0.3:
            row[3] = rng.choice(MEN if men or rng.random() < 0.5 else WOMEN)  # some persons come back
        else:
            born = date(1930, 1, 1).toordinal() + rng.randrange(10000)
            row[3] = make_id(f"{date.fromordinal(born):%Y%m%d}", rng.randrange(500) * 2 + (men or rng.randrange(2)))
        result.append(row)
    return result


GOOD = [1, "张三", "", MEN[0], "", "在乡复员军人", None, None, "农村", "", "2025.12", "", "", "凤山镇", "北门社区", ""]


@pytest.mark.parametrize(
    "column, value, expected",
    [
        (2, "女", [("性别", "性别“女”与身份证号不符")]),
        (2, True, [("性别", "性别“True”无法识别，应为男或女")]),
        (2, 1, [("性别", "性别“1”无法识别，应为男或女")]),
        (4, "1950.04", [("出生日期", "出生年月 1950.04 与身份证号（1950.03）不符")]),
        (4, "1950-03-16", [("出生日期", "出生日期 1950-03-16 与身份证号（1950-03-15）不符")]),
        (3, MEN[0][:-1] + ("0" if MEN[0][-1] != "0" else "1"), [("身份证号码", None)]),
        (5, "残疾军人", [("伤残等级", "残疾军人须填写伤残等级"), ("伤残性质", "残疾军人须填写伤残性质")]),
        (6, "四级", [("伤残等级", "在乡复员军人不应填写伤残等级或性质")]),
        (6, "十一级", [("伤残等级", "伤残等级“十一级”无法识别，应为一级至十级或 1-10")]),
        (1, "", [("姓名", "姓名不能为空")]),
        (14, "松山村", [("村居", "凤山镇下没有名为“松山村”的村（社区）")]),
        (10, "2099.01", [("发放截止年月", "日期 2099-01-01 不合理")]),
    ],
)
def test_each_check_names_its_row_and_column_once(county, tmp_path, column, value, expected):
    row = list(GOOD)
    row[column] = value
    path = tmp_path / "one.xlsx"
    write_sheet(path, MESSY_HEADER, [GOOD, [2, "李四", *GOOD[2:3], MEN[1], *GOOD[4:]], row])
    result = import_persons(path, region=county["county"], dry_run=True, today=TODAY, user=system_user())
    found = [(p.row, p.column, p.message) for p in result.errors if p.row == 6]
    assert [(column, message or found[0][2]) for column, message in expected] == [(c, m) for _, c, m in found]
    assert len(found) == len(result.errors)  # the good rows above say nothing


@pytest.mark.parametrize("bad", [0.0, 0.05, 0.4])
def test_slices_and_forgetful_memos_change_nothing_reported(county, tmp_path, monkeypatch, bad):
    from shuangyong.registry.importing import service

    path = tmp_path / "mixed.xlsx"
    write_sheet(path, MESSY_HEADER, random_rows(2500, seed=7, bad=bad))
    whole = import_persons(path, region=county["county"], dry_run=True, today=TODAY, user=system_user())
    monkeypatch.setattr(service, "CHUNK", 37)
    monkeypatch.setattr(rows_module, "MEMO_LIMIT", 3)
    sliced = import_persons(path, region=county["county"], dry_run=True, today=TODAY, user=system_user())
    assert sliced.as_dict() == whole.as_dict()
    assert whole.errors  # persons come back under other names or the same category: even a clean sheet has some


def _stored():
    skip = {"id", "import_batch_id", "created_at", "updated_at", "person_id"}
    persons = Person.objects.values_list(*[f.attname for f in Person._meta.concrete_fields if f.attname not in skip])
    entitlements = Entitlement.objects.values_list(
        "person__id_number", *[f.attname for f in Entitlement._meta.concrete_fields if f.attname not in skip]
    )
    return sorted(persons), sorted(entitlements)


def test_what_is_written_does_not_depend_on_the_slicing(county, tmp_path, monkeypatch):
    from shuangyong.registry.importing import service

    rows, first = [], {}
    for row in random_rows(800, seed=11, bad=0.0):
        if row[3] not in first:
            first[row[3]] = row
            rows.append(row)
    again = [list(rows[0]), list(rows[-1])]  # two persons listed a second time, under another category
    for row in again:
        row[5] = "在乡复员军人" if row[5] in ("参战退役人员", "51") else "参战退役人员"
    path = tmp_path / "good.xlsx"
    write_sheet(path, MESSY_HEADER, rows + again)
    whole = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert whole.errors == [] and whole.created == len(rows) + 2
    written = _stored()
    Person.objects.all().delete()
    monkeypatch.setattr(service, "CHUNK", 7)
    monkeypatch.setattr(rows_module, "MEMO_LIMIT", 3)  # memos start over often
    sliced = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert (sliced.created, sliced.errors) == (whole.created, [])
    assert _stored() == written


def test_tabs_backslashes_and_line_breaks_in_cells_are_kept(county, tmp_path):
    rows = random_rows(3, seed=13, bad=0.0)
    rows = [r for i, r in enumerate(rows) if r[3] not in {x[3] for x in rows[:i]}]
    for row in rows:
        row[1], row[15] = "张\\三", "甲\t乙\\丙\n丁\\N"
    path = tmp_path / "odd.xlsx"
    write_sheet(path, MESSY_HEADER, rows)
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert (result.errors, result.created) == ([], len(rows))
    assert set(Person.objects.values_list("name", "note")) == {("张\\三", "甲\t乙\\丙\n丁\\N")}


def test_allocated_ids_are_the_sequence_numbers_even_when_not_consecutive():
    from django.db import connection

    from shuangyong.registry.importing.bulk import allocate_ids

    first = allocate_ids(Person, 3)
    assert len(set(first)) == 3 and first == sorted(first)
    if connection.vendor == "postgresql":  # another session taking numbers in between looks like a larger step
        with connection.cursor() as cursor:
            cursor.execute("ALTER SEQUENCE registry_person_id_seq INCREMENT BY 2")
        spaced = allocate_ids(Person, 4)
        assert [b - a for a, b in zip(spaced, spaced[1:], strict=False)] == [2, 2, 2] and spaced[0] > first[-1]


@pytest.mark.django_db(transaction=True)
def test_registered_and_new_persons_mixed_in_batches_outside_a_transaction(county, tmp_path, monkeypatch):
    from shuangyong.registry.importing import service

    monkeypatch.setattr(service, "CHUNK", 7)
    rows, first = [], {}
    for row in random_rows(120, seed=17, bad=0.0):
        if row[3] not in first:
            first[row[3]] = row
            rows.append(row)
    old, new = rows[: len(rows) // 2], rows[len(rows) // 2 :]
    path = tmp_path / "old.xlsx"
    write_sheet(path, MESSY_HEADER, old)
    assert import_persons(path, region=county["county"], today=TODAY, user=system_user()).created == len(old)

    changed = [list(r) for r in old]
    changed[3][11] = "另一家银行"
    again = [list(changed[5]), list(new[2])]  # a registered and a new person, each under a second category
    for row in again:
        row[5] = "在乡复员军人" if row[5] in ("参战退役人员", "51") else "参战退役人员"
    mixed = [x for pair in zip(changed, new, strict=False) for x in pair] + again
    path = tmp_path / "mixed.xlsx"
    write_sheet(path, MESSY_HEADER, mixed)
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (len(new) + 2, 1, len(old) - 1)
    assert Person.objects.count() == len(rows)
    assert Entitlement.objects.count() == len(rows) + 2
    assert Person.objects.get(id_number=changed[3][3]).bank_name == "另一家银行"
    for row in again:
        assert Entitlement.objects.filter(person__id_number=row[3]).count() == 2
    repeat = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert (repeat.created, repeat.updated, repeat.unchanged) == (0, 0, len(mixed))


def test_a_repeated_import_still_refuses_a_person_who_has_died(county, tmp_path):
    rows, first = [], {}
    for row in random_rows(40, seed=19, bad=0.0):
        if row[3] not in first:
            first[row[3]] = row
            rows.append(row)
    path = tmp_path / "again.xlsx"
    write_sheet(path, MESSY_HEADER, rows)
    assert import_persons(path, region=county["county"], today=TODAY, user=system_user()).created == len(rows)
    Person.objects.filter(id_number=rows[4][3]).update(death_date=date(2025, 1, 1))
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert [(p.row, p.message) for p in result.errors] == [(8, "该人员已于 2025-01-01 去世")]
    assert (result.updated, result.unchanged) == (0, len(rows) - 1)


def test_a_repeated_import_judges_unchanged_rows_without_the_per_row_path(county, tmp_path, monkeypatch):
    from shuangyong.registry.importing.writer import ChunkWriter

    rows, first = [], {}
    for row in random_rows(60, seed=23, bad=0.0):
        if row[3] not in first:
            first[row[3]] = row
            rows.append(row)
    rows[7][9] = date(2003, 4, 5)  # a date cell, a number as the approval date, a blank one
    rows[8][9], rows[9][9] = 37000, ""
    path = tmp_path / "same.xlsx"
    write_sheet(path, MESSY_HEADER, rows)
    assert import_persons(path, region=county["county"], today=TODAY, user=system_user()).created == len(rows)
    per_row = []
    write_rows = ChunkWriter._write_rows
    monkeypatch.setattr(ChunkWriter, "_write_rows", lambda self, rows: per_row.extend(rows) or write_rows(self, rows))
    again = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert (again.created, again.updated, again.unchanged, per_row) == (0, 0, len(rows), [])
