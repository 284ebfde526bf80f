"""The statistics tables (.xlsx): layout, exact cells, 合计 equal to the catalogue's figures, exports audited."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.tests.test_figures import build_payments
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope
from shuangyong.registry.tests.test_figures import COUNTY, TOWN_A
from shuangyong.reports.statistics.tables import payments_table, persons_table
from shuangyong.reports.tests.test_dashboard import login

pytestmark = pytest.mark.django_db


def cells(sheet) -> list[list]:
    return [[c for c in row] for row in sheet.iter_rows(values_only=True)]


def test_persons_table_by_town_and_category(county, users):
    build_payments(county, users)
    sheet = persons_table(Scope(2026, region=COUNTY), "罗源县").sheets[0]
    col = {h: i for i, h in enumerate(sheet.headers)}
    rows = {row[0]: row for row in sheet.rows}
    assert list(rows) == ["凤山镇", "松山镇"]
    shown = ("残疾军人", "参战退役人员", "其他退役军人", "重点优抚对象人数", "合计人数")
    assert [rows["凤山镇"][col[h]] for h in shown] == [3, 1, 1, 3, 4]
    assert [rows["松山镇"][col[h]] for h in ("在乡复员军人", "重点优抚对象人数", "合计人数")] == [1, 1, 1]
    total = sheet.total_row()
    scope = Scope(2026, region=COUNTY)
    assert total[col["重点优抚对象人数"]] == catalogue.compute("registry.key_persons", scope) == 4
    assert total[col["合计人数"]] == catalogue.compute("registry.all_persons", scope) == 5
    assert total[col["残疾军人"]] == catalogue.compute("registry.category.11", scope)


def test_payments_table_by_town_and_month(county, users):
    build_payments(county, users)
    by_place, by_month = payments_table(Scope(2026, region=COUNTY), "罗源县").sheets
    assert by_place.headers == ["区划", "残疾抚恤金", "定期抚恤金", "丧葬补助", "其中补发", "其中追缴", "合计"]
    assert by_place.rows == [
        ["凤山镇", *map(Decimal, ("2850.00", "0.00", "0.00", "50.00", "0.00", "2850.00"))],
        ["松山镇", *map(Decimal, ("0.00", "300.00", "3000.00", "0.00", "-200.00", "3300.00"))],
    ]
    assert by_place.total_row()[-1] == catalogue.compute("benefits.paid", Scope(2026, region=COUNTY))
    assert [row[0] for row in by_month.rows] == [f"{m}月" for m in range(1, 13)]  # every month, as filed
    assert by_month.rows[2] == ["3月", *[Decimal("0.00")] * 4]  # March's run is not approved
    assert by_month.rows[1] == ["2月", Decimal("1050.00"), Decimal("-200.00"), Decimal("0.00"), Decimal("850.00")]


def test_download_writes_the_xlsx_and_audits_it(client, county, users):
    build_payments(county, users)
    login(client, "town_staff")
    response = client.get(reverse("reports:statistics", args=["persons"]), {"year": 2026})
    assert response.status_code == 200
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    rows = cells(book.active)
    assert rows[0][0] == "2026年凤山镇优抚对象统计表"
    assert rows[1][0] == "填报单位：凤山镇"
    assert rows[2][0] == "区划"
    assert [r[0] for r in rows[3:6]] == ["北门居委会", "东门居委会", "合计"]
    header = rows[2]
    assert rows[5][header.index("合计人数")] == 4 and rows[5][header.index("重点优抚对象人数")] == 3
    entry = AuditEntry.objects.get(action="export")
    assert (entry.object_repr, entry.after, entry.actor_id) == (
        "2026年凤山镇优抚对象统计表",
        {"count": 2},
        users["town_staff"].pk,
    )
    assert client.get(reverse("reports:statistics", args=["persons"]), {"region": COUNTY}).status_code == 403
    assert AuditEntry.objects.filter(action="export").count() == 1
    money = client.get(reverse("reports:statistics", args=["payments"]), {"year": 2026, "region": TOWN_A})
    sheets = load_workbook(BytesIO(b"".join(money.streaming_content))).sheetnames
    assert sheets == ["按区划", "按月份"]


def test_activities_table_by_unit_kind_and_quantity(client, county, users):
    from shuangyong.activities.services.codes import load_code_tables
    from shuangyong.activities.services.records import record_activity
    from shuangyong.reports.statistics.tables import activities_table

    load_code_tables()
    wgj = county["unit_bureau"]
    for day, materials in (("2026-09-20", 1200), ("2026-04-10", 300), ("2025-09-20", 999)):
        on = date.fromisoformat(day)
        record_activity(
            unit=wgj,
            kind="publicity",
            date=on,
            title=f"宣传{day}",
            quantities={"materials": materials},
            user=system_user(),
        )
    film = {"screenings": 3}
    record_activity(
        region=county["town_a"],
        kind="film",
        date=date(2026, 7, 28),
        title="送电影",
        quantities=film,
        user=system_user(),
    )
    sheet = activities_table(Scope(2026, region=COUNTY), "罗源县").sheets[0]
    assert sheet.headers == ["组织单位", "送电影（次）", "宣传（次）", "宣传材料（份）", "放映（场次）"]
    assert sheet.rows == [["县文广局", 0, 2, 1500, 0], ["（未填组织单位）", 1, 0, 0, 3]]
    assert sheet.total_row() == ["合计", 1, 2, 1500, 3]
    assert sheet.total_row()[2] == catalogue.compute("activities.kind.publicity", Scope(2026, region=COUNTY))
    unit_sheet = activities_table(Scope(2026, unit="WGJ"), "县文广局").sheets[0]
    assert unit_sheet.rows == [["县文广局", 2, 1500]]
    login(client, "unit_staff")
    response = client.get(reverse("reports:statistics", args=["activities"]), {"year": 2026})
    rows = cells(load_workbook(BytesIO(b"".join(response.streaming_content))).active)
    assert rows[0][0] == "2026年县文广局双拥活动统计表" and rows[3] == ["县文广局", 2, 1500]
    assert client.get(reverse("reports:statistics", args=["persons"]), {"year": 2026}).status_code == 404
