"""import-standards: messy office tables read exactly, every error by row and column, all or nothing, idempotent."""

import csv
import json
from datetime import date, datetime

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.models import PaymentLine, Standard, StandardChange
from shuangyong.benefits.services.approval import approve_run, check_run, waive_open_findings
from shuangyong.benefits.services.engine import compute_run
from shuangyong.benefits.services.standards_import import import_standards, parse_share, parse_yuan
from shuangyong.sheets.cells import CellError

pytestmark = pytest.mark.django_db

RULE34 = "条例第三十四条"
KINDS = (
    "残疾抚恤金、护理费、国家供养生活费、定期抚恤金、定期生活补助、孤老增发、其他增发、义务兵家庭优待金、丧葬补助、一次性抚恤金、"
    "立功受奖奖金、一次性经济补助"
)
HEADER = ["待遇项目", "优抚类别", "伤残性质", "伤残等级", "户籍性质", "区划代码", "年标准(元)", "生效日期"]


def write_csv(path, header, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def rows_of(standards):
    return sorted(
        (
            s.kind_id,
            s.category_id,
            s.disability_nature,
            s.disability_grade,
            s.hukou,
            s.enlistment_period,
            s.region_id,
            s.basis,
            s.amount_fen,
            s.share_bp,
            s.valid_from,
            s.valid_to,
            s.note,
        )
        for s in standards
    )


def snapshot():
    return (Standard.objects.count(), StandardChange.objects.count(), AuditEntry.objects.count())


def test_amounts_in_yuan_become_fen_exactly():
    assert parse_yuan("54,220") == 5_422_000
    assert parse_yuan("５４，２２０") == 5_422_000
    assert parse_yuan("451.83元") == 45_183
    assert parse_yuan(451.83) == 45_183  # a number cell: read as shown, never through float arithmetic
    assert parse_yuan(54220) == 5_422_000
    assert parse_yuan("") is None
    for bad, message in (
        ("1.234", "金额“1.234”最多保留两位小数（到分）"),
        ("-5", "金额不能为负数"),
        ("五万", "金额“五万”不是数字"),
    ):
        with pytest.raises(CellError) as caught:
            parse_yuan(bad)
        assert str(caught.value) == message
    assert parse_share("50") == 5000
    assert parse_share("３０％") == 3000
    assert parse_share(0.4) == 4000  # Excel's percent format stores 40% as 0.4


def test_a_messy_xlsx_is_read_as_offices_write_it(tmp_path, county):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["罗源县抚恤补助标准表（2024年）"])
    sheet.append(["填报单位：罗源县退役军人事务局"])
    sheet.append(
        ["待遇项目", "优抚类别", "伤残性质", "伤残等级", "户籍性质", "区划代码", "年标准（元）", "月标准（元）"]
        + ["工资比例（%）", "入伍时期", "生效日期", "失效日期", "说明"]
    )
    sheet.append(["伤残抚恤金", "伤残军人", "因战", "四级", "", "", "７３，５８５", None, None, None])
    sheet["K4"] = datetime(2024, 8, 1)  # an Excel date cell
    sheet.append(["disability", "11", "因公", 4, "", None, 66433.5, None, None, None, "2024.8.1"])
    sheet.append(["定期生活补助", "带病回乡", "", "", "农村", "350123", None, "669", None, None, "2024年8月1日"])
    sheet.append(["护理费", "", "因病", "一级", "", "", None, None, "30%", None, "2024-10-01", "", RULE34])
    sheet.append(
        ["生活补助", "复员军人", "", "", "城镇", "350123000000", "33,600", None, None, "解放战争", "2021/8/1"]
        + ["2026-07-31", "县定标准"]
    )
    sheet.append([])
    sheet.append(["注：金额单位为元"])
    workbook.save(tmp_path / "标准.xlsx")

    result = import_standards(tmp_path / "标准.xlsx", user=system_user())

    assert result.as_dict() == {"created": 5, "updated": 0, "unchanged": 0, "errors": [], "warnings": []}
    luoyuan = county["county"].code
    assert rows_of(Standard.objects.all()) == sorted(
        [
            ("disability", "11", "war", 4, "", "", None, "year", 7_358_500, None, date(2024, 8, 1), None, ""),
            ("disability", "11", "duty", 4, "", "", None, "year", 6_643_350, None, date(2024, 8, 1), None, ""),
            ("living", "42", "", None, "rural", "", luoyuan, "month", 66_900, None, date(2024, 8, 1), None, ""),
            ("nursing", None, "illness", 1, "", "", None, "wage_share", 0, 3000, date(2024, 10, 1), None, RULE34),
            ("living", "41", "", None, "urban", "liberation", luoyuan, "year", 3_360_000, None, date(2021, 8, 1))
            + (date(2026, 7, 31), "县定标准"),
        ]
    )


def test_csv_in_gb18030_or_utf8_with_bom(tmp_path, reference):
    rows = [["定期抚恤金", "烈士遗属", "", "", "", "", "38046", "2024-08-01"]]
    for name, encoding in (("gbk.csv", "gb18030"), ("bom.csv", "utf-8-sig")):
        result = import_standards(write_csv(tmp_path / name, HEADER, rows, encoding), user=system_user())
        assert not result.errors
    assert rows_of(Standard.objects.all()) == [
        ("survivor", "21", "", None, "", "", None, "year", 3_804_600, None, date(2024, 8, 1), None, "")
    ]


def test_every_error_is_reported_by_row_and_column_and_nothing_is_written(tmp_path, county):
    header = [*HEADER, "计发方式", "月标准(元)", "工资比例(%)", "失效日期"]
    rows = [
        ["残疾抚恤金", "", "因战", "五级", "", "", "54220", "2021-08-01", "", "", "", ""],  # row 2: fine
        ["抚恤金X", "", "", "", "", "", "100", "2024-08-01", "", "", "", ""],
        ["残疾抚恤金", "残疾军人", "因病", "八级", "", "", "20000", "2024-08-01", "", "", "", ""],
        ["残疾抚恤金", "", "因战", "十一级", "农业户", "35012", "1.234", "2024-13-01", "", "", "", ""],
        ["定期抚恤金", "烈属", "", "", "", "350123100000", "38046", "2024-08-01", "", "", "", ""],
        ["定期生活补助", "带病回乡", "", "", "", "", "", "2024-08-01", "元/月", "", "", ""],
        ["护理费", "", "因战", "一级", "", "", "", "2024-10-01", "工资基数比例", "", "150", ""],
        ["丧葬补助", "", "", "", "", "", "5000", "2024-08-01", "元/年", "", "", ""],
        ["定期抚恤金", "烈士遗属", "因战", "", "", "", "38046", "2024-08-01", "", "", "", "2023-01-01"],
        ["残疾抚恤金", "", "因战", "5", "", "", "54,220", "2021.8.1", "", "", "", ""],
        ["定期抚恤金", "病故军人遗属", "", "", "", "", "30452", "", "按季", "", "", ""],
        ["定期抚恤金", "因公牺牲军人遗属", "", "", "", "", "32366", "2024-08-01", "", "", "", "2023-01-01"],
        ["定期生活补助", "农村籍退役士兵", "", "", "", "", "", "2024-08-01", "每服役年", "", "", ""],
    ]
    path = write_csv(tmp_path / "bad.csv", header, rows)
    before = snapshot()

    result = import_standards(path, user=system_user())

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "待遇项目", f"待遇项目“抚恤金X”无法识别，应为：{KINDS}"),
        (4, "伤残等级", "因病致残只有一级至六级享受抚恤（条例第二十五条）"),
        (5, "伤残等级", "伤残等级“十一级”无法识别，应为一级至十级或 1-10"),
        (5, "户籍性质", "户籍性质“农业户”无法识别，应为城镇或农村"),
        (5, "区划代码", "区划代码“35012”无效：应为 12 位数字，或 6 位（县）、9 位（乡镇）简码"),
        (5, "年标准(元)", "金额“1.234”最多保留两位小数（到分）"),
        (5, "生效日期", "日期“2024-13-01”不存在"),
        (6, "区划代码", "标准只能按全国、省、市或县（区）制定"),
        (7, "月标准(元)", "计发方式为元/月，请填写月标准(元)"),
        (8, "工资比例(%)", "工资比例“150”应在 0 到 100 之间"),
        (9, "计发方式", "丧葬补助是一次性待遇，计发方式应为一次性"),
        (10, "伤残性质", "烈士遗属不分伤残性质和等级，请留空"),
        (11, "生效日期", "与第 2 行的待遇项目、适用条件和生效日期都相同"),
        (12, "计发方式", "计发方式“按季”无法识别，应为元/年、元/月、每服役年、工资基数比例或一次性"),
        (12, "生效日期", "“生效日期”不能为空"),
        (13, "失效日期", "失效日期不能早于生效日期"),
        (14, "年标准(元)", "计发方式为元/年·每服役年，请填写年标准(元)"),
    ]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert snapshot() == before


def test_a_file_without_the_header_says_so(tmp_path, reference):
    path = write_csv(tmp_path / "x.csv", ["项目名称", "金额"], [["残疾抚恤金", "1"]])
    assert import_standards(path, user=system_user()).as_dict()["errors"] == [
        {"row": 0, "column": "", "message": "前 20 行内没有找到表头（须有“待遇项目”和“生效日期”列）"}
    ]


def test_importing_again_changes_nothing_and_a_new_amount_updates(tmp_path, county, users):
    rows = [
        ["残疾抚恤金", "", "因战", "五级", "", "", "54220", "2021-08-01"],
        ["定期抚恤金", "烈士遗属", "", "", "", "", "33860", "2021-08-01"],
    ]
    path = write_csv(tmp_path / "s.csv", HEADER, rows)
    admin = users["county_admin"]
    assert import_standards(path, user=admin).as_dict()["created"] == 2
    before = snapshot()

    again = import_standards(path, user=admin)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert snapshot() == before

    rows[1][6] = "34,000.50"
    changed = import_standards(write_csv(tmp_path / "s.csv", HEADER, rows), user=admin)

    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    survivor = Standard.objects.get(kind_id="survivor")
    assert survivor.amount_fen == 3_400_050
    assert Standard.objects.count() == 2
    entry = AuditEntry.objects.filter(model="benefits.standard", action="update").get()
    assert (entry.before, entry.after, entry.actor) == ({"amount_fen": 3_386_000}, {"amount_fen": 3_400_050}, admin)


def test_dry_run_counts_but_writes_nothing(tmp_path, reference):
    path = write_csv(tmp_path / "s.csv", HEADER, [["残疾抚恤金", "", "因战", "五级", "", "", "54220", "2021-08-01"]])
    before = snapshot()
    assert import_standards(path, dry_run=True, user=system_user()).as_dict()["created"] == 1
    assert snapshot() == before


def test_a_back_dated_rise_schedules_and_pays_the_difference(tmp_path, county, users, standard, entitled):
    """Paid January to March at 54,220 元/年; a rise back-dated to February is imported in April."""
    standard("disability", 54220, nature="war", grade=5)
    entitled("11")
    admin = users["county_admin"]
    for month in (1, 2, 3):
        run = check_run(compute_run(county["county"], date(2026, month, 1), user=system_user()), user=system_user())
        waive_open_findings(run, reason="测试：已核实", user=admin)
        approve_run(run, user=admin)
    rows = [["残疾抚恤金", "", "因战", "五级", "", "", "57473", "2026-02-01"]]
    known = set(StandardChange.objects.values_list("pk", flat=True))

    result = import_standards(write_csv(tmp_path / "rise.csv", HEADER, rows), user=admin)

    assert result.as_dict()["warnings"] == [
        {"row": 2, "column": "生效日期", "message": "残疾抚恤金已发放至 2026-03，保存后下次计算发放批次时补发差额"}
    ]
    change = StandardChange.objects.exclude(pk__in=known).get()
    assert (change.kind_id, change.from_month, change.region_id) == ("disability", date(2026, 2, 1), None)
    april = compute_run(county["county"], date(2026, 4, 1), user=system_user())
    diff = 478_942 - 451_833  # 57,473 ÷ 12 and 54,220 ÷ 12, half-up to the 分
    assert sorted((f"{line.month:%Y-%m}", line.line_type, line.amount_fen) for line in april.lines.all()) == [
        ("2026-02", "backpay", diff),
        ("2026-03", "backpay", diff),
        ("2026-04", "regular", 478_942),
    ]


def test_only_the_standards_manager_may_import_and_only_within_reach(tmp_path, county, users):
    from conftest import make_region

    make_region("350124000000", "闽清县")
    rows = [
        ["残疾抚恤金", "", "因战", "五级", "", "350124", "60000", "2024-08-01"],
        ["残疾抚恤金", "", "因战", "五级", "", "350100", "60000", "2024-08-01"],
    ]
    path = write_csv(tmp_path / "s.csv", HEADER, rows)
    before = snapshot()
    for role in ("town_staff", "leader", "sysadmin"):
        with pytest.raises(PermissionDenied):
            import_standards(path, user=users[role])
    result = import_standards(path, user=users["county_admin"])
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "区划代码", "区划 闽清县（350124000000）不在您的管辖范围内：只能录入全国、上级或本辖区的标准")
    ]
    assert snapshot() == before


def test_command_prints_the_json_result_and_exits_1_on_errors(tmp_path, reference, capsys):
    good = write_csv(tmp_path / "good.csv", HEADER, [["残疾抚恤金", "", "因战", "五级", "", "", "54220", "2021-08-01"]])
    call_command("import_standards", str(good), "--json")
    assert json.loads(capsys.readouterr().out) == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "warnings": [],
    }
    bad = write_csv(tmp_path / "bad.csv", HEADER, [["残疾抚恤金", "", "因战", "五级", "", "", "", "2024-08-01"]])
    with pytest.raises(SystemExit) as exited:
        call_command("import_standards", str(bad), "--json")
    assert exited.value.code == 1
    assert json.loads(capsys.readouterr().out) == {
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "errors": [{"row": 2, "column": "年标准(元)", "message": "计发方式为元/年，请填写年标准(元)"}],
        "warnings": [],
    }


def test_national_table_loads_once(reference, capsys):
    """Only figures a cited national source published: the 2021 残疾抚恤金 table, the 2018 and 2021 三属 figures and
    护理费 from 条例 §34; every row names its source."""
    call_command("import_standards", "--national", "--json")
    assert json.loads(capsys.readouterr().out)["created"] == 44
    assert Standard.objects.count() == 44
    key = {"kind_id": "disability", "disability_nature": "war", "disability_grade": 5, "category": None}
    assert list(Standard.objects.filter(**key).order_by("valid_from").values_list("valid_from", "amount_fen")) == [
        (date(2021, 8, 1), 5_422_000),  # the 2021 table
    ]
    illness3 = Standard.objects.get(kind_id="nursing", disability_nature="illness", disability_grade=3)
    assert (illness3.basis, illness3.share_bp, illness3.valid_from) == ("wage_share", 3000, date(2024, 10, 1))
    assert illness3.source.startswith("《军人抚恤优待条例》第三十四条")
    martyrs = Standard.objects.filter(kind_id="survivor", category_id="21").order_by("valid_from")
    assert list(martyrs.values_list("valid_from", "amount_fen")) == [
        (date(2018, 8, 1), 2_544_000),
        (date(2021, 8, 1), 3_386_000),
    ]
    assert not Standard.objects.filter(region__isnull=False).exists()
    assert not Standard.objects.filter(source__in=["", "本地录入"]).exists()
    assert not Standard.objects.filter(kind_id="living").exists()  # no cited national figure
    assert not Standard.objects.filter(disability_nature="illness", disability_grade__gt=6).exists()
    before = snapshot()

    call_command("import_standards", "--national", "--json")

    assert json.loads(capsys.readouterr().out) == {
        "created": 0,
        "updated": 0,
        "unchanged": 44,
        "errors": [],
        "warnings": [],
    }
    assert snapshot() == before
    assert not PaymentLine.objects.exists()


def test_a_national_table_refuses_rows_without_a_source_or_derived_or_local(reference, tmp_path, capsys):
    path = tmp_path / "全国标准.csv"
    path.write_text(
        "待遇项目,优抚类别,伤残性质,伤残等级,区划代码,年标准(元),生效日期,来源\n"
        "残疾抚恤金,,因战,五级,,57473,2023-08-01,按2021年标准上调6%推算\n"
        "残疾抚恤金,,因战,六级,,44900,2023-08-01,\n"
        "残疾抚恤金,,因战,七级,350123,34100,2023-08-01,某县文件\n"
        "残疾抚恤金,,因战,八级,,21550,2023-08-01,退役军人事务部 财政部 2023年文件（示例文号）\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit):
        call_command("import_standards", str(path), "--national", "--json")
    errors = json.loads(capsys.readouterr().out)["errors"]
    message = "全国标准须注明发布它的文件（文号和日期）；推算或本地录入的金额不是全国标准"
    assert errors[:2] == [
        {"row": 2, "column": "来源", "message": message},
        {"row": 3, "column": "来源", "message": message},
    ]
    assert {"row": 4, "column": "区划代码", "message": "全国标准表只能含全国标准（区划代码留空）"} in errors
    assert [e["row"] for e in errors if e["row"] == 5] == []  # the cited national row is fine
    assert not Standard.objects.exists()


def test_a_national_table_needs_a_source_column(reference, tmp_path, capsys):
    path = tmp_path / "全国标准.csv"
    path.write_text(
        "待遇项目,伤残性质,伤残等级,年标准(元),生效日期\n残疾抚恤金,因战,五级,57473,2023-08-01\n", encoding="utf-8"
    )
    with pytest.raises(SystemExit):
        call_command("import_standards", str(path), "--national", "--json")
    assert json.loads(capsys.readouterr().out)["errors"][0]["message"].startswith("全国标准表须有“来源”列")
    assert not Standard.objects.exists()


def test_the_standards_page_warns_per_kind_when_no_row_is_newer_than_the_last_august(reference, county, users):
    from shuangyong.benefits.services.standards import missing_rises

    Standard.objects.create(
        kind_id="disability",
        disability_nature="war",
        disability_grade=5,
        amount_fen=5_422_000,
        valid_from=date(2025, 8, 1),
        source="示例文件",
    )
    Standard.objects.create(
        kind_id="survivor", category_id="21", amount_fen=3_386_000, valid_from=date(2021, 8, 1), source="示例文件"
    )
    Standard.objects.create(
        kind_id="nursing",
        disability_nature="war",
        disability_grade=1,
        basis="wage_share",
        share_bp=5000,
        valid_from=date(2024, 10, 1),
        source="条例第三十四条",
    )
    assert missing_rises("350123000000", date(2026, 7, 31)) == [
        "定期抚恤金：本年度标准尚未录入（最新标准 2021-08-01 起执行，"
        "全国标准每年 8 月 1 日调整，请按省级通知录入并注明文号）"
    ]
    assert [w.split("：")[0] for w in missing_rises("350123000000", date(2026, 8, 1))] == ["残疾抚恤金", "定期抚恤金"]
    Standard.objects.create(
        kind_id="survivor", category_id="21", region=county["county"], amount_fen=3_600_000, valid_from=date(2026, 8, 1)
    )
    assert [w.split("：")[0] for w in missing_rises("350123000000", date(2026, 9, 1))] == ["残疾抚恤金"]
    assert [w.split("：")[0] for w in missing_rises(None, date(2026, 9, 1))] == ["残疾抚恤金", "定期抚恤金"]
