"""Reading a sheet of records before anything is written: the header found, every row parsed by the import's own
`parse` (its problems noted on the row), one key unique across the rows. Imports then write the parsed rows with
sheets.writing.write_rows — or nothing, when a problem was found."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shuangyong.sheets.headers import Header, HeaderTable, read_header, unread_columns
from shuangyong.sheets.problems import ImportCounts
from shuangyong.sheets.reader import open_sheet
from shuangyong.sheets.rows import SheetRow, sheet_rows


@dataclass
class Checked:
    header: Header
    counts: ImportCounts
    parsed: list[tuple[int, dict]] = field(default_factory=list)  # (Excel row, fields) of the rows without problems


def check_rows(
    path: Path,
    table: HeaderTable,
    parse: Callable[[SheetRow], dict],
    *,
    anchors: tuple[str, ...],
    required: tuple[str, ...],
    unique: tuple[str, str],
) -> Checked:
    """`unique` = (key, what the sheet calls it): a value seen on an earlier row is this row's problem."""
    header, rows = read_header(open_sheet(path), table, anchors=anchors, required=required)
    checked = Checked(header, ImportCounts())
    counts = checked.counts
    counts.warnings += unread_columns(header)
    counts.header_row, counts.columns = header.row, header.positions()
    key, label = unique
    seen: dict[object, int] = {}
    for row in sheet_rows(rows, header, table, counts.errors, *anchors):
        fields = parse(row)
        if row.failed:
            continue
        if fields[key] in seen:
            row.fail(key, f"{label}与第 {seen[fields[key]]} 行重复")
        seen[fields[key]] = row.number
        checked.parsed.append((row.number, fields))
    return checked
