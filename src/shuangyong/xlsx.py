"""Every .xlsx the system writes starts here: text that looks like a formula (= + - @) stays text.

A note typed as "=HYPERLINK(...)" must not become a live formula in a roster someone opens later (CSV/formula
injection); xlsxwriter turns such strings into formulas unless told not to.
"""

import xlsxwriter

SAFE = {"strings_to_formulas": False, "strings_to_urls": False}


def new_workbook(out, **options) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(out, {**options, **SAFE})


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """For writers that would interpret a string (openpyxl, CSV): a leading ' makes a formula-like string text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
