"""The bank disbursement file (代发文件) of a run and the bank's return file (回盘文件), byte for byte."""

import csv
import hashlib
import io
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.choices import LineType
from shuangyong.benefits.models import BankFileLayout, Payee, PaymentLine
from shuangyong.benefits.services.approval import approve_run, check_run, waive_open_findings
from shuangyong.benefits.services.bankfiles import BankReturnError, export_bank_file, reconcile_run
from shuangyong.benefits.services.engine import BenefitsError, compute_run
from shuangyong.registry.models import Person

pytestmark = pytest.mark.django_db

WAR5_MONTH = 451_833  # 残疾抚恤金 因战五级 54,220 元/年 ÷ 12
ACCOUNT_JIA = "6228480011112222333"
ACCOUNT_YI = "6217000099998888777"


def pay(county, month, users):
    run = check_run(compute_run(county["county"], month, user=system_user()), user=system_user())
    waive_open_findings(run, reason="测试：已核实", user=users["county_admin"])
    return approve_run(run, user=users["county_admin"])


@pytest.fixture
def approved(county, standard, entitled, users):
    """甲 in 凤山镇北门居委会 and 乙 in 松山镇松山村, each 4,518.33 元 for 2026-11, approved."""
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="甲", account=ACCOUNT_JIA)
    entitled("11", name="乙", region=county["village_b1"], account=ACCOUNT_YI)
    return pay(county, date(2026, 11, 1), users)


def payees(run):
    return {p.name: p for p in Payee.objects.filter(run=run)}


def state(run):
    """Everything a refused operation must leave as it was."""
    run.refresh_from_db()
    return (
        run.status,
        run.exported_at,
        run.reconciled_at,
        sorted(Payee.objects.filter(run=run).values_list("name", "bank_status", "bank_message")),
        sorted(PaymentLine.objects.filter(run=run).values_list("person__name", "failed")),
        AuditEntry.objects.count(),
    )


def return_xlsx(header, rows, *, title="中国农业银行批量代发结果") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def return_csv(header, rows, encoding="gbk") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


# -- the disbursement file ---------------------------------------------------------------------------------------


def test_default_layout_is_an_xlsx_with_text_cells_for_numbers(approved, users):
    jia, yi = payees(approved)["甲"], payees(approved)["乙"]
    content, name = export_bank_file(approved, user=users["county_admin"])
    assert name == "罗源县-2026-11-代发文件.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["序号", "业务编号", "户名", "账号", "金额", "身份证号", "开户行", "摘要"],
        [1, str(jia.pk), "甲", ACCOUNT_JIA, "4518.33", jia.id_number, "农业银行", "优抚金2026-11"],
        [2, str(yi.pk), "乙", ACCOUNT_YI, "4518.33", yi.id_number, "农业银行", "优抚金2026-11"],
    ]
    # accounts and ID numbers are text (Excel would turn 19 digits into 6.22848E+18)
    assert [sheet.cell(2, column).data_type for column in (2, 4, 5, 6)] == ["s", "s", "s", "s"]
    assert sheet.cell(2, 4).number_format == "@"


def test_export_moves_the_run_to_exported_and_is_audited_with_the_file_hash(approved, users):
    content, _ = export_bank_file(approved, user=users["county_admin"])
    approved.refresh_from_db()
    assert approved.status == "exported" and approved.exported_at is not None
    entry = AuditEntry.objects.get(action="export")
    assert (entry.model, entry.after, entry.actor) == ("benefits.paymentrun", {"count": 2}, users["county_admin"])
    assert hashlib.sha256(content).hexdigest() in entry.note
    assert AuditEntry.objects.filter(model="benefits.paymentrun", action="update", object_id=str(approved.pk)).exists()


def test_exporting_again_gives_the_same_file(approved, users):
    first, _ = export_bank_file(approved, user=users["county_admin"])
    approved.refresh_from_db()
    exported_at = approved.exported_at
    second, _ = export_bank_file(approved, user=users["county_admin"])
    approved.refresh_from_db()
    assert first == second
    assert (approved.status, approved.exported_at) == ("exported", exported_at)
    assert AuditEntry.objects.filter(action="export").count() == 2


def test_text_layout_is_encoded_as_the_bank_asks(approved, users):
    jia, yi = payees(approved)["甲"], payees(approved)["乙"]
    layout = BankFileLayout.objects.get(name="文本代发格式（竖线分隔）")
    content, name = export_bank_file(approved, layout=layout, user=users["county_admin"])
    assert name == "罗源县-2026-11-代发文件.txt"
    assert content.decode("gb18030") == (
        f"{jia.pk}|{ACCOUNT_JIA}|甲|4518.33|优抚金2026-11\r\n{yi.pk}|{ACCOUNT_YI}|乙|4518.33|优抚金2026-11\r\n"
    )


def test_csv_layout_with_every_field_and_the_holder_falling_back_to_the_name(county, standard, entitled, users):
    standard("disability", 54220, category="11", nature="war", grade=5)
    ent = entitled("11", name="甲", account=ACCOUNT_JIA)
    Person.objects.filter(pk=ent.person_id).update(bank_holder="")
    run = pay(county, date(2026, 11, 1), users)
    jia = payees(run)["甲"]
    layout = BankFileLayout.objects.create(
        name="全部字段",
        file_format="csv",
        encoding="gbk",
        delimiter=";",
        columns=[{"field": f, "header": h} for f, h in BankFileLayout.FIELDS.items()],
        summary_text="抚恤金",
    )
    content, name = export_bank_file(run, layout=layout, user=users["county_admin"])
    assert name == "罗源县-2026-11-代发文件.csv"
    assert content.decode("gbk") == (
        "序号;业务编号;姓名;户名;银行账号;开户银行;公民身份号码;金额（元）;金额（分）;所在区划;乡镇;摘要\r\n"
        f"1;{jia.pk};甲;甲;{ACCOUNT_JIA};农业银行;{jia.id_number};4518.33;451833;北门居委会;凤山镇;抚恤金2026-11\r\n"
    )


def test_payees_who_owe_money_back_are_left_out_of_the_bank_file(county, standard, entitled, users):
    from shuangyong.registry.services.lifecycle import cancel_entitlement

    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="甲", account=ACCOUNT_JIA)
    cheat = entitled("11", name="冒领者", account=ACCOUNT_YI, region=county["village_b1"])
    for month in (1, 2, 3):
        pay(county, date(2026, month, 1), users)
    cancel_entitlement(cheat, on=date(2026, 2, 10), reason="冒领", user=users["county_admin"])
    run = pay(county, date(2026, 4, 1), users)
    assert payees(run)["冒领者"].total_fen == -WAR5_MONTH  # March recovered
    assert payees(run)["冒领者"].bank_status == "held"
    content, _ = export_bank_file(run, user=users["county_admin"])
    rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert [(r[2], r[4]) for r in rows[1:]] == [("甲", "4518.33")]


@pytest.mark.parametrize("role", ["town_staff", "village_staff", "leader", "unit_staff", "sysadmin", "auditadmin"])
def test_only_who_may_see_full_numbers_and_approve_may_export(approved, users, role):
    before = state(approved)
    with pytest.raises(PermissionDenied):
        export_bank_file(approved, user=users[role])
    assert state(approved) == before


def test_a_run_not_yet_approved_cannot_be_exported(county, standard, entitled, users):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11")
    run = compute_run(county["county"], date(2026, 11, 1), user=system_user())
    before = state(run)
    with pytest.raises(BenefitsError, match="只有已批准、已导出银行文件的批次可以导出"):
        export_bank_file(run, user=users["county_admin"])
    assert state(run) == before


# -- the return file ---------------------------------------------------------------------------------------------

HEADER = ["业务编号", "账号", "户名", "金额", "处理结果", "失败原因"]


@pytest.fixture
def exported(approved, users):
    export_bank_file(approved, user=users["county_admin"])
    approved.refresh_from_db()
    return approved


def test_return_file_marks_paid_and_failed_and_the_failed_months_come_back(county, exported, users):
    jia, yi = payees(exported)["甲"], payees(exported)["乙"]
    content = return_xlsx(
        HEADER,
        [
            [jia.pk, ACCOUNT_JIA, "甲", 4518.33, "成功", ""],
            [yi.pk, ACCOUNT_YI, "乙", 4518.33, "失败", "账户已销户"],
        ],
    )
    result = reconcile_run(exported, content, "回盘.xlsx", user=users["county_admin"])
    assert result.as_dict() == {
        "paid": 1,
        "failed": 1,
        "unchanged": 0,
        "pending": 0,
        "unmatched": [],
        "file_sha256": hashlib.sha256(content).hexdigest(),
    }
    assert sorted(Payee.objects.filter(run=exported).values_list("name", "bank_status", "bank_message")) == [
        ("乙", "failed", "账户已销户"),
        ("甲", "paid", ""),
    ]
    assert sorted(PaymentLine.objects.filter(run=exported).values_list("person__name", "failed")) == [
        ("乙", True),
        ("甲", False),
    ]
    exported.refresh_from_db()
    assert exported.status == "reconciled" and exported.reconciled_at is not None
    failed_entry = AuditEntry.objects.get(model="benefits.payee", object_id=str(yi.pk))
    assert (failed_entry.before, failed_entry.after) == (
        {"bank_status": "pending", "bank_message": ""},
        {"bank_status": "failed", "bank_message": "账户已销户"},
    )
    run_entry = AuditEntry.objects.filter(model="benefits.paymentrun", object_id=str(exported.pk)).first()
    assert run_entry.before["status"] == "exported"
    assert {k: run_entry.after[k] for k in ("status", "paid", "failed", "file_sha256")} == {
        "status": "reconciled",
        "paid": 1,
        "failed": 1,
        "file_sha256": hashlib.sha256(content).hexdigest(),
    }
    # the next run pays 乙's November again (carry, second payment of that month) with December
    december = compute_run(county["county"], date(2026, 12, 1), user=system_user())
    assert sorted(
        (line.person.name, f"{line.month:%Y-%m}", line.line_type, line.seq, line.amount_fen)
        for line in december.lines.all()
    ) == [
        ("乙", "2026-11", LineType.CARRY, 1, WAR5_MONTH),
        ("乙", "2026-12", LineType.REGULAR, 0, WAR5_MONTH),
        ("甲", "2026-12", LineType.REGULAR, 0, WAR5_MONTH),
    ]


def test_csv_return_file_without_reference_matches_by_account_and_amount(exported, users):
    content = return_csv(
        ["卡号", "户名", "交易金额", "交易结果", "备注"],
        [[ACCOUNT_YI, "乙", "4,518.33", "已入账", ""], [ACCOUNT_JIA, "甲", "4518.33", "已入账", ""]],
    )
    result = reconcile_run(exported, content, "20261125回单.csv", user=users["county_admin"])
    assert (result.paid, result.failed) == (2, 0)
    assert set(Payee.objects.filter(run=exported).values_list("bank_status", flat=True)) == {"paid"}


def test_our_reference_is_read_from_业务编号_beside_the_banks_own_serial(exported, users):
    jia, yi = payees(exported)["甲"], payees(exported)["乙"]
    content = return_xlsx(
        ["流水号", "业务编号", "卡号", "金额", "状态", "备注"],
        [
            ["20261125000000000001", str(jia.pk), ACCOUNT_JIA, "4518.33", "交易成功", ""],
            ["20261125000000000002", str(yi.pk), ACCOUNT_YI, "4518.33", "入账失败", "账户冻结"],
        ],
    )
    result = reconcile_run(exported, content, "回盘.xlsx", user=users["county_admin"])
    assert (result.paid, result.failed) == (1, 1)
    assert payees(exported)["乙"].bank_message == "账户冻结"


def test_reading_the_same_return_file_again_changes_nothing(exported, users):
    jia, yi = payees(exported)["甲"], payees(exported)["乙"]
    content = return_xlsx(
        HEADER, [[jia.pk, ACCOUNT_JIA, "甲", 4518.33, "成功", ""], [yi.pk, ACCOUNT_YI, "乙", 4518.33, "户名不符", ""]]
    )
    reconcile_run(exported, content, "回盘.xlsx", user=users["county_admin"])
    before = state(exported)
    again = reconcile_run(exported, content, "回盘.xlsx", user=users["county_admin"])
    assert (again.paid, again.failed, again.unchanged) == (0, 0, 2)
    assert state(exported) == before
    assert payees(exported)["乙"].bank_message == "户名不符"


def test_a_return_file_with_bad_rows_changes_nothing_and_names_each_row_and_column(exported, users):
    jia, yi = payees(exported)["甲"], payees(exported)["乙"]
    content = return_xlsx(
        HEADER,
        [
            [jia.pk, ACCOUNT_JIA, "甲", 4518.33, "成功", ""],  # row 3: fine, but not written
            [yi.pk, ACCOUNT_YI, "乙", 4518.30, "成功", ""],  # row 4: wrong amount
            [99999, "6200", "丙", 100, "成功", ""],  # row 5: not in this run
            [jia.pk, ACCOUNT_JIA, "甲", "四千元", "处理中", ""],  # row 6: two bad cells
            [yi.pk, "6217000099998888000", "乙", 4518.33, "成功", ""],  # row 7: another person's account
        ],
    )
    before = state(exported)
    with pytest.raises(BankReturnError) as refused:
        reconcile_run(exported, content, "回盘.xlsx", user=users["county_admin"])
    assert refused.value.errors == [
        "第 4 行“金额”列：金额 4,518.30 元与本批次应发 乙 的 4,518.33 元不符",
        "第 5 行“业务编号”列：99999 不是本批次的发放对象",
        "第 6 行“金额”列：金额“四千元”无法识别",
        "第 6 行“处理结果”列：处理结果“处理中”无法识别（应为成功或失败）",
        f"第 7 行“账号”列：账号与业务编号 {yi.pk}（乙）的账号不符",
    ]
    assert str(refused.value).startswith("回盘文件有 5 处问题，未做任何更改：第 4 行")
    assert state(exported) == before


def test_a_file_that_is_not_a_return_file_is_refused(exported, users):
    before = state(exported)
    with pytest.raises(BankReturnError, match="找不到表头"):
        reconcile_run(exported, return_xlsx(["姓名", "备注"], [["甲", ""]]), "x.xlsx", user=users["county_admin"])
    with pytest.raises(BankReturnError, match="不支持的回盘文件类型“.pdf”"):
        reconcile_run(exported, b"%PDF", "回盘.pdf", user=users["county_admin"])
    assert state(exported) == before


def test_a_partial_return_file_leaves_the_others_pending_and_a_second_file_completes(exported, users):
    jia, yi = payees(exported)["甲"], payees(exported)["乙"]
    first = reconcile_run(
        exported, return_xlsx(HEADER, [[jia.pk, ACCOUNT_JIA, "甲", 4518.33, "成功", ""]]), "一.xlsx", user=system_user()
    )
    assert (first.paid, first.pending) == (1, 1)
    assert first.unmatched == [f"乙（业务编号 {yi.pk}）：回盘文件中没有，仍为待发放"]
    exported.refresh_from_db()
    assert exported.status == "reconciled"
    second = reconcile_run(
        exported,
        return_xlsx(HEADER, [[yi.pk, ACCOUNT_YI, "乙", "4518.33", "交易成功", ""]]),
        "二.xlsx",
        user=system_user(),
    )
    assert (second.paid, second.pending, second.unmatched) == (1, 0, [])


def test_a_failure_once_recorded_is_not_turned_into_a_payment(exported, users):
    yi = payees(exported)["乙"]
    reconcile_run(
        exported,
        return_xlsx(HEADER, [[yi.pk, ACCOUNT_YI, "乙", 4518.33, "失败", "冻结"]]),
        "一.xlsx",
        user=system_user(),
    )
    before = state(exported)
    with pytest.raises(BankReturnError, match="第 3 行“处理结果”列：乙 此前已记为发放失败"):
        reconcile_run(
            exported,
            return_xlsx(HEADER, [[yi.pk, ACCOUNT_YI, "乙", 4518.33, "成功", ""]]),
            "二.xlsx",
            user=system_user(),
        )
    assert state(exported) == before


def test_only_an_exported_run_can_be_reconciled(approved, users):
    jia = payees(approved)["甲"]
    before = state(approved)
    with pytest.raises(BenefitsError, match="只有已导出银行文件、已对账的批次可以对账"):
        reconcile_run(
            approved,
            return_xlsx(HEADER, [[jia.pk, ACCOUNT_JIA, "甲", 4518.33, "成功", ""]]),
            "a.xlsx",
            user=system_user(),
        )
    assert state(approved) == before


@pytest.mark.parametrize("role", ["town_staff", "leader", "auditadmin"])
def test_roles_without_bank_rights_cannot_reconcile(exported, users, role):
    jia = payees(exported)["甲"]
    content = return_xlsx(HEADER, [[jia.pk, ACCOUNT_JIA, "甲", 4518.33, "成功", ""]])
    before = state(exported)
    with pytest.raises(PermissionDenied):
        reconcile_run(exported, content, "回盘.xlsx", user=users[role])
    assert state(exported) == before
