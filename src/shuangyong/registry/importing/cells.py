"""Reading one cell of an office roster: dates written five ways, grades as 四级 or 4, full-width digits...

Each parser returns the value or raises CellError with a plain Chinese message; the importer adds the row
and column.
"""

import re
from datetime import date, datetime, timedelta

FULL_WIDTH = str.maketrans("０１２３４５６７８９．－／　", "0123456789.-/ ")
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
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


def parse_grade(value) -> int | None:
    raw = text(value).removesuffix("级").removeprefix("伤残").removesuffix("等")
    if not raw:
        return None
    if raw.isdigit():
        grade = int(raw)
    elif raw in CHINESE_DIGITS:
        grade = CHINESE_DIGITS[raw]
    else:
        raise CellError(f"伤残等级“{text(value)}”无法识别，应为一级至十级或 1-10")
    if not 1 <= grade <= 10:
        raise CellError(f"伤残等级 {grade} 超出一级至十级")
    return grade


def _choice(value, table: dict[str, str], what: str, allowed: str) -> str:
    raw = text(value)
    if not raw:
        return ""
    if raw in table:
        return table[raw]
    raise CellError(f"{what}“{raw}”无法识别，应为{allowed}")


SEX = {"男": "M", "女": "F", "M": "M", "F": "F", "男性": "M", "女性": "F"}
HUKOU = {
    "城镇": "urban",
    "城市": "urban",
    "非农": "urban",
    "非农业": "urban",
    "城": "urban",
    "居民": "urban",
    "农村": "rural",
    "农业": "rural",
    "乡村": "rural",
    "农": "rural",
}
NATURE = {"因战": "war", "因公": "duty", "因病": "illness", "战": "war", "公": "duty", "病": "illness"}
PERIOD = {
    "抗日战争时期": "anti_japanese",
    "抗日战争": "anti_japanese",
    "抗日": "anti_japanese",
    "解放战争时期": "liberation",
    "解放战争": "liberation",
    "解放": "liberation",
    "建国后": "prc",
    "新中国成立后": "prc",
    "建国以后": "prc",
}
SUPPORT = {"集中": "central", "集中供养": "central", "分散": "dispersed", "分散供养": "dispersed"}


def parse_sex(value) -> str:
    return _choice(value, SEX, "性别", "男或女")


def parse_hukou(value) -> str:
    return _choice(value, HUKOU, "户籍性质", "城镇或农村")


def parse_nature(value) -> str:
    return _choice(value, NATURE, "伤残性质", "因战、因公或因病")


def parse_period(value) -> str:
    return _choice(value, PERIOD, "入伍时期", "抗日战争时期、解放战争时期或建国后")


def parse_support(value) -> str:
    return _choice(value, SUPPORT, "供养方式", "集中供养或分散供养")


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
