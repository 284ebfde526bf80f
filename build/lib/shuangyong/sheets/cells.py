"""Reading one cell of an office's sheet: text with full-width digits, dates written five ways, numbers of years,
bank accounts, and a value from a table of labels.

Each parser returns the value or raises CellError with a plain Chinese message; the import adds the row and
column.
"""

import re
from datetime import date, datetime, timedelta

FULL_WIDTH = str.maketrans("０１２３４５６７８９．－／　", "0123456789.-/ ")
EXCEL_EPOCH = date(1899, 12, 30)
DATE_PATTERNS = (
    re.compile(r"^(\d{4})[.\-/年](\d{1,2})(?:[.\-/月](\d{1,2})日?)?月?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})?$"),
)


class CellError(ValueError):
    pass


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).translate(FULL_WIDTH).strip().replace(" ", "")


def parse_date(value, *, month_only: bool = False) -> date | None:
    """Excel dates, datetime cells and text such as 1950.03 / 1950年3月 / 1950-3-15 / 19500315."""
    if value is None or value == "":
        return None
    found: date | None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, int | float) and 1 < value < 80000 and not (1000 <= value <= 9999):
        found = EXCEL_EPOCH + timedelta(days=int(value))
    else:
        raw = text(value)
        if isinstance(value, float) and not value.is_integer():
            raw = repr(value)  # 1950.03 typed into a number cell: read it as the cell shows it
        found = None
        for pattern in DATE_PATTERNS:
            match = pattern.match(raw)
            if match:
                year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
                try:
                    found = date(year, month, day)
                except ValueError:
                    raise CellError(f"日期“{raw}”不存在") from None
                break
        if found is None:
            raise CellError(f"无法识别的日期“{raw}”，请写成 1950-03-15、1950.03 或 1950年3月")
    if found.year < 1890 or found > date.today() + timedelta(days=366):
        raise CellError(f"日期 {found} 不合理")
    return found.replace(day=1) if month_only else found


def choice(value, table: dict[str, str], what: str, allowed: str | None = None) -> str:
    """The value a label stands for, by exact match after `text()` (one rule for every sheet: no substrings, so
    "不合格" never reads as "合格"); an empty cell is ""."""
    raw = text(value)
    if not raw:
        return ""
    if raw in table:
        return table[raw]
    listed = allowed or "、".join(label for label in table if label)
    raise CellError(f"{what}“{raw}”无法识别，应为{listed}")


def choice_table(choices, **aliases: str) -> dict[str, str]:
    """{label: value} for `choice()` from Django choices: each label and each stored value, plus the words
    offices write instead (aliases: 党员="party")."""
    table = {str(label): value for value, label in choices if value}
    table.update({value: value for value, _ in choices if value})
    table.update(aliases)
    return table


def parse_years(value) -> int | None:
    raw = text(value).removesuffix("年")
    if not raw:
        return None
    try:
        years = int(float(raw))
    except ValueError:
        raise CellError(f"服役年限“{raw}”不是数字") from None
    if not 0 <= years <= 60:
        raise CellError(f"服役年限 {years} 不合理")
    return years


def parse_account(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 10**15:
        raise CellError("银行账号被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重新填写")
    raw = text(value).replace("-", "")
    if not raw:
        return ""
    if "E+" in raw.upper() or "." in raw:
        raise CellError("银行账号被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重新填写")
    if not raw.isdigit() or not 8 <= len(raw) <= 30:
        raise CellError(f"银行账号“{raw}”应为 8 至 30 位数字")
    return raw
