"""12-digit administrative codes (GB/T 2260 + 国家统计局 statistical codes) and their short forms.

Layout: PP CC DD TTT VVV — province, city, county, town (乡镇/街道), village (村/社区).
A code's level is read from its trailing zeros; a subtree is a contiguous range of codes, which is what
makes subtree filters a cheap index range scan on any table that stores the region code.
"""

from django.db import models


class Level(models.IntegerChoices):
    PROVINCE = 1, "省"
    CITY = 2, "市"
    COUNTY = 3, "县"
    TOWN = 4, "乡镇"
    VILLAGE = 5, "村"


# significant digits per level
PREFIX_LENGTH = {Level.PROVINCE: 2, Level.CITY: 4, Level.COUNTY: 6, Level.TOWN: 9, Level.VILLAGE: 12}
SHORT_LENGTHS = {2, 4, 6, 9, 12}


class InvalidRegionCode(ValueError):
    pass


def normalize_code(raw) -> str:
    """Accept a 12-digit code or its short form (2, 4, 6 or 9 digits) and return 12 digits."""
    text = str(raw).strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text.isdigit() or len(text) not in SHORT_LENGTHS:
        raise InvalidRegionCode(f"区划代码“{raw}”无效：应为 12 位数字，或 6 位（县）、9 位（乡镇）简码")
    return text.ljust(12, "0")


def level_of(code: str) -> Level:
    if code[2:] == "0" * 10:
        return Level.PROVINCE
    if code[4:] == "0" * 8:
        return Level.CITY
    if code[6:] == "000000":
        return Level.COUNTY
    if code[9:] == "000":
        return Level.TOWN
    return Level.VILLAGE


def short_code(code: str) -> str:
    return code[: PREFIX_LENGTH[level_of(code)]]


def subtree_bounds(code: str) -> tuple[str, str]:
    """The inclusive range of 12-digit codes in the subtree rooted at `code`."""
    prefix = short_code(code)
    return prefix.ljust(12, "0"), prefix.ljust(12, "9")


def parent_code_of(code: str) -> str | None:
    level = level_of(code)
    if level == Level.PROVINCE:
        return None
    return code[: PREFIX_LENGTH[Level(level - 1)]].ljust(12, "0")


def county_code(code: str) -> str:
    """The 12-digit code of the county a county-or-lower region lies in."""
    return code[: PREFIX_LENGTH[Level.COUNTY]].ljust(12, "0")
