"""公民身份号码 (GB 11643) checks.

Written by hand: python-stdnum's cn.ric rejects numbers whose region code is missing from its own table,
and region codes are abolished and merged over the years, so a valid old number would be refused. Here an
unknown region is only a warning; checksum, birth date and sex are checked strictly.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from operator import mul

from shuangyong.sheets.cells import CellError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
FULL_WIDTH = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789XX")
SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)


class IdNumberError(ValueError):
    pass


@dataclass
class IdNumber:
    value: str
    birth_date: date
    sex: str  # "M" or "F"
    region_prefix: str
    warnings: list[str] = field(default_factory=list)


def check_char(first17: str) -> str:
    return CHECK_CHARS[sum(map(mul, map(int, first17), WEIGHTS)) % 11]


def normalize(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float | int) and not isinstance(raw, bool):
        # Excel keeps 15 significant digits: an old 15-digit number survives as a number, an 18-digit one does not
        if float(raw).is_integer() and 0 < raw < 10**15:
            return str(int(raw))
        raise IdNumberError(f"身份证号被 Excel 存成了数字（{raw:.6g}），末几位已丢失，请把该列设为文本后重新填写")
    text = re.sub(r"\s+", "", str(raw)).translate(FULL_WIDTH).upper().lstrip("'")
    if SCIENTIFIC.match(text):
        raise IdNumberError(f"身份证号被 Excel 存成了数字（{text}），末几位已丢失，请把该列设为文本后重新填写")
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


def _birth(text: str) -> date:
    try:
        born = date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise IdNumberError(f"身份证号中的出生日期 {text} 不存在") from None
    if born.year < 1890 or born > date.today():
        raise IdNumberError(f"身份证号中的出生日期 {text} 不合理")
    return born


def parse(raw, known_region=None) -> IdNumber:
    """Validate and return the 18-digit number. `known_region(prefix6) -> bool` decides the region warning."""
    text = normalize(raw)
    warnings = []
    if not text:
        raise IdNumberError("身份证号不能为空")
    if len(text) == 15 and text.isdigit():
        first17 = text[:6] + "19" + text[6:]
        text = first17 + check_char(first17)
        warnings.append(f"15 位旧身份证号已转换为 18 位：{text}")
    elif len(text) == 18 and text[:17].isdigit() and (text[17].isdigit() or text[17] == "X"):
        expected = check_char(text[:17])
        if text[17] != expected:
            raise IdNumberError(f"身份证号校验位错误（应为 {expected}），请核对号码")
    elif text.isdigit() and len(text) in (16, 17):
        raise IdNumberError(f"身份证号只有 {len(text)} 位，可能被 Excel 当作数字截断，请核对")
    else:
        raise IdNumberError(f"身份证号“{raw}”格式不对：应为 18 位（最后一位可为 X）或 15 位旧号码")
    born = _birth(text[6:14])
    sex = "M" if int(text[16]) % 2 == 1 else "F"
    prefix = text[:6]
    if known_region is not None and not known_region(prefix):
        warnings.append(f"身份证号的地区码 {prefix} 不在当前区划表中（可能已撤并），已接受")
    return IdNumber(value=text, birth_date=born, sex=sex, region_prefix=prefix, warnings=warnings)


def parse_cell(value) -> str:
    """A sheet cell's ID number in its 18-character form; the refusal as a sheets CellError (for SheetRow.get)."""
    try:
        return parse(value).value
    except IdNumberError as exc:
        raise CellError(str(exc)) from None


def mask(value: str) -> str:
    """3501**********1234: the form shown to roles without the right to full numbers."""
    if not value:
        return ""
    if len(value) <= 8:
        return value[:2] + "*" * (len(value) - 2)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_account(value: str) -> str:
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * (len(value) - 4) + value[-4:]
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
