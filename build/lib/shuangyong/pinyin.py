"""Pinyin initials of names, for search by 拼音首字母 (张三 → zs)."""

from functools import lru_cache

from pypinyin import Style, pinyin


@lru_cache(maxsize=20000)
def _initial(char: str) -> str:
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    result = pinyin(char, style=Style.FIRST_LETTER, heteronym=False, errors="ignore")
    return result[0][0].lower() if result and result[0] else ""


def initials(name: str) -> str:
    # per character, cached: a million names share a few thousand characters
    return "".join(_initial(c) for c in name)[:40]
