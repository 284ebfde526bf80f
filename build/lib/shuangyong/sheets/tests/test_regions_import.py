import json

import pytest
from django.core.management import call_command

from shuangyong.audit.models import AuditEntry
from shuangyong.regions.models import Region
from shuangyong.regions.services import NATIONAL_TABLE, RegionNotFound, load_national_table, resolve_region
from shuangyong.sheets.regions import import_regions_text

pytestmark = pytest.mark.django_db

HEADER = "code,name,parent_code\n"


def test_import_creates_updates_and_leaves_unchanged(county):
    text = (
        HEADER + "350123100003,南门居委会,350123100000\n350123100001,北门社区,350123100000\n350123100002,东门居委会,\n"
    )
    report = import_regions_text(text)
    assert report.as_dict() == {"created": 1, "updated": 1, "unchanged": 1, "errors": [], "warnings": []}
    assert Region.objects.get(code="350123100001").name == "北门社区"
    new = Region.objects.get(code="350123100003")
    assert (new.level, new.parent_id) == (5, "350123100000")
    again = import_regions_text(text)
    assert again.as_dict() == {"created": 0, "updated": 0, "unchanged": 3, "errors": [], "warnings": []}


def test_short_codes_are_accepted_in_the_file(county):
    report = import_regions_text(HEADER + "350123102,起步镇,350123\n")
    assert report.created == 1
    assert Region.objects.get(code="350123102000").parent_id == "350123000000"


def test_every_bad_row_is_named_and_nothing_is_written(county):
    text = (
        HEADER
        + "350123100003,南门居委会,350123100000\n"  # row 2: fine
        + "3501231,坏代码,350123100000\n"  # row 3
        + "350123100004,,350123100000\n"  # row 4
        + "350123109001,某村,350123109000\n"  # row 5: unknown parent
        + "350123100003,重复,350123100000\n"  # row 6
    )
    count = Region.objects.count()
    report = import_regions_text(text)
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "code"),
        (4, "name"),
        (6, "code"),
        (5, "parent_code"),
    ]
    assert report.errors[3].message == "上级区划 350123109000 不存在"
    assert Region.objects.count() == count


def test_dry_run_counts_but_writes_nothing(county):
    report = import_regions_text(HEADER + "350123100003,南门居委会,350123100000\n", dry_run=True)
    assert report.created == 1
    assert not Region.objects.filter(code="350123100003").exists()


def test_national_table_loads_once(db):
    rows = NATIONAL_TABLE.read_text(encoding="utf-8").count("\n") - 1
    assert load_national_table() == (rows, 0)
    assert rows == 3348
    assert load_national_table() == (0, rows)
    luoyuan = Region.objects.get(code="350123000000")
    assert (luoyuan.name, luoyuan.parent.name, luoyuan.parent.parent.name) == ("罗源县", "福州市", "福建省")
    assert AuditEntry.objects.filter(model="regions.region", note="载入全国区划表（至县级）").count() == 1


def test_resolve_region_by_full_and_short_code(county):
    assert resolve_region("350123").code == "350123000000"
    assert resolve_region("350123100").name == "凤山镇"
    assert resolve_region("350123100001").name == "北门居委会"
    with pytest.raises(RegionNotFound, match="350199"):
        resolve_region("350199")


def test_subtree_query(county):
    town = Region.objects.get(code="350123100000")
    assert list(town.subtree().values_list("code", flat=True)) == [
        "350123100000",
        "350123100001",
        "350123100002",
    ]


def test_import_regions_command_json_and_exit_status(county, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "350123100003,南门居委会,350123100000\n", encoding="utf-8")
    call_command("import_regions", str(good), "--json")
    assert json.loads(capsys.readouterr().out) == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "warnings": [],
    }
    entry = AuditEntry.objects.filter(object_id="350123100003").get()
    assert entry.source.startswith("命令行")

    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "350123100009,,350123100000\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_regions", str(bad), "--json")
    assert exit_info.value.code == 1
    assert json.loads(capsys.readouterr().out)["errors"] == [{"row": 2, "column": "name", "message": "名称不能为空"}]


def test_console_command_accepts_the_hyphenated_name(county, tmp_path, capsys):
    from shuangyong.__main__ import main

    good = tmp_path / "good.csv"
    good.write_text(HEADER + "350123100003,南门居委会,350123100000\n", encoding="utf-8")
    main(["shuangyong", "import-regions", str(good), "--json"])
    assert json.loads(capsys.readouterr().out)["created"] == 1


def test_a_region_sheet_in_chinese_headers_with_a_title_row_and_an_extra_column(county, tmp_path):
    """区划代码 / 名称 / 上级代码 under a title line, as offices keep it in Excel; an unread column is said."""
    from shuangyong.registry.tests.sheets import write_sheet
    from shuangyong.sheets.regions import import_regions_file

    path = tmp_path / "区划.xlsx"
    header = ["区划代码", "名称", "上级代码", "联系人"]
    write_sheet(path, header, [["350123100003", "南门居委会", "350123100000", "王"]], title="罗源县村（社区）名录")
    report = import_regions_file(path)
    assert (report.created, [(w.column, w.message[:6]) for w in report.warnings]) == (1, [("联系人", "此列未导入：")])
    assert Region.objects.get(code="350123100003").parent_id == "350123100000"
