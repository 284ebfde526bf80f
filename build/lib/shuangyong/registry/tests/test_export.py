from datetime import date

import openpyxl
import pytest
from django.core.management import call_command

from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.registry.importing.service import import_persons
from shuangyong.registry.services.export import export_roster
from shuangyong.registry.services.search import PersonFilter, search_persons
from shuangyong.registry.tests.sheets import MESSY_HEADER, ZHANG, messy_rows, write_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(county, tmp_path):
    path = tmp_path / "in.xlsx"
    write_sheet(path, MESSY_HEADER, messy_rows())
    assert import_persons(path, region=county["county"], today=date(2026, 3, 20), user=system_user()).errors == []


def read(path):
    """The roster's rows down to the empty row above its sign-off line."""
    sheet = openpyxl.load_workbook(path).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return rows[: rows.index([None] * len(rows[0]))]


def sign_off(path) -> str:
    sheet = openpyxl.load_workbook(path).active
    return sheet.cell(sheet.max_row, 1).value


def test_export_masks_for_town_staff_and_is_audited(imported, users, tmp_path):
    user = users["town_staff"]
    out = tmp_path / "town.xlsx"
    count = export_roster(
        search_persons(user, PersonFilter()), out, user=user, title="凤山镇优抚对象花名册", scope_code="350123100000"
    )
    rows = read(out)
    assert rows[0][0] == "凤山镇优抚对象花名册"
    assert rows[2][:6] == ["序号", "乡镇", "村(社区)", "姓名", "性别", "公民身份号码"]
    zhang = next(r for r in rows[3:] if r[3] == "张三")
    assert zhang[1:8] == [
        "凤山镇",
        "北门居委会",
        "张三",
        "男",
        ZHANG[:4] + "*" * 10 + ZHANG[-4:],
        "1950.03",
        "残疾军人",
    ]
    assert zhang[8:11] == ["四级", "因战", "农村"]
    assert zhang[15] == "6228***********0018"
    assert count == 4 == len(rows) - 3  # 凤山镇: 张三, 李四, 陈六, 林七
    assert sign_off(out).startswith("制表单位：凤山镇　")
    entry = AuditEntry.objects.get(action="export")
    assert (entry.object_repr, entry.after, entry.actor_id) == ("凤山镇优抚对象花名册", {"count": 4}, user.pk)


def test_county_admin_sees_full_numbers(imported, users, tmp_path):
    user = users["county_admin"]
    out = tmp_path / "county.xlsx"
    export_roster(
        search_persons(user, PersonFilter(category="11")),
        out,
        user=user,
        title="花名册",
        scope_code="350123000000",
        category_codes=["11"],
    )
    rows = read(out)[3:]
    assert [r[3] for r in rows] == ["张三", "林七"]
    assert rows[0][5] == ZHANG


def test_cli_export(imported, tmp_path, capsys):
    out = tmp_path / "cli.xlsx"
    call_command("export_persons", "--region", "350123", "--category", "残疾军人,51", "--out", str(out))
    assert capsys.readouterr().out.strip() == f"已导出 3 行到 {out}"
    rows = read(out)[3:]
    assert [r[3] for r in rows] == ["张三", "林七", "王五"]
    assert "*" in rows[0][5]  # masked unless --full
