"""Writes a statistics table as .xlsx in the layout offices file: title, 填报单位 and date line, a bordered
grid with a 合计 row, the counting rule, the sign-off line. Numbers stay numbers (money with two places)."""

from shuangyong.reports.statistics.tables import Table
from shuangyong.xlsx import for_print, new_workbook, sign_off


def write_table(table: Table, out) -> int:
    """Write `table` to `out` (path or file object); returns the number of data rows."""
    book = new_workbook(out, in_memory=True)
    title = book.add_format(
        {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter", "font_name": "宋体"}
    )
    plain = book.add_format({"font_size": 10, "font_name": "宋体"})
    head = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#EEEEEE"}
    )
    text = book.add_format({"border": 1})
    number = book.add_format({"border": 1, "num_format": "#,##0"})
    money = book.add_format({"border": 1, "num_format": "#,##0.00"})
    total_text = book.add_format({"border": 1, "bold": True})
    total_number = book.add_format({"border": 1, "bold": True, "num_format": "#,##0"})
    total_money = book.add_format({"border": 1, "bold": True, "num_format": "#,##0.00"})
    count = 0
    for sheet in table.sheets:
        ws = book.add_worksheet(sheet.name[:31])
        width = len(sheet.headers)
        ws.set_column(0, 0, 22)
        ws.set_column(1, width - 1, 12)
        if width > 1:
            ws.merge_range(0, 0, 0, width - 1, sheet.title, title)
        else:
            ws.write(0, 0, sheet.title, title)
        ws.set_row(0, 30)
        ws.write(1, 0, f"填报单位：{table.scope_name}", plain)
        ws.write(1, max(width - 2, 1), f"统计年度：{table.year}年", plain)
        ws.set_row(2, 32)
        ws.write_row(2, 0, sheet.headers, head)
        numbers, totals = (money, total_money) if sheet.money else (number, total_number)
        for i, row in enumerate(sheet.rows, start=3):
            ws.write(i, 0, row[0], text)
            for j, value in enumerate(row[1:], start=1):
                ws.write_number(i, j, value, numbers)
        total_at = 3 + len(sheet.rows)
        total = sheet.total_row()
        ws.write(total_at, 0, total[0], total_text)
        for j, value in enumerate(total[1:], start=1):
            ws.write_number(total_at, j, value, totals)
        ws.write(total_at + 1, 0, sheet.note, plain)
        sign_off(ws, total_at + 3, table.scope_name)
        ws.freeze_panes(3, 1)
        for_print(ws, columns=width, header_rows=3)
        count += len(sheet.rows)
    book.close()
    return count
