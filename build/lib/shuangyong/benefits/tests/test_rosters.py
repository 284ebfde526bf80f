"""The 发放花名册 of a run and its totals: exact cells, masking per role, totals that add up."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.models import Payee
from shuangyong.benefits.services.approval import approve_run, check_run, waive_open_findings
from shuangyong.benefits.services.engine import BenefitsError, compute_run
from shuangyong.benefits.services.rosters import run_totals, write_payment_roster
from shuangyong.registry.idnumber import mask, mask_account
from shuangyong.registry.services.lifecycle import cancel_entitlement

pytestmark = pytest.mark.django_db

WAR5 = 451_833  # 残疾抚恤金 因战五级 54,220 元/年 ÷ 12
SURVIVOR = 282_167  # 定期抚恤金 33,860 元/年 ÷ 12 = 282,166.67
LIVING = 73_200  # 定期生活补助 732 元/月
ACCOUNTS = {"甲": "6228480011112222333", "丙": "6228480022223333444", "冒领者": "6217000099998888777"}
ACCOUNTS["丁"] = "6217000055556666777"


def pay(county, month, users):
    run = check_run(compute_run(county["county"], month, user=system_user()), user=system_user())
    waive_open_findings(run, reason="测试：已核实", user=users["county_admin"])
    return approve_run(run, user=users["county_admin"])


@pytest.fixture
def april(county, standard, entitled, users):
    """April 2026 of 罗源县: in 凤山镇 甲 (残疾军人) and 丙 (烈士遗属, 城镇); in 松山镇 冒领者, cancelled in February
    after March was paid (March recovered), and 丁 (参战退役人员) approved in March (March as arrears)."""
    standard("disability", 54220, category="11", nature="war", grade=5)
    standard("survivor", 33860, category="21")
    standard("living", 732, category="51", basis="month", since=date(2024, 8, 1))
    entitled("11", name="甲", account=ACCOUNTS["甲"])
    entitled("21", name="丙", region=county["village_a2"], hukou="urban", account=ACCOUNTS["丙"], relation="父亲")
    cheat = entitled("11", name="冒领者", region=county["village_b1"], account=ACCOUNTS["冒领者"])
    for month in (1, 2, 3):
        pay(county, date(2026, month, 1), users)
    cancel_entitlement(cheat, on=date(2026, 2, 10), reason="冒领", user=users["county_admin"])
    entitled("51", name="丁", region=county["village_b2"], account=ACCOUNTS["丁"], approved=date(2026, 3, 5))
    return compute_run(county["county"], date(2026, 4, 1), user=system_user())


def ids(run):
    return {p.name: p.id_number for p in Payee.objects.filter(run=run)}


def group(label, code, persons, lines, amount_fen):
    return {"code": code, "label": label, "persons": persons, "lines": lines, "amount_fen": amount_fen}


def test_totals_by_town_category_kind_and_type(april):
    assert run_totals(april) == {
        "by_town": [
            group("凤山镇", "350123100", 2, 2, WAR5 + SURVIVOR),
            group("松山镇", "350123101", 2, 3, -WAR5 + 2 * LIVING),
        ],
        "by_category": [
            group("残疾军人", "11", 2, 2, 0),
            group("烈士遗属", "21", 1, 1, SURVIVOR),
            group("参战退役人员", "51", 1, 2, 2 * LIVING),
        ],
        "by_kind": [
            group("残疾抚恤金", "disability", 2, 2, 0),
            group("定期抚恤金", "survivor", 1, 1, SURVIVOR),
            group("定期生活补助", "living", 1, 2, 2 * LIVING),
        ],
        "by_type": [
            group("正常发放", "regular", 3, 3, WAR5 + SURVIVOR + LIVING),
            group("补发（未发月份）", "arrears", 1, 1, LIVING),
            group("追缴", "recovery", 1, 1, -WAR5),
        ],
        "total_fen": SURVIVOR + 2 * LIVING,
        "persons": 4,
        "lines": 5,
    }


def test_every_grouping_adds_up_to_the_run(april):
    totals = run_totals(april)
    assert totals["total_fen"] == april.total_fen
    assert totals["persons"] == april.person_count
    for key in ("by_town", "by_category", "by_kind", "by_type"):
        assert sum(g["amount_fen"] for g in totals[key]) == april.total_fen
        assert sum(g["lines"] for g in totals[key]) == april.line_count


def test_totals_are_a_few_aggregate_queries_whatever_the_size(april, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        run_totals(april)


def rows(sheet, first=3):
    """The sheet's rows from `first` down to its 合计 (the print lines below it are tested on their own)."""
    found = []
    for row in sheet.iter_rows(min_row=first, values_only=True):
        found.append(list(row))
        if row[0] in ("合计", "总计"):
            break
    return found


def roster(run, **kwargs):
    out = io.BytesIO()
    count = write_payment_roster(run, out, **kwargs)
    return count, openpyxl.load_workbook(io.BytesIO(out.getvalue()))


def test_roster_for_the_county_with_full_numbers(april, users):
    idn = ids(april)
    count, book = roster(april, user=users["county_admin"])
    assert count == 4
    assert book.sheetnames == ["汇总", "凤山镇", "松山镇", "追缴"]
    assert book["凤山镇"]["A1"].value == "罗源县 2026-04 优抚金发放花名册（凤山镇）"
    assert not book["凤山镇"]["A2"].value.endswith("已脱敏")
    assert rows(book["汇总"], 4) == [
        ["按乡镇", None, None, None],
        ["凤山镇", 2, 2, 7340.0],
        ["松山镇", 2, 3, -3054.33],
        [None, None, None, None],
        ["按优抚类别", None, None, None],
        ["残疾军人", 2, 2, 0.0],
        ["烈士遗属", 1, 1, 2821.67],
        ["参战退役人员", 1, 2, 1464.0],
        [None, None, None, None],
        ["按待遇项目", None, None, None],
        ["残疾抚恤金", 2, 2, 0.0],
        ["定期抚恤金", 1, 1, 2821.67],
        ["定期生活补助", 1, 2, 1464.0],
        [None, None, None, None],
        ["按发放类型", None, None, None],
        ["正常发放", 3, 3, 8072.0],
        ["补发（未发月份）", 1, 1, 732.0],
        ["追缴", 1, 1, -4518.33],
        [None, None, None, None],
        ["总计", 4, 5, 4285.67],
    ]
    bank, pending, held = "农业银行", "待发放", "不发放（金额为零或应追缴）"
    assert rows(book["凤山镇"]) == [
        ["序号", "村(社区)", "姓名", "公民身份号码", "优抚类别", "伤残等级/性质", "户籍性质", "待遇项目", "所属月份"]
        + ["月标准(元)", "类型", "金额(元)", "开户银行", "银行账号", "发放结果"],
        [1, "北门居委会", "甲", idn["甲"], "残疾军人", "五级/因战", "农村", "残疾抚恤金", "2026-04"]
        + [4518.33, "正常", 4518.33, bank, ACCOUNTS["甲"], pending],
        [2, "东门居委会", "丙", idn["丙"], "烈士遗属", None, "城镇", "定期抚恤金", "2026-04"]
        + [2821.67, "正常", 2821.67, bank, ACCOUNTS["丙"], pending],
        ["合计", None, "2 人", None, None, None, None, None, None, None, None, 7340.0, None, None, None],
    ]
    assert rows(book["松山镇"], 4) == [
        [1, "松山村", "冒领者", idn["冒领者"], "残疾军人", "五级/因战", "农村", "残疾抚恤金", "2026-03"]
        + [4518.33, "追缴", -4518.33, bank, ACCOUNTS["冒领者"], held],
        [2, "迹头村", "丁", idn["丁"], "参战退役人员", None, "农村", "定期生活补助", "2026-03"]
        + [732.0, "补发", 732.0, bank, ACCOUNTS["丁"], pending],
        [None, "迹头村", "丁", idn["丁"], "参战退役人员", None, "农村", "定期生活补助", "2026-04"]
        + [732.0, "正常", 732.0, bank, ACCOUNTS["丁"], pending],
        ["合计", None, "2 人", None, None, None, None, None, None, None, None, -3054.33, None, None, None],
    ]
    assert rows(book["追缴"]) == [
        ["序号", "乡镇", "村(社区)", "姓名", "公民身份号码", "追缴明细", "应追缴金额(元)", "开户银行", "银行账号"],
        [1, "松山镇", "松山村", "冒领者", idn["冒领者"], "2026-03 残疾抚恤金 -4,518.33", 4518.33]
        + [bank, ACCOUNTS["冒领者"]],
        ["合计", None, None, "1 人", None, None, 4518.33, None, None],
    ]
    entry = AuditEntry.objects.get(action="export")
    assert (entry.model, entry.after, entry.actor) == ("benefits.paymentrun", {"count": 4}, users["county_admin"])
    assert entry.note == f"批次 {april.pk}；范围 350123000000；完整号码"


def test_a_leader_gets_masked_numbers(april, users):
    idn = ids(april)
    _, book = roster(april, user=users["leader"])
    assert book["凤山镇"]["A2"].value.endswith("；证件号与账号已脱敏")
    jia = rows(book["凤山镇"], 4)[0]
    assert (jia[3], jia[13]) == (mask(idn["甲"]), mask_account(ACCOUNTS["甲"]))
    assert jia[13] == "6228***********2333"
    assert rows(book["追缴"], 4)[0][4] == mask(idn["冒领者"])
    assert AuditEntry.objects.get(action="export").note.endswith("脱敏")


def test_town_staff_get_their_own_town_of_the_county_run(april, users):
    count, book = roster(april, user=users["town_staff"])
    assert count == 2
    assert book.sheetnames == ["汇总", "凤山镇", "追缴"]
    assert [r[2] for r in rows(book["凤山镇"], 4)] == ["甲", "丙", "2 人"]
    assert rows(book["汇总"], 4)[:2] == [["按乡镇", None, None, None], ["凤山镇", 2, 2, 7340.0]]
    assert rows(book["追缴"], 4) == [["合计", None, None, "0 人", None, None, 0.0, None, None]]
    count, book = roster(april, user=users["town_b_staff"])
    assert (count, book.sheetnames) == (2, ["汇总", "松山镇", "追缴"])
    assert rows(book["追缴"], 4)[0][3] == "冒领者"


def test_one_town_of_the_run(april, users):
    count, book = roster(april, user=users["county_admin"], town_code="350123101")
    assert (count, book.sheetnames) == (2, ["汇总", "松山镇", "追缴"])
    assert rows(book["汇总"], 5)[0] == ["松山镇", 2, 3, -3054.33]
    assert AuditEntry.objects.get(action="export").object_repr.endswith("发放花名册（松山镇）")


def test_a_town_outside_the_run_or_a_village_is_refused(april, users):
    for code in ("350123100001", "350124100", "12"):
        with pytest.raises(BenefitsError):
            roster(april, user=users["county_admin"], town_code=code)
    assert not AuditEntry.objects.filter(action="export").exists()


def test_a_roster_prints_as_an_office_files_it(april, users):
    _, book = roster(april, user=users["county_admin"])
    sheet = book["凤山镇"]
    total_at = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "合计")
    assert sheet.cell(total_at + 1, 1).value == "合计金额（大写）：人民币柒仟叁佰肆拾元整"
    assert sheet.cell(total_at + 3, 1).value.startswith("制表单位：罗源县　")
    assert "制表人：" in sheet.cell(total_at + 3, 1).value and "审核人：" in sheet.cell(total_at + 3, 1).value
    assert book["松山镇"].cell(total_at + 2, 1).value == "合计金额（大写）：人民币负叁仟零伍拾肆元叁角叁分"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)  # 1 is the default
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$3"
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert book["汇总"].page_setup.orientation != "landscape"  # four columns fit upright


def test_a_roster_can_be_written_to_a_path(april, tmp_path):
    path = tmp_path / "花名册.xlsx"
    assert write_payment_roster(april, str(path), user=system_user()) == 4
    assert openpyxl.load_workbook(path).sheetnames == ["汇总", "凤山镇", "松山镇", "追缴"]


@pytest.mark.parametrize(
    ("role", "town"),
    [
        ("unit_staff", None),
        ("sysadmin", None),
        ("secadmin", None),
        ("auditadmin", None),
        ("town_b_staff", "350123100"),  # another town of the county's run
    ],
)
def test_roles_without_the_run_in_scope_get_nothing(april, users, role, town):
    out = io.BytesIO()
    with pytest.raises(PermissionDenied):
        write_payment_roster(april, out, user=users[role], town_code=town)
    assert out.getvalue() == b""
    assert not AuditEntry.objects.filter(action="export").exists()


def test_a_town_run_is_out_of_another_towns_scope(county, standard, entitled, users):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="甲")
    run = compute_run(county["town_a"], date(2026, 4, 1), user=users["town_staff"])
    with pytest.raises(PermissionDenied):
        write_payment_roster(run, io.BytesIO(), user=users["town_b_staff"])
    assert write_payment_roster(run, io.BytesIO(), user=users["town_staff"]) == 1


def test_every_line_type_has_its_roster_word():
    from shuangyong.benefits.choices import LineType
    from shuangyong.benefits.services.rosters import TYPE_SHORT

    assert set(TYPE_SHORT) == set(LineType)  # a town roster never shows a type's code ("grant")
