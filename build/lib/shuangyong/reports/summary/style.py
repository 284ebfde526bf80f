"""What a generated summary must never say: filler, a label and its unit saying the same thing twice, odd
groupings, unfilled placeholders, broken punctuation. The tests run every shipped phrasing through it, and
bench/summary_quality.py counts what the demo county's summaries still break."""

import re

BANNED: list[tuple[re.Pattern, str]] = [
    (re.compile(r"据统计"), "空话“据统计”"),
    (
        re.compile(r"(人数|次数|件数|张数|份数|户数|个数|项数|块数|幅数|期数|篇数|册数|场次数|台次数)\d"),
        "名称和单位重复（如“照片张数23张”）",
    ),
    (re.compile(r"的\d+(人|名)(现役军人|优抚对象|军人)"), "数量放错位置（如“立功受奖的8人现役军人家庭”）"),
    (re.compile(r"(本年|全年)(本年|全年)"), "重复的时间词"),
    (re.compile(r"[一二三四五六七八九十]+是其中"), "以“其中”开头的要点"),
    (re.compile(r"\d\.0(?![\d%])"), "多余的“.0”"),
    (re.compile(r"[，、；：]{2,}|[，、；：]。|（）|（[，、]|[，、]）"), "标点错误"),
    (re.compile(r"[{}\[\]]"), "未填的占位符"),
    (re.compile(r"None|nan|null"), "程序值"),
]
REPEAT_CHARS = 8  # a run of this many characters said three times in one section is monotony


def violations(text: str) -> list[str]:
    """What the text breaks, one entry per rule broken."""
    return [why for pattern, why in BANNED if pattern.search(text)]


def repeated(text: str, times: int = 3) -> list[str]:
    """Runs of REPEAT_CHARS characters (letters only) that occur `times` or more in the text."""
    letters = re.sub(r"[\W\d_]", "", text)
    seen: dict[str, int] = {}
    for i in range(len(letters) - REPEAT_CHARS + 1):
        run = letters[i : i + REPEAT_CHARS]
        seen[run] = seen.get(run, 0) + 1
    return sorted(run for run, count in seen.items() if count >= times)
