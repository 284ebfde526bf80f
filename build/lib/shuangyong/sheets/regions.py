"""The region import (code, name, parent_code: 12-digit codes or short forms), through the one sheet package.

It lives here rather than in `regions` because every other floor builds on regions: the region tree cannot import
the sheet package that reads its own places. The rows are checked first; any error writes nothing; importing the
same sheet again changes nothing; `within` keeps a county's staff to their subtree.
"""

from pathlib import Path

from django.db import transaction

from shuangyong.regions.codes import InvalidRegionCode, level_of, normalize_code, parent_code_of, subtree_bounds
from shuangyong.regions.models import Region
from shuangyong.sheets.cells import text
from shuangyong.sheets.headers import Header, HeaderTable, find_header, read_synonyms, unread_columns
from shuangyong.sheets.problems import ImportCounts, Problem
from shuangyong.sheets.reader import csv_sheet, open_sheet

HEADERS_CSV = Path(__file__).resolve().parent / "data" / "region_headers.csv"
REQUIRED = ("code", "name")


def region_headers() -> HeaderTable:
    return read_synonyms(HEADERS_CSV)


def import_regions_file(path: Path, *, dry_run: bool = False, within: str | None = None) -> ImportCounts:
    """A .csv, .xlsx or .xls sheet of regions."""
    return import_regions(list(open_sheet(Path(path))), dry_run=dry_run, within=within)


def import_regions_text(content: str, *, dry_run: bool = False, within: str | None = None) -> ImportCounts:
    """CSV text of regions (the shipped tables of the demo county, an uploaded CSV)."""
    return import_regions(list(csv_sheet(content)), dry_run=dry_run, within=within)


def import_regions(rows: list[tuple[int, list]], *, dry_run: bool = False, within: str | None = None) -> ImportCounts:
    table = region_headers()
    header = find_header(rows, table, anchors=REQUIRED, required=REQUIRED)
    counts = ImportCounts(warnings=unread_columns(header))
    parsed = _parsed(rows[header.index + 1 :], header, table, counts, within)
    _check_parents(parsed, header, table, counts)
    if counts.errors:
        return counts
    _write(parsed, counts, dry_run)
    return counts


def _parsed(rows, header: Header, table: HeaderTable, counts: ImportCounts, within) -> dict:
    """code → (row, name, parent code) of every good row; each problem by row and column."""
    parsed: dict[str, tuple[int, str, str | None]] = {}

    def fail(row: int, key: str, message: str) -> None:
        counts.errors.append(Problem(row, header.label(key, table), message))

    for row, cells in rows:
        if not any(text(value) for value in cells):
            continue
        try:
            code = normalize_code(header.text(cells, "code"))
        except InvalidRegionCode as exc:
            fail(row, "code", str(exc))
            continue
        name = header.text(cells, "name")
        if not name:
            fail(row, "name", "名称不能为空")
            continue
        raw_parent = header.text(cells, "parent_code")
        try:
            parent = normalize_code(raw_parent) if raw_parent else parent_code_of(code)
        except InvalidRegionCode as exc:
            fail(row, "parent_code", str(exc))
            continue
        if parent is not None and level_of(parent) >= level_of(code):
            fail(row, "parent_code", f"上级 {parent} 的层级不高于 {code}")
        elif code in parsed:
            fail(row, "code", f"区划代码 {code} 在文件中重复")
        elif within and not (subtree_bounds(within)[0] < code <= subtree_bounds(within)[1]):
            fail(row, "code", f"区划 {code} 不在您的管辖范围内")
        else:
            parsed[code] = (row, name, parent)
    return parsed


def _check_parents(parsed: dict, header: Header, table: HeaderTable, counts: ImportCounts) -> None:
    wanted = {parent for _, _, parent in parsed.values() if parent and parent not in parsed}
    known = set(Region.objects.filter(code__in=wanted).values_list("code", flat=True))
    for row, _, parent in parsed.values():
        if parent and parent not in parsed and parent not in known:
            counts.errors.append(Problem(row, header.label("parent_code", table), f"上级区划 {parent} 不存在"))


def _write(parsed: dict, counts: ImportCounts, dry_run: bool) -> None:
    existing = {region.code: region for region in Region.objects.filter(code__in=list(parsed))}
    with transaction.atomic():
        for code in sorted(parsed, key=lambda c: (level_of(c), c)):  # parents first
            _, name, parent = parsed[code]
            current = existing.get(code)
            if current is None:
                counts.created += 1
                if not dry_run:
                    Region(code=code, name=name, level=level_of(code), parent_id=parent).save()
            elif current.name != name or current.parent_id != parent:
                counts.updated += 1
                if not dry_run:
                    current.name, current.parent_id = name, parent
                    current.save()
            else:
                counts.unchanged += 1
