"""发放花名册 and the totals of a payment run.

Totals are aggregate queries. The roster is streamed from one ordered query into xlsxwriter in constant-memory
mode, so a run of a million lines is never held in memory: a 汇总 sheet, one sheet per town (rows per payee,
one row per line), and a 追缴 sheet of the payees who owe money back.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, FilteredRelation, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ScopeDenied, in_subtree, visible
from shuangyong.audit.context import actor_for
from shuangyong.audit.services import record_export
from shuangyong.benefits.choices import BankStatus, LineType
from shuangyong.benefits.models import BenefitKind, PaymentRun
from shuangyong.benefits.services.engine import BenefitsError
from shuangyong.money import yuan_capital, yuan_text
from shuangyong.regions.codes import InvalidRegionCode, Level, level_of, normalize_code
from shuangyong.regions.models import Region, subtree_q
from shuangyong.registry.choices import DisabilityNature, Hukou
from shuangyong.registry.idnumber import mask, mask_account
from shuangyong.registry.models import Category
from shuangyong.registry.services.export import GRADE_NAMES, _place_names, _town_and_village, may_see_full_numbers
from shuangyong.xlsx import for_print, new_workbook, sign_off

TOWN_PREFIX = 9
TYPE_SHORT = {
    LineType.REGULAR: "正常",
    LineType.ARREARS: "补发",
    LineType.BACKPAY: "补发差额",
    LineType.CARRY: "重发",
    LineType.RECOVERY: "追缴",
    LineType.FUNERAL: "丧葬补助",
    LineType.LUMP_SUM: "一次性抚恤金",
    LineType.GRANT: "一次性款项",
}
ROSTER_COLUMNS = [
    ("序号", 6),
    ("村(社区)", 14),
    ("姓名", 10),
    ("公民身份号码", 21),
    ("优抚类别", 14),
    ("伤残等级/性质", 12),
    ("户籍性质", 8),
    ("待遇项目", 14),
    ("所属月份", 9),
    ("月标准(元)", 11),
    ("类型", 12),
    ("金额(元)", 12),
    ("开户银行", 12),
    ("银行账号", 22),
    ("发放结果", 16),
]
AMOUNT_COLUMN = 11
RECOVERY_COLUMNS = [
    ("序号", 6),
    ("乡镇", 12),
    ("村(社区)", 14),
    ("姓名", 10),
    ("公民身份号码", 21),
    ("追缴明细", 40),
    ("应追缴金额(元)", 14),
    ("开户银行", 12),
    ("银行账号", 22),
]
SUMMARY_COLUMNS = [("项目", 24), ("人数", 8), ("明细行数", 10), ("金额(元)", 16)]
SECTIONS = [("by_town", "按乡镇"), ("by_category", "按优抚类别"), ("by_kind", "按待遇项目"), ("by_type", "按发放类型")]


COUNTS = {"persons": Count("person_id", distinct=True), "n": Count("id"), "fen": Sum("amount_fen")}


# -- totals ------------------------------------------------------------------------------------------------------


def _grouped(lines, key: str, expression=None) -> dict:
    rows = lines.order_by()
    if expression is not None:
        rows = rows.annotate(**{key: expression})
    rows = rows.values(key).annotate(**COUNTS)
    return {row[key]: (row["persons"], row["n"], row["fen"] or 0) for row in rows}


def _items(groups: dict, labels: dict, order) -> list[dict]:
    return [
        {"code": code, "label": labels.get(code, code), "persons": p, "lines": n, "amount_fen": fen}
        for code, (p, n, fen) in sorted(groups.items(), key=lambda item: order(item[0]))
    ]


def _town_labels(prefixes) -> dict[str, str]:
    regions = Region.objects.filter(code__in=[p.ljust(12, "0") for p in prefixes])
    labels = {}
    for region in regions:
        own = "（县本级）" if region.level <= Level.COUNTY else ""
        labels[region.code[:TOWN_PREFIX]] = f"{region.name}{own}"
    return labels


def line_totals(lines) -> dict:
    """Totals of a queryset of payment lines by town, category, benefit kind and line type (in SQL)."""
    overall = lines.order_by().aggregate(**COUNTS)
    towns = _grouped(lines, "town", Substr("region_id", 1, TOWN_PREFIX))
    categories = {c.code: c for c in Category.objects.all()}
    kinds = {k.code: k for k in BenefitKind.objects.all()}
    type_order = list(LineType.values)
    return {
        "by_town": _items(towns, _town_labels(towns), lambda code: code),
        "by_category": _items(
            _grouped(lines, "category_id"),
            {code: c.name for code, c in categories.items()},
            lambda code: (categories[code].sort_order, code) if code in categories else (9999, code),
        ),
        "by_kind": _items(
            _grouped(lines, "kind_id"),
            {code: k.name for code, k in kinds.items()},
            lambda code: (kinds[code].sort_order, code) if code in kinds else (9999, code),
        ),
        "by_type": _items(
            _grouped(lines, "line_type"),
            {t.value: t.label for t in LineType},
            lambda code: type_order.index(code) if code in type_order else 99,
        ),
        "total_fen": overall["fen"] or 0,
        "persons": overall["persons"],
        "lines": overall["n"],
    }


def run_totals(run: PaymentRun) -> dict:
    """The run's totals: lists by_town, by_category, by_kind, by_type of {code, label, persons, lines,
    amount_fen}, and total_fen, persons, lines. The towns add up to the run's total."""
    return line_totals(run.lines.all())


# -- scope -------------------------------------------------------------------------------------------------------


def _town(run: PaymentRun, town_code: str | None) -> str | None:
    if not town_code:
        return None
    try:
        code = normalize_code(town_code)
    except InvalidRegionCode as exc:
        raise BenefitsError(str(exc)) from None
    if level_of(code) != Level.TOWN or not in_subtree(code, run.region_id):
        raise BenefitsError(f"“{town_code}”不是本发放批次范围内的乡镇")
    return code


def _roster_querysets(run: PaymentRun, user, town: str | None):
    """The lines and payees the user may list: a town's staff get their town of a county's run."""
    lines, payees = run.lines.all(), run.payees.all()
    if not user.can(Cap.VIEW_RECORDS):
        raise PermissionDenied("您的角色不能查看待遇发放")
    run_visible = visible(user, PaymentRun.objects.filter(pk=run.pk)).exists()
    if not run_visible and not in_subtree(user.region_id, run.region_id):
        raise ScopeDenied("该发放批次不在您的管辖范围内")
    if town and not run_visible and not in_subtree(town, user.region_id):
        raise ScopeDenied("该乡镇不在您的管辖范围内")
    lines, payees = visible(user, lines), visible(user, payees)
    if town:
        lines, payees = lines.filter(subtree_q("region", town)), payees.filter(subtree_q("region", town))
    return lines, payees


# -- the workbook ------------------------------------------------------------------------------------------------


def _yuan(fen: int) -> float:
    return fen / 100  # a number cell, so the office can add it up; the nearest double prints as the exact 分


class _Book:
    def __init__(self, out, run: PaymentRun, full: bool):
        self.workbook = new_workbook(out, constant_memory=True)
        add = self.workbook.add_format
        self.title = add({"bold": True, "font_size": 16, "align": "center"})
        self.head = add({"bold": True, "border": 1, "align": "center", "bg_color": "#EDEDED"})
        self.cell = add({"border": 1})
        self.money = add({"border": 1, "num_format": "#,##0.00"})
        self.total = add({"bold": True, "border": 1})
        self.total_money = add({"bold": True, "border": 1, "num_format": "#,##0.00"})
        self.run = run
        self.note = "" if full else "；证件号与账号已脱敏"
        self.stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        self.names: set[str] = set()

    def sheet(self, name: str, columns, heading: str):
        name = name[:31]
        while name in self.names:
            name = f"{name[:28]}_{len(self.names)}"
        self.names.add(name)
        sheet = self.workbook.add_worksheet(name)
        for index, (_, width) in enumerate(columns):
            sheet.set_column(index, index, width)
        sheet.merge_range(0, 0, 0, len(columns) - 1, heading, self.title)
        sheet.write(1, 0, f"导出时间：{self.stamp}{self.note}")
        sheet.write_row(2, 0, [name for name, _ in columns], self.head)
        for_print(sheet, columns=len(columns), header_rows=3)
        return sheet

    def finish(self, sheet, row: int, fen: int) -> None:
        """Under the 合计 row at `row`: the amount in 大写 and the sign-off line."""
        sheet.write(row + 1, 0, f"合计金额（大写）：{yuan_capital(fen)}")
        sign_off(sheet, row + 3, self.run.region.name)

    def heading(self, what: str) -> str:
        return f"{self.run.region.name} {self.run.period_label} 优抚金{what}"


def _write_summary(book: _Book, totals: dict) -> None:
    sheet = book.sheet("汇总", SUMMARY_COLUMNS, book.heading("发放汇总"))
    row = 3
    for key, title in SECTIONS:
        sheet.write_row(row, 0, [title, "", "", ""], book.total)
        row += 1
        for item in totals[key]:
            sheet.write_row(row, 0, [item["label"], item["persons"], item["lines"]], book.cell)
            sheet.write_number(row, 3, _yuan(item["amount_fen"]), book.money)
            row += 1
        row += 1
    sheet.write_row(row, 0, ["总计", totals["persons"], totals["lines"]], book.total)
    sheet.write_number(row, 3, _yuan(totals["total_fen"]), book.total_money)
    book.finish(sheet, row, totals["total_fen"])


def _ordered_rows(lines):
    """One row per line with its payee's frozen data, ordered by town, village, name: one query, streamed."""
    return (
        lines.annotate(
            town=Substr("region_id", 1, TOWN_PREFIX),
            payee=FilteredRelation("person__payees", condition=Q(person__payees__run_id=F("run_id"))),
        )
        .order_by("town", "payee__region_id", "payee__name", "person_id", "month", "kind__sort_order", "kind_id", "seq")
        .values_list(
            "town",
            "person_id",
            "payee__region_id",
            "payee__name",
            "payee__id_number",
            "category_id",
            "disability_grade",
            "disability_nature",
            "hukou",
            "kind__name",
            "month",
            "rate_fen",
            "line_type",
            "amount_fen",
            "payee__bank_name",
            "payee__bank_account",
            "payee__bank_status",
            "payee__bank_message",
            named=True,
        )
    )


def _grade_nature(grade, nature) -> str:
    parts = [f"{GRADE_NAMES[grade - 1]}级" if grade else "", DisabilityNature(nature).label if nature else ""]
    return "/".join(p for p in parts if p)


def _result(status: str, message: str) -> str:
    label = BankStatus(status).label if status else ""
    return f"{label}：{message}" if message else label


class _TownSheet:
    def __init__(self, book: _Book, town_name: str):
        self.book = book
        self.sheet = book.sheet(town_name or "未分乡镇", ROSTER_COLUMNS, book.heading(f"发放花名册（{town_name}）"))
        self.row, self.payees, self.fen = 3, 0, 0
        self.person: int | None = None

    def add(self, values: list, person_id: int, amount_fen: int) -> None:
        if person_id != self.person:
            self.person, self.payees = person_id, self.payees + 1
            values[0] = self.payees
        self.sheet.write_row(self.row, 0, values, self.book.cell)
        self.sheet.write(self.row, AMOUNT_COLUMN, _yuan(amount_fen), self.book.money)
        self.fen += amount_fen
        self.row += 1

    def close(self) -> None:
        self.sheet.write_row(self.row, 0, ["合计", "", f"{self.payees} 人"], self.book.total)
        self.sheet.write_number(self.row, AMOUNT_COLUMN, _yuan(self.fen), self.book.total_money)
        self.book.finish(self.sheet, self.row, self.fen)


def _write_towns(book: _Book, lines, town_names: dict, places: dict, full: bool) -> int:
    categories = dict(Category.objects.values_list("code", "name"))
    written, current = 0, None
    town_sheet: _TownSheet | None = None
    for line in _ordered_rows(lines).iterator(chunk_size=5000):
        if town_sheet is None or line.town != current:
            if town_sheet is not None:
                town_sheet.close()
                written += town_sheet.payees
            current, town_sheet = line.town, _TownSheet(book, town_names.get(line.town, line.town))
        account, id_number = line.payee__bank_account or "", line.payee__id_number or ""
        values = [
            "",
            _town_and_village(line.payee__region_id, places)[1] if line.payee__region_id else "",
            line.payee__name,
            id_number if full else mask(id_number),
            categories.get(line.category_id, line.category_id),
            _grade_nature(line.disability_grade, line.disability_nature),
            Hukou(line.hukou).label if line.hukou else "",
            line.kind__name,
            f"{line.month:%Y-%m}",
            _yuan(line.rate_fen) if line.rate_fen else "",
            TYPE_SHORT.get(line.line_type) or LineType(line.line_type).label,  # never the code
            "",
            line.payee__bank_name,
            account if full else mask_account(account),
            _result(line.payee__bank_status, line.payee__bank_message),
        ]
        town_sheet.add(values, line.person_id, line.amount_fen)
    if town_sheet:
        town_sheet.close()
        written += town_sheet.payees
    return written


def _write_recoveries(book: _Book, lines, payees, places: dict, full: bool) -> None:
    owing = payees.filter(total_fen__lt=0).order_by("region_id", "name", "id")
    details: dict[int, list[str]] = {}
    negative = lines.filter(amount_fen__lt=0, person_id__in=owing.values("person_id")).order_by("month", "kind_id")
    for person, month, kind, fen in negative.values_list("person_id", "month", "kind__name", "amount_fen"):
        details.setdefault(person, []).append(f"{month:%Y-%m} {kind} {yuan_text(fen)}")
    sheet = book.sheet("追缴", RECOVERY_COLUMNS, book.heading("应追缴名单"))
    row, owed = 3, 0
    for index, payee in enumerate(owing.iterator(chunk_size=5000), start=1):
        town, village = _town_and_village(payee.region_id, places)
        values = [
            index,
            town,
            village,
            payee.name,
            payee.id_number if full else mask(payee.id_number),
            "；".join(details.get(payee.person_id, [])),
            "",
            payee.bank_name,
            payee.bank_account if full else mask_account(payee.bank_account),
        ]
        sheet.write_row(row, 0, values, book.cell)
        sheet.write_number(row, 6, _yuan(-payee.total_fen), book.money)
        owed -= payee.total_fen
        row += 1
    sheet.write_row(row, 0, ["合计", "", "", f"{row - 3} 人"], book.total)
    sheet.write_number(row, 6, _yuan(owed), book.total_money)
    book.finish(sheet, row, owed)


def write_payment_roster(run: PaymentRun, out, *, user, town_code: str | None = None) -> int:
    """发放花名册 (.xlsx) of the run (or of one town) to `out` (a path or a file object), masked unless the user
    may see full numbers. Returns the number of payees written (a person whose lines fall in two towns counts
    on each town's sheet)."""
    run = PaymentRun.objects.select_related("region").get(pk=run.pk)
    town = _town(run, town_code)
    lines, payees = _roster_querysets(run, user, town)
    full = may_see_full_numbers(user)
    places = _place_names(run.region_id)
    book = _Book(out, run, full)
    totals = line_totals(lines)
    _write_summary(book, totals)
    count = _write_towns(book, lines, {t["code"]: t["label"] for t in totals["by_town"]}, places, full)
    _write_recoveries(book, lines, payees, places, full)
    book.workbook.close()
    with actor_for(user):
        record_export(
            f"{run} 发放花名册" + (f"（{places.get(town, town)}）" if town else ""),
            model="benefits.paymentrun",
            count=count,
            note=f"批次 {run.pk}；范围 {town or run.region_id}；{'完整号码' if full else '脱敏'}",
        )
    return count
