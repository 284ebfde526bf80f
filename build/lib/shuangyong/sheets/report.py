"""The import's error report: the same sheet back, bad cells marked red, a message column added.

Rebuilt from the rows as read (for .xlsx, .xls and .csv alike) with xlsxwriter in constant-memory mode;
the original formatting is not kept, the values, rows and columns are.
"""

from collections import defaultdict
from pathlib import Path

from shuangyong.sheets.problems import Problem
from shuangyong.sheets.reader import open_sheet
from shuangyong.xlsx import new_workbook

MESSAGE_HEADER = "错误说明"


def write_error_report(source: Path, problems: list[Problem], header_row: int, columns: dict[str, int], out) -> int:
    """Write the report to `out`; returns the number of rows marked."""
    by_row: dict[int, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_row[problem.row].append(problem)
    workbook = new_workbook(out, constant_memory=True)
    sheet = workbook.add_worksheet("错误报告")
    bad = workbook.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    message_format = workbook.add_format({"font_color": "#9C0006", "text_wrap": False})
    width = 0
    for row_number, cells in open_sheet(Path(source)):
        width = max(width, len(cells))
        marked = {columns[p.column] for p in by_row.get(row_number, ()) if p.column in columns}
        for col, value in enumerate(cells):
            if value in ("", None):
                if col in marked:
                    sheet.write_blank(row_number - 1, col, None, bad)
                continue
            sheet.write(
                row_number - 1,
                col,
                value if not hasattr(value, "isoformat") else value.isoformat(),
                bad if col in marked else None,
            )
        if row_number == header_row:
            sheet.write(row_number - 1, len(cells), MESSAGE_HEADER)
        elif row_number in by_row:
            text = "；".join(f"{p.column}：{p.message}" for p in by_row[row_number])
            sheet.write(row_number - 1, len(cells), text, message_format)
    sheet.set_column(width, width, 60)
    workbook.close()
    return len(by_row)
