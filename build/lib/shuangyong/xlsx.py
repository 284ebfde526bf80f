"""Every .xlsx the system writes starts here: text that looks like a formula (= + - @) stays text, and a roster
prints as an office files it (`for_print`, `sign_off`).

A note typed as "=HYPERLINK(...)" must not become a live formula in a roster someone opens later (CSV/formula
injection); xlsxwriter turns such strings into formulas unless told not to.
"""

import xlsxwriter

SAFE = {"strings_to_formulas": False, "strings_to_urls": False}


def new_workbook(out, **options) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(out, {**options, **SAFE})


WIDE = 8  # more columns than this print landscape


def for_print(sheet, *, columns: int, header_rows: int) -> None:
    """A4, landscape when wide, fitted to the page's width (as many pages long as it takes), the title and column
    heads repeated on every page, 第 N 页 共 M 页 in the footer."""
    sheet.set_paper(9)
    if columns > WIDE:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, header_rows - 1)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    sheet.set_footer("&C第 &P 页 共 &N 页")


SIGN_OFF = "制表单位：{unit}　　　　制表人：　　　　　　审核人：　　　　　　日期：　　　　年　　月　　日"


def sign_off_text(unit: str) -> str:
    """The line under a roster that the office fills and signs by hand (a printed page writes it too)."""
    return SIGN_OFF.format(unit=unit)


def sign_off(sheet, row: int, unit: str) -> None:
    """The sign-off line written at `row` (leave one empty above it)."""
    sheet.write(row, 0, sign_off_text(unit))
