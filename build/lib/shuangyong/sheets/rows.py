"""One data row read against its header: every import's row → fields goes through this.

A cell is asked for by the import's key; its parser's refusal (a CellError, or a RuleError of the domain) becomes a
Problem of this row, under the column as the sheet writes it; an empty required cell says which column is empty.
The roster import alone reads column by column instead (registry.importing.rows: a million rows).
"""

from collections.abc import Callable
from typing import Any

from shuangyong.errors import RuleError
from shuangyong.sheets.cells import CellError
from shuangyong.sheets.cells import text as cell_text
from shuangyong.sheets.headers import Header, HeaderTable
from shuangyong.sheets.places import PlaceError, RegionMatcher
from shuangyong.sheets.problems import FOOTER_WORDS, Problem


class SheetRow:
    def __init__(self, number: int, cells: list, header: Header, table: HeaderTable, problems: list[Problem]):
        self.number, self.cells, self.header, self.table = number, cells, header, table
        self.problems = problems  # the import's list: this row's problems are added to it
        self.refused: set[str] = set()  # keys whose cell was there but could not be read
        self.failed = False  # a problem of this row is noted

    def is_record(self, *keys: str) -> bool:
        """A row of data: one of `keys` (the anchors) filled, and not a total or sign-off line below the table."""
        if not any(self.has(key) for key in keys):
            return False
        first = next((cell_text(cell) for cell in self.cells if cell_text(cell)), "")
        return not first.startswith(FOOTER_WORDS) and not any(self.text(key).startswith(FOOTER_WORDS) for key in keys)

    def column(self, key: str) -> str:
        return self.header.label(key, self.table)

    def raw(self, key: str):
        """The cell as read, None when the sheet has no such column or the cell is empty."""
        index = self.header.columns.get(key)
        if index is None or index >= len(self.cells):
            return None
        value = self.cells[index]
        return None if value == "" else value

    def text(self, key: str) -> str:
        return cell_text(self.raw(key))

    def has(self, key: str) -> bool:
        return self.raw(key) is not None

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.number, self.column(key), message))
        self.failed = True

    def get(self, key: str, parse: Callable[[Any], Any] = cell_text, *, required: bool = False):
        """parse(cell), or None when the cell is empty (a problem if `required`) or refused (a problem)."""
        value = self.raw(key)
        if value is None:
            if required:
                self.fail(key, f"“{self.column(key)}”不能为空")
            return None
        try:
            return parse(value)
        except (CellError, RuleError) as exc:
            self.fail(key, str(exc))
            self.refused.add(key)
            return None

    def region(self, matcher: RegionMatcher) -> str | None:
        """The code of the place the row names (乡镇 and 村, or 区划代码), or None with the column at fault."""
        try:
            return matcher.match(self.text("town"), self.text("village"), self.text("region_code"))
        except PlaceError as exc:
            self.fail(exc.key, str(exc))
            return None


def sheet_rows(rows, header: Header, table: HeaderTable, problems: list[Problem], *anchors: str):
    """The records below the header (SheetRow.is_record by `anchors`), each as a SheetRow noting into `problems`."""
    for number, cells in rows:
        row = SheetRow(number, cells, header, table, problems)
        if row.is_record(*anchors):
            yield row
