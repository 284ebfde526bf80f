"""import-recruits and import-servicemembers: problems by row and column, nothing written on error, idempotent."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from shuangyong.audit.models import AuditEntry
from shuangyong.conscription.models import Candidate, FamilyMember, ServiceMember
from shuangyong.registry.models import Entitlement
from shuangyong.registry.tests.sheets import make_id, write_sheet

RECRUIT_HEADER = ["序号", "姓名", "身份证号", "乡镇", "村（社区）", "文化程度", "政治面貌", "报名日期"]
RECRUIT_HEADER += ["体检日期", "体检结论", "政考日期", "政考结论", "审批日期", "起运日期", "入伍部队"]
A, B = make_id("20050612", 101), make_id("20040203", 103)


def recruit_rows():
    return [
        [1, "林志强", A, "凤山镇", "北门居委会", "高中", "团员", "2026-03-01", "2026-07-01", "合格", "2026-07-20"]
        + ["合格", "2026-08-25", "2026-09-10", "陆军某部"],
        [2, "黄建华", B, "松山镇", "松山村", "本科", "党员", "2026.3.5", "2026-07-02", "不合格", None, None, None]
        + [None, None],
    ]


def run(command, path, *args, capsys):
    with pytest.raises(SystemExit) if "bad" in path.name else _nothing():
        call_command(command, str(path), "--region", "350123", *args, "--json")
    return json.loads(capsys.readouterr().out)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_recruits_import_once(tmp_path, county, capsys):
    path = tmp_path / "recruits.xlsx"
    write_sheet(path, RECRUIT_HEADER, recruit_rows(), title="2026年秋季应征公民花名册")
    args = ("--year", "2026", "--campaign", "autumn")
    assert run("import_recruits", path, *args, "--dry-run", capsys=capsys)["created"] == 2
    assert Candidate.objects.count() == 0
    result = run("import_recruits", path, *args, capsys=capsys)
    assert result == {"created": 2, "updated": 0, "unchanged": 0, "errors": [], "warnings": []}
    assert sorted(Candidate.objects.values_list("name", "stage", "region_id")) == [
        ("林志强", "dispatched", "350123100001"),
        ("黄建华", "exam_failed", "350123101201"),
    ]
    assert ServiceMember.objects.get().enlistment_date == date(2026, 9, 10)
    entries = AuditEntry.objects.count()
    again = run("import_recruits", path, *args, capsys=capsys)
    assert (again["unchanged"], again["created"], AuditEntry.objects.count()) == (2, 0, entries)


def test_recruit_errors_by_row_and_column_write_nothing(tmp_path, county, capsys):
    rows = recruit_rows()
    rows[0][9] = "不合格"  # failed the exam yet approved and dispatched
    rows[1][5] = "小学"
    rows[1][2] = A[:-1] + ("0" if A[-1] != "0" else "1")
    path = tmp_path / "bad.xlsx"
    write_sheet(path, RECRUIT_HEADER, rows)
    result = run("import_recruits", path, "--year", "2026", "--campaign", "autumn", capsys=capsys)
    assert [(e["row"], e["column"]) for e in result["errors"]] == [
        (4, "政考日期"),
        (4, "审批日期"),
        (5, "身份证号"),
        (5, "文化程度"),
    ]
    assert result["errors"][1]["message"] == "须体检合格且政治考核合格才能审批定兵"
    assert "无法识别的文化程度“小学”" in result["errors"][3]["message"]
    assert (Candidate.objects.count(), ServiceMember.objects.count()) == (0, 0)


MEMBER_HEADER = ["姓名", "公民身份号码", "乡镇", "村", "入伍日期", "人员类别", "所在部队", "户籍性质"]
MEMBER_HEADER += ["家属姓名", "家属身份证号", "与军人关系", "开户银行", "银行账号"]


def test_servicemembers_import_with_payees(tmp_path, county, capsys):
    rows = [
        ["陈伟", make_id("20060301", 51), "凤山镇", "北门居委会", "2025-09-10", "义务兵", "陆军某部", "农村"]
        + ["陈秀兰", make_id("19780506", 62), "母子", "农业银行", "6228480012345678"],
        ["郑军", make_id("20010101", 53), "松山镇", "迹头村", "2022.9", "军士", "海军某部", "城镇", None, None]
        + [None, None, None],
    ]
    path = tmp_path / "members.xlsx"
    write_sheet(path, MEMBER_HEADER, rows)
    result = run("import_servicemembers", path, capsys=capsys)
    assert result == {"created": 2, "updated": 0, "unchanged": 0, "errors": [], "warnings": []}
    chen = ServiceMember.objects.get(name="陈伟")
    assert (chen.payee.person.name, chen.payee.category_id, chen.payee.relation, chen.payee.status) == (
        "陈秀兰",
        "91",
        "母子",
        "active",
    )
    assert ServiceMember.objects.get(name="郑军").rank_kind == "nco"
    entries = AuditEntry.objects.count()
    assert run("import_servicemembers", path, capsys=capsys)["unchanged"] == 2
    assert (AuditEntry.objects.count(), FamilyMember.objects.count(), Entitlement.objects.count()) == (entries, 1, 1)

    rows[1][4] = "明年"
    bad = tmp_path / "bad-members.xlsx"
    write_sheet(bad, MEMBER_HEADER, rows)
    result = run("import_servicemembers", bad, capsys=capsys)
    assert [(e["row"], e["column"]) for e in result["errors"]] == [(5, "入伍日期")]
