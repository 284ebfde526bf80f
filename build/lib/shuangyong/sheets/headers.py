"""Finding a sheet's header row by one rule, from a table of synonyms that is data (each import's CSV of key,
canonical, variants).

The rule: among the first `scan` rows, the row that has every anchor column and names the most known columns
(title rows and notes above the header name few or none). The columns it names that the import does not know
are reported back, so a column that is ignored is never ignored silently.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from shuangyong.sheets.cells import text
from shuangyong.sheets.problems import Problem, SheetError

HEADER_SCAN_ROWS = 20
# a unit written after the name: 金额（元）, 宣传材料（份）
UNIT_SUFFIX = re.compile(r"\(([^()]*)\)$")
# columns every office adds that carry nothing to import: never reported as unread
ROW_NUMBER_HEADERS = {"序号", "编号", "顺序号", "No", "NO", "No."}
_NOISE = re.compile(r"[\s*＊:：\n\r]+")


def unit_of(header: str) -> str:
    """The unit a header writes in brackets after its name ("宣传材料（份）" → "份"), else ""."""
    match = UNIT_SUFFIX.search(clean_header(header))
    return match.group(1) if match else ""


def clean_header(value) -> str:
    if value is None:
        return ""
    return _NOISE.sub("", str(value)).replace("（", "(").replace("）", ")").replace("％", "%")


@dataclass(frozen=True)
class HeaderTable:
    lookup: dict[str, str]  # cleaned header text → key
    canonical: dict[str, str]  # key → the header as the template writes it

    def key_for(self, value) -> str | None:
        """The key of a header as written; a unit in brackets after a name the table knows is allowed."""
        cleaned = clean_header(value)
        return self.lookup.get(cleaned) or self.lookup.get(UNIT_SUFFIX.sub("", cleaned))


def read_synonyms(path: Path) -> HeaderTable:
    """The table from a CSV of key, canonical, variants (| apart)."""
    lookup, canonical = {}, {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            canonical[row["key"]] = row["canonical"]
            for name in [row["canonical"], *filter(None, row["variants"].split("|"))]:
                lookup[clean_header(name)] = row["key"]
    return HeaderTable(lookup, canonical)


@dataclass
class Header:
    index: int  # position of the header row among the rows given
    row: int  # its Excel row number
    columns: dict[str, int]  # key → column index (the first column of a key wins)
    written: dict[str, str]  # key → the header as the sheet writes it
    unknown: list[str] = field(default_factory=list)  # headers the import does not read, as written
    cells: list = field(default_factory=list)  # the header row's cells as read

    def text(self, cells: list, key: str) -> str:
        """The text of the key's cell in a row ("" when the sheet has no such column)."""
        position = self.columns.get(key)
        return text(cells[position]) if position is not None and position < len(cells) else ""

    def positions(self) -> dict[str, int]:
        """Header as written → column index: where the error report (sheets.report) marks a problem's cell."""
        return {self.written[key]: index for key, index in self.columns.items() if key in self.written}

    def label(self, key: str, table: HeaderTable) -> str:
        """How to name the column in a message: as the sheet writes it, else as the template does."""
        return self.written.get(key) or table.canonical.get(key, key)


def match_row(cells: list, table: HeaderTable) -> Header:
    columns: dict[str, int] = {}
    written: dict[str, str] = {}
    unknown = []
    for position, cell in enumerate(cells):
        key = table.key_for(cell)
        if key is None:
            if text(cell) and clean_header(cell) not in ROW_NUMBER_HEADERS:
                unknown.append(text(cell))
        elif key not in columns:
            columns[key], written[key] = position, text(cell)
    return Header(-1, 0, columns, written, unknown, list(cells))


def find_header(
    rows: list[tuple[int, list]],
    table: HeaderTable,
    *,
    anchors: tuple[str, ...],
    required: tuple[str, ...] = (),
    scan: int = HEADER_SCAN_ROWS,
    one_of: tuple[tuple[str, ...], ...] = (),
) -> Header:
    """The header among the first `scan` (Excel row number, cells) rows; SheetError with a Chinese message when
    there is none, or when it lacks a required column. A header has every anchor and, of each group in `one_of`,
    at least one column (a bank's return file names its payee by 业务编号 or by 账号)."""
    best: Header | None = None
    for index, (number, cells) in enumerate(rows[:scan]):
        found = match_row(cells, table)
        anchored = all(k in found.columns for k in anchors) and all(
            any(k in found.columns for k in group) for group in one_of
        )
        if anchored and (best is None or len(found.columns) > len(best.columns)):
            found.index, found.row = index, number
            best = found
    if best is None:
        names = "”和“".join(table.canonical[k] for k in anchors)
        raise SheetError(f"前 {scan} 行内没有找到表头（须有“{names}”列）")
    missing = [table.canonical[k] for k in required if k not in best.columns]
    if missing:
        raise SheetError(f"表头缺少必填列：{'、'.join(missing)}")
    return best


def read_header(
    rows: Iterable[tuple[int, list]],
    table: HeaderTable,
    *,
    anchors: tuple[str, ...],
    required: tuple[str, ...] = (),
    scan: int = HEADER_SCAN_ROWS,
) -> tuple[Header, Iterator[tuple[int, list]]]:
    """The header of a sheet read as a stream, and the rows below it: only the first `scan` rows are read ahead,
    so a million-row sheet is never held whole."""
    rows = iter(rows)
    head = list(islice(rows, scan))
    header = find_header(head, table, anchors=anchors, required=required, scan=scan)
    return header, chain(head[header.index + 1 :], rows)


UNREAD_MESSAGE = "此列未导入：系统不识别该列名（如需导入，请改用模板中的列名）"


def unread_columns(header: Header) -> list[Problem]:
    """A warning for each column the import does not read, on the header row."""
    return [Problem(header.row, name, UNREAD_MESSAGE) for name in header.unknown]
