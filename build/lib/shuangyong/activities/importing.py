"""Bulk activity lists (.xlsx/.xls/.csv) as units keep them: one row per activity.

Columns: 日期, 活动类别, 活动名称 (required); 时机, 驻军单位, 共建单位, 参加领导, 金额（元）, 活动情况 (optional);
any column named after a 计量项目 (宣传材料, 展牌, 出动兵力 ... or their aliases, with or without the unit in
brackets: "宣传材料（份）") holds that quantity. Validated like the roster import: every problem by Excel row and
column header in Chinese; any error writes nothing (one transaction); the same sheet again changes nothing (each
row's key is unit or region + kind + date + title); --dry-run counts without writing.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from shuangyong.accounts.roles import UNIT_ROLES
from shuangyong.accounts.scope import ensure_can_write, visible
from shuangyong.activities.models import Activity, ActivityKind, Occasion, QuantityKind
from shuangyong.activities.services.records import (
    CREATED,
    UPDATED,
    ActivitiesError,
    build_data,
    natural_key,
    upsert_activity,
)
from shuangyong.audit.context import actor_for
from shuangyong.sheets.cells import CellError, parse_date
from shuangyong.sheets.headers import Header, HeaderTable, clean_header, read_header, unit_of, unread_columns
from shuangyong.sheets.problems import ImportCounts, Problem, SheetError
from shuangyong.sheets.reader import open_sheet
from shuangyong.sheets.rows import SheetRow, sheet_rows
from shuangyong.units.models import Unit, UnitKind

HEADERS = {
    "date": ("日期", "活动日期", "时间"),
    "kind": ("活动类别", "类别", "活动类型", "类型"),
    "title": ("活动名称", "名称", "活动主题", "主题", "活动内容"),
    "occasion": ("时机", "节日", "活动时机"),
    "garrisons": ("驻军单位", "部队", "驻军", "慰问部队"),
    "partners": ("共建单位", "参与单位", "地方单位"),
    "leaders": ("参加领导", "领导"),
    "money": ("金额", "金额（元）", "经费", "经费（元）", "投入金额", "慰问金"),
    "narrative": ("活动情况", "情况", "备注", "说明", "内容简介"),
}
REQUIRED = ("date", "kind", "title")
TEMPLATE = tuple(HEADERS)
SPLIT = re.compile(r"[、,，;；/\s]+")


@dataclass
class ActivityImport(ImportCounts):
    rows: list = field(default_factory=list)


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


QUANTITY = "quantity:"  # header keys of the 计量项目 columns: quantity:<code>


class Columns:
    """Where the sheet's header (sheets.headers) put each field and each 计量项目."""

    def __init__(self, header: Header, quantity_kinds: dict[str, QuantityKind]):
        self.header = header
        self.fields = {k: i for k, i in header.columns.items() if not k.startswith(QUANTITY)}
        self.quantities = {
            k.removeprefix(QUANTITY): (i, quantity_kinds[k.removeprefix(QUANTITY)])
            for k, i in header.columns.items()
            if k.startswith(QUANTITY)
        }
        self.headers = {index: header.written[key] for key, index in header.columns.items()}
        self.unit_mismatch = [
            (index, f"计量单位应为“{kind.unit}”，表头写的是“{unit_of(self.headers[index])}”")
            for index, kind in self.quantities.values()
            if unit_of(self.headers[index]) and unit_of(self.headers[index]) != kind.unit
        ]


def header_table(quantity_names: dict[str, QuantityKind]) -> HeaderTable:
    """The fields' names (HEADERS) and every 计量项目's names and aliases, for sheets.headers."""
    lookup = {clean_header(name): key for key, names in HEADERS.items() for name in names}
    for name, kind in quantity_names.items():
        lookup.setdefault(clean_header(name), f"{QUANTITY}{kind.code}")
    canonical = {key: names[0] for key, names in HEADERS.items()}
    canonical.update({f"{QUANTITY}{kind.code}": kind.name for kind in quantity_names.values()})
    return HeaderTable(lookup, canonical)


def _names(model) -> dict[str, object]:
    table = {}
    for row in model.objects.filter(is_active=True):
        for name in row.names():
            table.setdefault("".join(name.split()), row)
    return table


def _units(kind: str) -> dict[str, Unit]:
    table = {}
    for unit in Unit.objects.filter(kind=kind, is_active=True):
        for name in (unit.name, unit.short_name, unit.code):
            if name:
                table.setdefault(name, unit)
    return table


def _decimal(value, what: str) -> Decimal:
    raw = _plain(value).replace(",", "").replace("，", "")
    for suffix in ("元", "份", "块", "幅", "期", "篇", "场次", "场", "人次", "人", "册", "台次", "台", "件", "次"):
        raw = raw.removesuffix(suffix)
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError(f"{what}“{_plain(value)}”不是数字") from None
    if number < 0:
        raise CellError(f"{what}不能为负数")
    return number


def _amount(what: str):
    """The parser of an amount cell: a number, or None for a cell of spaces."""
    return lambda value: _decimal(value, what) if _plain(value) else None


class Reader:
    """Reads and checks every row; produces the activities' data or the problems, before anything is written."""

    def __init__(self, *, unit: Unit | None, region_id: str, source: str):
        self.unit, self.region_id, self.source = unit, region_id, source
        self.kinds = _names(ActivityKind)
        self.occasions = _names(Occasion)
        self.quantity_names = _names(QuantityKind)
        self.garrisons = _units(UnitKind.GARRISON)
        self.partners = _units(UnitKind.PARTNER)

    def header(self, sheet) -> tuple[Columns, Iterator[tuple[int, list]]]:
        """The columns of the sheet's header and the rows below it (read as a stream)."""
        header, rows = read_header(sheet, header_table(self.quantity_names), anchors=REQUIRED)
        kinds = {kind.code: kind for kind in self.quantity_names.values()}
        return Columns(header, kinds), rows

    def _lookup(self, table, row: SheetRow, key: str, what: str):
        value = row.raw(key)
        if value is None:
            return None
        found = table.get("".join(_plain(value).split()))
        if found is None:
            row.fail(key, f"没有名为“{_plain(value)}”的{what}")
        return found

    def _units_in(self, table, row: SheetRow, key: str, what: str) -> list[Unit]:
        found = []
        for name in SPLIT.split(_plain(row.raw(key))):
            if name:
                unit = table.get(name)
                if unit is None:
                    row.fail(key, f"没有名为“{name}”的{what}")
                else:
                    found.append(unit)
        return found

    def parse(self, row: SheetRow, columns: Columns, result: ActivityImport):
        for key in REQUIRED:
            if not _plain(row.raw(key)):
                row.fail(key, f"“{row.column(key)}”不能为空")
        day = row.get("date", parse_date)
        kind = self._lookup(self.kinds, row, "kind", "活动类别")
        occasion = self._lookup(self.occasions, row, "occasion", "活动时机")
        garrisons = self._units_in(self.garrisons, row, "garrisons", "驻军单位")
        partners = self._units_in(self.partners, row, "partners", "共建单位")
        money = row.get("money", _amount("金额")) or Decimal(0)
        if money != money.quantize(Decimal("0.01")):
            row.fail("money", "金额最多到分（两位小数）")
        quantities = {}
        for code, (_index, qkind) in columns.quantities.items():
            amount = row.get(
                QUANTITY + code, lambda value, name=qkind.name: _decimal(value, name) if _plain(value) else None
            )
            if amount is not None:
                quantities[code] = amount
        if row.failed:
            return
        try:
            data = build_data(
                kind=kind,
                date=day,
                title=_plain(row.raw("title")),
                unit=self.unit,
                region=self.region_id,
                occasion=occasion,
                quantities=quantities,
                money_fen=int(money * 100),
                narrative=str(row.raw("narrative") or "").strip(),
                leaders=_plain(row.raw("leaders")),
                partner_units=partners,
                garrison_units=garrisons,
                source=self.source,
            )
        except ActivitiesError as exc:
            row.fail("title", str(exc))
            return
        result.rows.append((row.number, data))


def import_activities(
    path: Path, *, unit: Unit | None = None, region=None, user, dry_run: bool = False, progress=None
) -> ActivityImport:
    """Read, check, then write every row in one transaction (or, with dry_run, count and roll back)."""
    region_id = getattr(region, "code", region) or (unit.region_id if unit else None)
    if region_id is None:
        raise SheetError("请指定组织单位（--unit）")
    if unit is not None and unit.kind != UnitKind.MEMBER:
        raise SheetError(f"“{unit.name}”不是成员单位")
    ensure_can_write(user, Activity(organiser=unit, region_id=region_id))
    result = ActivityImport()
    reader = Reader(unit=unit, region_id=region_id, source=f"导入：{path.name}"[:200])
    columns, rows = reader.header(open_sheet(path))
    header_row = columns.header.row
    for index, message in columns.unit_mismatch:
        result.errors.append(Problem(header_row, columns.headers[index], message))
    result.warnings += unread_columns(columns.header)
    result.header_row, result.columns = header_row, columns.header.positions()
    table = header_table(reader.quantity_names)
    seen: dict[str, int] = {}
    for row in sheet_rows(rows, columns.header, table, result.errors, *REQUIRED):
        before = len(result.rows)
        reader.parse(row, columns, result)
        if len(result.rows) > before:
            data = result.rows[-1][1]
            key = natural_key(data.organiser, data.region_id, data.kind.code, data.date, data.title)
            if key in seen:
                row.fail("title", f"与第 {seen[key]} 行重复")
            seen[key] = row.number
    if progress is not None:
        progress.set_total(len(result.rows))
    if result.errors:
        return result
    with transaction.atomic(), actor_for(user):
        for _row_no, data in result.rows:
            _, outcome = upsert_activity(data, key=None, user=user)
            if outcome == CREATED:
                result.created += 1
            elif outcome == UPDATED:
                result.updated += 1
            else:
                result.unchanged += 1
            if progress is not None:
                progress.advance()
        if dry_run:
            transaction.set_rollback(True)
    return result


def template_headers() -> HeaderTable:
    """The upload page's columns and template: the fields and today's 计量项目."""
    return header_table(_names(QuantityKind))


def import_uploaded_activities(path: Path, *, region, user, dry_run: bool = False, unit: int | None = None):
    """The upload page's call (sheets.uploads): a member unit's staff import for their own unit; others for the unit
    they chose (`unit`, its primary key), or for their region as its organiser."""
    if user.role in UNIT_ROLES:
        organiser = user.unit
    elif unit is not None:
        organiser = visible(user, Unit.objects.filter(kind=UnitKind.MEMBER)).filter(pk=unit).first()
        if organiser is None:
            raise SheetError("所选组织单位不存在或不在您的管辖范围内")
    else:
        organiser = None
    return import_activities(path, unit=organiser, region=region, user=user, dry_run=dry_run)
