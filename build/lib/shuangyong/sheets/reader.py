"""Reading a roster file (.xlsx, .xls, .ods via python-calamine; .csv) into rows with Excel row numbers.

Merged cells hold their value in the top-left cell only; a 乡镇 merged down over many rows belongs to each
of them, so merged values are copied into every cell of the merged range.
"""

import csv
import io
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import python_calamine

from shuangyong.filelimits import FileRefused, check_workbook

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


class ReadError(ValueError):
    pass


class Sheet:
    """Iterates (excel_row_number, cells) with merged ranges filled in."""

    def __init__(self, rows, first_row: int, width: int, merges=(), total_rows: int | None = None):
        self._rows = rows
        self.total_rows = total_rows  # Excel rows in the sheet, for progress
        self.first_row = first_row  # 0-based sheet row of the first row yielded
        self.width = width
        self._covered: dict[tuple[int, int], tuple[int, int]] = {}
        for (r0, c0), (r1, c1) in merges:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        self._covered[(r, c)] = (r0, c0)
        self._anchors = set(self._covered.values())

    def __iter__(self) -> Iterator[tuple[int, list]]:
        anchor_values: dict[tuple[int, int], object] = {}
        for offset, cells in enumerate(self._rows):
            row0 = self.first_row + offset
            if type(cells) is not list:
                cells = list(cells)
            if len(cells) < self.width:
                cells.extend([""] * (self.width - len(cells)))
            if self._covered:
                for col in range(len(cells)):
                    key = (row0, col)
                    if key in self._anchors:
                        anchor_values[key] = cells[col]
                    elif key in self._covered:
                        cells[col] = anchor_values.get(self._covered[key], "")
            yield row0 + 1, cells


def decode_csv(raw: bytes) -> str:
    """A CSV's text as offices save it: UTF-8 (with or without its byte-order mark) or GBK/GB18030 (Excel on a
    Chinese Windows); ReadError when it is neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("CSV 文件编码无法识别（请用 UTF-8 或 GBK）")


WIDTH_ROWS = 50  # a CSV's width is read off its first rows; a longer row further down keeps all its cells


def csv_sheet(content: str) -> Sheet:
    """CSV text (a file decoded by decode_csv, or a shipped table) as a sheet whose rows are parsed as they are
    read, not all at once."""
    text = content.lstrip("\ufeff")
    width = max((len(r) for r in islice(csv.reader(io.StringIO(text)), WIDTH_ROWS)), default=0)
    # for progress only: a line break quoted inside a cell counts one line too many
    lines = text.count("\n") + (0 if not text or text.endswith("\n") else 1)
    return Sheet(csv.reader(io.StringIO(text)), 0, width, total_rows=lines)


def open_sheet(path: Path, sheet_name: str | None = None) -> Sheet:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return csv_sheet(decode_csv(path.read_bytes()))
    if suffix not in SPREADSHEET_SUFFIXES:
        raise ReadError(f"不支持的文件类型“{suffix}”，请上传 .xlsx、.xls 或 .csv")
    if suffix in {".xlsx", ".xlsm"}:
        try:
            check_workbook(path)
        except FileRefused as exc:
            raise ReadError(str(exc)) from None
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_name(sheet_name) if sheet_name else workbook.get_sheet_by_index(0)
    except Exception:  # calamine raises its own error types, in English, for damaged files
        raise ReadError("无法打开表格文件：文件已损坏或格式不对，请用 Excel 或 WPS 另存为 .xlsx 后重新上传") from None
    start = sheet.start or (0, 0)
    width = (sheet.end[1] + 1) if sheet.end else 0
    rows = sheet.iter_rows()
    if start[1]:
        # calamine's rows begin at the first used column; keep column indexes absolute
        rows = ([""] * start[1] + list(r) for r in rows)
    total = (sheet.end[0] + 1) if sheet.end else 0
    return Sheet(rows, start[0], width, sheet.merged_cell_ranges or (), total_rows=total)
