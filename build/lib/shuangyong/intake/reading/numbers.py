"""Chinese and Arabic numerals to Decimal."""

from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
LARGE = {"万": 10_000, "亿": 100_000_000}
CHINESE_CHARS = "".join(DIGITS) + "".join(SMALL) + "".join(LARGE)


def chinese_to_int(text: str) -> int | None:
    """一百二十 → 120, 两百 → 200, 十七 → 17, 百 → 100, 万 → 10000, 一万二千 → 12000; None when not a well-formed
    numeral."""
    if not text:
        return None
    if all(c in DIGITS for c in text) and len(text) > 1:  # 二〇二〇 (a year) digit by digit; 三四 is "three or four"
        return int("".join(str(DIGITS[c]) for c in text)) if len(text) >= 4 else None
    total, section, digit = 0, 0, None
    for char in text:
        if char in "零〇":
            continue  # 五千零三: the zero only marks a gap
        if char in DIGITS:
            if digit is not None:
                return None  # two digits in a row inside a positional numeral: 三四 is not a number
            digit = DIGITS[char]
        elif char in SMALL:
            section += (1 if digit is None else digit) * SMALL[char]
            digit = None
        elif char in LARGE:
            if digit is None and not section and not total:
                digit = 1  # 万 alone, as in 近万名: ten thousand
            section += digit or 0
            total = (total + section) * LARGE[char] if LARGE[char] > 10_000 else total + section * LARGE[char]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def to_decimal(text: str) -> Decimal | None:
    if not text:
        return None
    if text[0].isdigit():
        return Decimal(text)
    value = chinese_to_int(text)
    return None if value is None else Decimal(value)
