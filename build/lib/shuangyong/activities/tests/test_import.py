"""import-activities: rows checked by row and column, nothing written on error, idempotent, --dry-run, --json."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from shuangyong.accounts.system import system_user
from shuangyong.activities.importing import import_activities
from shuangyong.activities.models import Activity, ActivityQuantity
from shuangyong.audit.models import AuditEntry
from shuangyong.registry.tests.sheets import write_sheet

pytestmark = pytest.mark.django_db

HEADER = [
    "序号",
    "日期",
    "活动类别",
    "活动名称",
    "时机",
    "驻军单位",
    "金额（元）",
    "宣传材料（份）",
    "横幅",
    "出动兵力（人次）",
]
GOOD = [
    [1, "2026-03-15", "宣传", "征兵宣传进校园", "征兵", "", "1,200", 5000, 40, ""],
    [2, "2026.8.1", "抢险救灾", "协助抗洪抢险", "", "某部队", "", "", "", "120人次"],
    [3, date(2026, 9, 20), "国防教育日", "国防教育日集中宣传", "国防教育日", "", "350.5", 1200, 15, ""],
]


def sheet(tmp_path, rows, header=HEADER, name="活动.xlsx"):
    path = tmp_path / name
    write_sheet(path, header, rows, title="2026年县文旅局双拥活动清单")
    return path


def stored():
    return (
        sorted(Activity.objects.values_list("title", "kind_id", "date", "occasion_id", "money_fen")),
        sorted(ActivityQuantity.objects.values_list("activity__title", "kind_id", "amount")),
    )


def test_import_then_again_changes_nothing(tmp_path, county):
    path = sheet(tmp_path, GOOD)
    first = import_activities(path, unit=county["unit_bureau"], user=system_user())
    assert first.as_dict() == {"created": 3, "updated": 0, "unchanged": 0, "errors": [], "warnings": []}
    assert stored() == (
        [
            ("协助抗洪抢险", "disaster_relief", date(2026, 8, 1), None, 0),
            ("国防教育日集中宣传", "defence_education", date(2026, 9, 20), "defence_day", 35050),
            ("征兵宣传进校园", "publicity", date(2026, 3, 15), "conscription", 120000),
        ],
        [
            ("协助抗洪抢险", "troops", Decimal("120.00")),
            ("国防教育日集中宣传", "banners", Decimal("15.00")),
            ("国防教育日集中宣传", "materials", Decimal("1200.00")),
            ("征兵宣传进校园", "banners", Decimal("40.00")),
            ("征兵宣传进校园", "materials", Decimal("5000.00")),
        ],
    )
    assert list(Activity.objects.get(title="协助抗洪抢险").garrison_units.values_list("code", flat=True)) == ["GAR1"]
    entries = AuditEntry.objects.count()
    again = import_activities(path, unit=county["unit_bureau"], user=system_user())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEntry.objects.count() == entries
    changed = [row[:] for row in GOOD]
    changed[0][7] = 5200
    third = import_activities(sheet(tmp_path, changed, name="改.xlsx"), unit=county["unit_bureau"], user=system_user())
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert ActivityQuantity.objects.get(activity__title="征兵宣传进校园", kind="materials").amount == Decimal("5200")


def test_errors_name_row_and_column_and_nothing_is_written(tmp_path, county):
    rows = [
        GOOD[0],
        [2, "2026-13-01", "宣传", "日期不对", "", "", "", "", "", ""],
        [3, "2026-05-01", "捐款", "类别不对", "", "", "", "", "", ""],
        [4, "2026-05-02", "宣传", "部队不对", "", "不存在的部队", "-5", "很多", "", ""],
        [5, "2026-03-15", "宣传", "征兵宣传进校园", "", "", "", "", "", ""],
        [6, "2026-05-03", "宣传", "", "端午", "", "", "", "", ""],
    ]
    result = import_activities(sheet(tmp_path, rows), unit=county["unit_bureau"], user=system_user())
    assert [e.as_dict() for e in result.errors] == [
        {"row": 5, "column": "日期", "message": "日期“2026-13-01”不存在"},
        {"row": 6, "column": "活动类别", "message": "没有名为“捐款”的活动类别"},
        {"row": 7, "column": "驻军单位", "message": "没有名为“不存在的部队”的驻军单位"},
        {"row": 7, "column": "金额（元）", "message": "金额不能为负数"},
        {"row": 7, "column": "宣传材料（份）", "message": "宣传材料“很多”不是数字"},
        {"row": 8, "column": "活动名称", "message": "与第 4 行重复"},
        {"row": 9, "column": "活动名称", "message": "“活动名称”不能为空"},
        {"row": 9, "column": "时机", "message": "没有名为“端午”的活动时机"},
    ]
    assert stored() == ([], [])


def test_command_json_and_dry_run(tmp_path, county, capsys):
    path = sheet(tmp_path, GOOD)
    call_command("import_activities", str(path), "--unit", "WGJ", "--dry-run", "--json")
    assert json.loads(capsys.readouterr().out) == {
        "created": 3, "updated": 0, "unchanged": 0, "errors": [], "warnings": [],
    }  # fmt: skip
    assert stored() == ([], [])
    call_command("import_activities", str(path), "--unit", "WGJ")
    assert "新增 3，更新 0，未变 0" in capsys.readouterr().out
    assert Activity.objects.filter(organiser__code="WGJ").count() == 3
    bad = sheet(tmp_path, [[1, "2026-03-15", "宣传", "x", "", "", "", "", "", ""]], header=[*HEADER[:9], "兵力（台）"])
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_activities", str(bad), "--unit", "WGJ", "--json")
    assert exit_info.value.code == 1
    assert json.loads(capsys.readouterr().out)["errors"] == [
        {"row": 3, "column": "兵力（台）", "message": "计量单位应为“人次”，表头写的是“台”"}
    ]
