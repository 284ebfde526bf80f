"""import-arrivals: the usual 退役士兵花名册, row/column messages, nothing written on error, idempotent, --json."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from shuangyong.registry.models import Entitlement, Person
from shuangyong.registry.tests.sheets import make_id, write_sheet
from shuangyong.resettlement.models import Arrival

HEADER = [
    "序号",
    "姓名",
    "身份证号码",
    "乡镇(街道)",
    "村居",
    "人员类别",
    "入伍时间",
    "退役时间",
    "服役部队",
    "最高奖励",
    "伤残等级",
    "伤残性质",
    "户口性质",
    "到达日期",
    "报到时间",
    "安置方式",
    "备注",
]
ZHANG, LI, WANG = make_id("20030512", 1), make_id("19980706", 3), make_id("19950101", 5)
GOOD = [
    [
        1,
        "张伟",
        ZHANG,
        "凤山镇",
        "北门居委会",
        "义务兵",
        "2023.09",
        "2025年9月",
        "某部",
        "",
        "",
        "",
        "农村",
        "2025-09-10",
        "2025-09-15",
        "自主就业",
        "",
    ],
    [
        2,
        "李强",
        LI,
        "松山",
        "松山村",
        "士官",
        "2014-09-01",
        "2025-08-31",
        "某部",
        "三等功",
        "8",
        "因公",
        "城镇",
        "2025-09-12",
        "",
        "安排工作",
        "档案待转",
    ],
    [
        3,
        "王军",
        WANG,
        "凤山镇",
        "",
        "军官",
        "2013-09-01",
        "2025-06-30",
        "某部",
        "",
        "",
        "",
        "城镇",
        "2025-07-15",
        "2025-07-20",
        "转业",
        "",
    ],
]


def run(path, *args):
    out = []

    class Capture:
        def write(self, text):
            out.append(text)

    try:
        call_command("import_arrivals", str(path), "--region", "350123", "--json", *args, stdout=Capture())
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, json.loads("".join(out))


@pytest.fixture
def sheet(tmp_path):
    def make(rows, header=HEADER):
        path = tmp_path / "退役士兵花名册.xlsx"
        write_sheet(path, header, rows, title="罗源县2025年退役士兵花名册")
        return path

    return make


def test_the_sheet_is_imported_and_a_second_import_changes_nothing(sheet, county, users):
    path = sheet(GOOD)
    assert run(path, "--year", "2025") == (
        0,
        {"created": 3, "updated": 0, "unchanged": 0, "errors": [], "warnings": []},
    )
    li = Arrival.objects.get(person__id_number=LI)
    assert (li.soldier_kind, li.method_id, li.highest_award, li.disability_grade, li.disability_nature) == (
        "nco",
        "assigned_job",
        "third",
        8,
        "duty",
    )
    assert (li.region_id, li.hukou, li.service_years, li.report_due, li.reported_on, li.note) == (
        "350123101201",
        "urban",
        11,
        date(2025, 10, 12),
        None,
        "档案待转",
    )
    zhang = Arrival.objects.get(person__id_number=ZHANG)
    assert (zhang.enlisted_on, zhang.discharged_on, zhang.method_decided_on) == (
        date(2023, 9, 1),
        date(2025, 9, 1),
        date(2025, 9, 15),
    )
    assert Entitlement.objects.filter(category_id="81", status="active").count() == 3
    assert run(path) == (0, {"created": 0, "updated": 0, "unchanged": 3, "errors": [], "warnings": []})
    changed = [row[:] for row in GOOD]
    changed[0][14] = "2025-09-16"
    assert run(sheet(changed))[1]["updated"] == 1
    assert Arrival.objects.get(person__id_number=ZHANG).reported_on == date(2025, 9, 16)


def test_a_dry_run_counts_and_writes_nothing(sheet, county):
    assert run(sheet(GOOD), "--dry-run")[1]["created"] == 3
    assert not Arrival.objects.exists() and not Person.objects.exists()


def test_every_problem_by_row_and_column_and_nothing_written(sheet, county):
    bad = [row[:] for row in GOOD]
    bad[0][2] = ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1")
    bad[1][15] = "退休"  # open to 军士: allowed
    bad[2][15] = "自主就业"  # not open to 军官
    bad.append(
        [
            4,
            "赵六",
            make_id("20010101", 7),
            "凤山镇",
            "南门村",
            "义务兵",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "2025.13.01",
            "",
            "",
            "",
        ]
    )
    code, result = run(sheet(bad), "--year", "2025")
    assert code == 1
    assert [(e["row"], e["column"]) for e in result["errors"]] == [
        (4, "身份证号码"),
        (6, "安置方式"),
        (7, "到达日期"),
        (7, "村居"),
    ]
    assert result["errors"][1]["message"] == "军官不能以“自主就业”方式安置；军官可选：逐月领取退役金、退休、转业、复员"
    assert result["errors"][3]["message"] == "凤山镇下没有名为“南门村”的村（社区）"
    assert result["created"] == 0
    assert not Arrival.objects.exists() and not Person.objects.exists()


def test_the_year_must_match(sheet, county):
    code, result = run(sheet(GOOD), "--year", "2026")
    assert code == 1
    assert {(e["row"], e["column"], e["message"]) for e in result["errors"]} == {
        (4, "到达日期", "到达日期不在 2026 年"),
        (5, "到达日期", "到达日期不在 2026 年"),
        (6, "到达日期", "到达日期不在 2026 年"),
    }


def test_a_sheet_without_the_required_columns_is_refused(sheet, county):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="表头缺少必填列：退役类别、到达日期"):
        run(sheet([["张伟", ZHANG]], header=["姓名", "身份证号"]))


def test_a_column_the_import_does_not_read_is_reported_not_dropped_silently(sheet, county):
    path = sheet([[*row, "同学"] for row in GOOD[:1]], header=[*HEADER, "推荐人"])
    code, result = run(path, "--year", "2025", "--dry-run")
    assert (code, result["created"], result["warnings"]) == (
        0,
        1,
        [{"row": 3, "column": "推荐人", "message": "此列未导入：系统不识别该列名（如需导入，请改用模板中的列名）"}],
    )
