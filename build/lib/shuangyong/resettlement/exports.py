"""退役士兵花名册 and the overdue list as .xlsx, masked by role, the export itself audited."""

from datetime import date

from django.utils import timezone

from shuangyong.audit.context import actor_for
from shuangyong.audit.services import record_export
from shuangyong.registry.idnumber import mask
from shuangyong.registry.services.export import may_see_full_numbers
from shuangyong.xlsx import for_print, new_workbook, sign_off

ROSTER_COLUMNS = [
    ("序号", 6),
    ("安置地", 16),
    ("姓名", 10),
    ("公民身份号码", 21),
    ("退役类别", 8),
    ("入伍日期", 11),
    ("退役日期", 11),
    ("服役年限", 8),
    ("服役部队", 16),
    ("最高奖励", 10),
    ("伤残等级", 8),
    ("户籍性质", 8),
    ("到达日期", 11),
    ("报到日期", 11),
    ("档案接收", 11),
    ("安置方式", 12),
    ("接收单位", 20),
    ("上岗日期", 11),
    ("就业状态", 10),
    ("备注", 20),
]
OVERDUE_COLUMNS = [
    ("序号", 6),
    ("安置地", 16),
    ("姓名", 10),
    ("公民身份号码", 21),
    ("退役类别", 8),
    ("逾期事项", 14),
    ("起算日期", 11),
    ("截止日期", 11),
    ("办结日期", 11),
    ("逾期天数", 8),
    ("接收单位", 20),
]


def _day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _roster_row(a, shown_id: str) -> list:
    return [
        a.region.name,
        a.person.name,
        shown_id,
        a.get_soldier_kind_display(),
        _day(a.enlisted_on),
        _day(a.discharged_on),
        a.service_years if a.service_years is not None else "",
        a.unit_served,
        a.get_highest_award_display() if a.highest_award else "",
        f"{a.disability_grade}级{a.get_disability_nature_display()}" if a.disability_grade else "",
        a.get_hukou_display() if a.hukou else "",
        _day(a.arrival_date),
        _day(a.reported_on),
        _day(a.archive_received_on),
        a.method.name if a.method_id else "",
        a.employer_label,
        _day(a.placed_on),
        a.get_employment_status_display() if a.employment_status else "",
        a.note,
    ]


def overdue_rows(arrivals, today: date) -> list[tuple]:
    """(arrival, what, start, due, done, days late) for late reporting and overdue placement."""
    rows = []
    for a in arrivals:
        if a.report_late(today):
            rows.append((a, "逾期报到", a.arrival_date, a.report_due, a.reported_on))
        if a.placement_overdue(today):
            what = "安排工作逾期上岗" if a.placed_on else "安排工作逾期未上岗"
            rows.append((a, what, a.assigned_on, a.placement_due, a.placed_on))
    return [(a, what, start, due, done, ((done or today) - due).days) for a, what, start, due, done in rows]


def _write(out, title: str, columns, rows, show_full: bool, office: str) -> None:
    workbook = new_workbook(out, in_memory=True)
    sheet = workbook.add_worksheet(title[:31])
    head = workbook.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#EDEDED"})
    cell = workbook.add_format({"border": 1})
    for index, (_, width) in enumerate(columns):
        sheet.set_column(index, index, width)
    sheet.merge_range(0, 0, 0, len(columns) - 1, title, workbook.add_format({"bold": True, "font_size": 16}))
    note = "" if show_full else "；证件号已脱敏"
    sheet.write(1, 0, f"导出时间：{timezone.localtime():%Y-%m-%d %H:%M}{note}")
    sheet.write_row(2, 0, [name for name, _ in columns], head)
    for_print(sheet, columns=len(columns), header_rows=3)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number + 2, 0, [number, *row], cell)
    sign_off(sheet, len(rows) + 4, office)
    workbook.close()


def export_arrivals(arrivals, out, *, user, title: str) -> int:
    show_full = may_see_full_numbers(user)
    rows = [
        _roster_row(a, a.person.id_number if show_full else mask(a.person.id_number))
        for a in arrivals.select_related("person", "region", "method", "employer")
    ]
    _write(out, title, ROSTER_COLUMNS, rows, show_full, user.office_name)
    with actor_for(user):
        record_export(title, model="resettlement.arrival", count=len(rows), note="完整号码" if show_full else "脱敏")
    return len(rows)


def export_overdue(arrivals, out, *, user, title: str, today: date) -> int:
    show_full = may_see_full_numbers(user)
    rows = [
        [
            a.region.name,
            a.person.name,
            a.person.id_number if show_full else mask(a.person.id_number),
            a.get_soldier_kind_display(),
            what,
            _day(start),
            _day(due),
            _day(done),
            days,
            a.employer_label,
        ]
        for a, what, start, due, done, days in overdue_rows(
            arrivals.select_related("person", "region", "method", "employer"), today
        )
    ]
    _write(out, title, OVERDUE_COLUMNS, rows, show_full, user.office_name)
    with actor_for(user):
        record_export(title, model="resettlement.arrival", count=len(rows), note="完整号码" if show_full else "脱敏")
    return len(rows)
