"""Activities (kind words, date, place, organisations), organisations and named persons, by general rules over
the tables in data/ (activity_kinds.csv, festivals.csv, org_suffixes.csv, titles.csv, surnames.txt)."""

import csv
import re
from functools import cache

from shuangyong.intake.reading import tables
from shuangyong.intake.reading.figures import clean
from shuangyong.intake.reading.junk import JOIN, JUNK

SEGMENT_END = "。！？!?；;\n" + JUNK
STOP = set('，,。；;：:、（）()“”"‘’《》 \t\n的和与及并对向为在把被将从给也都' + JUNK + JOIN)
ORG_STOP = STOP | set("让以到由照于经据依是个名")
NOT_NAMES = set("和于向时全应连解从")  # surnames that are far more often a preposition or conjunction
PLACE_SUFFIX = (
    "纪念园|纪念馆|纪念碑|烈士陵园|陵园|广场|基地|营区|军营|部队|社区|礼堂|会议室|服务中心|中心|学校|中学|小学"
)


@cache
def _place_pattern() -> re.Pattern:
    suffixes = "|".join([PLACE_SUFFIX, *(re.escape(s) for s in tables.org_suffixes())])
    return re.compile(rf"(?:在|到|赴|前往|走进)([^，,。；;、\n\x00]{{1,14}}?(?:{suffixes}))")


_DATE = re.compile(r"(?:(?:19|20)\d\d年)?\d{1,2}月(?:\d{1,2}[日号])?")
_ADMIN_PREFIX = re.compile(r"^(?:[县市镇乡区省村]|[xX]{2,3})")
_HEADING = re.compile(r"^[>#*\s]*([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")
NAME_END = ("家属", "同志", "等", "的", "家", "及", "和", "老人")


@cache
def festivals() -> tuple[str, ...]:
    with open(tables.DATA_DIR / "festivals.csv", encoding="utf-8", newline="") as fh:
        return tuple(sorted((row["word"] for row in csv.DictReader(fh)), key=len, reverse=True))


def segments(masked: str):
    """Clause groups between 。；！？ and line ends: one activity is told in one of them."""
    start = 0
    for i, char in enumerate(masked + "\n"):
        if char in SEGMENT_END:
            if clean(masked[start:i]):
                yield start, i
            start = i + 1


def find_organisations(masked: str) -> list[tuple[str, int, int]]:
    found = []
    pattern = re.compile("|".join(re.escape(s) for s in tables.org_suffixes()))
    for match in pattern.finditer(masked):
        if masked[match.end() : match.end() + 1] in ("长", "主"):
            continue  # 局长, 队长, 办主任: a person's title, not an organisation
        i = match.start()
        while i > 0 and masked[i - 1] not in ORG_STOP and match.start() - i < 8 and not masked[i - 1].isdigit():
            if any(masked.startswith(v, i - len(v)) for v in tables.verbs() if i - len(v) >= 0):
                break
            i -= 1
        name = re.sub(r"^[我全本该][镇乡县市区村]", "", masked[i : match.end()])
        i = match.end() - len(name)
        if len(match.group()) == 1 and (not _ADMIN_PREFIX.match(name) or "政府" in name or "委" in name[:-1]):
            continue  # 局, 办 alone: only as 县民政局, 镇计生办 (not 大局, 办实事, 县政府工作大局)
        if len(name) >= 3 or len(match.group()) >= 2 and len(name) >= 2:
            found.append((clean(name), i, match.end()))
    return _dedupe_overlaps(found)


def _dedupe_overlaps(found):
    out = []
    for item in sorted(found, key=lambda x: (x[1], -(x[2] - x[1]))):
        if out and item[1] < out[-1][2]:
            continue
        out.append(item)
    return out


def find_persons(masked: str) -> list[dict]:
    persons = []
    surnames = tables.surnames()
    after = "|".join(tables.titles("after"))
    for match in re.finditer(after, masked):
        for size in (1, 2, 3):  # 张局长, 王建国书记: the shortest name that starts with a surname after a boundary
            begin = match.start() - size
            name = masked[begin : match.start()]
            if begin < 0 or name[0] not in surnames or any(c in "委府局镇县市乡村部办党组会长记" for c in name[1:]):
                continue
            before = masked[begin - 1] if begin else ""
            if not before or before in STOP or any(masked.endswith(o, 0, begin) for o in tables.org_suffixes()):
                persons.append({"name": name, "role": match.group(), "start": begin, "end": match.end()})
                break
    for word in tables.titles("before"):
        for match in re.finditer(re.escape(word), masked):
            persons.extend(_names_after(masked, match.end(), word, surnames))
    return sorted(persons, key=lambda p: p["start"])


def _names_after(masked: str, pos: int, role: str, surnames) -> list[dict]:
    out = []
    while pos < len(masked) and masked[pos] in surnames and masked[pos] not in NOT_NAMES:
        if re.match(PLACE_SUFFIX, masked[pos : pos + 4]):
            break
        end = pos + 1
        while end < len(masked) and end - pos < 3 and masked[end] not in STOP and masked[end] >= "\u4e00":
            if any(masked.startswith(w, end) for w in NAME_END):
                break
            end += 1
        if end - pos < 2:
            break
        out.append({"name": masked[pos:end], "role": role, "start": pos, "end": end})
        while end < len(masked) and masked[end] == " ":
            end += 1
        if end < len(masked) and masked[end] == "、":
            pos = end + 1
            continue
        break
    return out


def find_activities(masked: str, figures: list) -> list[dict]:
    kinds = tables.activity_kinds()
    pattern = re.compile("|".join(re.escape(w) for w in sorted(kinds, key=len, reverse=True)))
    organisations = find_organisations(masked)
    out = []
    for start, end in segments(masked):
        text = masked[start:end]
        words = []
        for match in pattern.finditer(text):
            if kinds[match.group()] not in words:
                words.append(kinds[match.group()])
        has_figures = any(start <= f.start < end for f in figures)
        if not words or not has_figures and (len(clean(text)) < 12 or _HEADING.match(clean(text))):
            continue  # a heading such as "（二）开展走访慰问" names a kind of work, not one activity
        dates = [f for f in festivals() if f in text]
        dates = [d for d in dates if not any(d != o and d in o for o in dates)]
        dates += [m.group() for m in _DATE.finditer(text)]
        place = _place_pattern().search(text)
        out.append(
            {
                "kinds": words,
                "date": "、".join(dates),
                "place": clean(place.group(1)) if place else "",
                "organisations": [name for name, s, e in organisations if start <= s < end],
                "figures": [i for i, f in enumerate(figures) if start <= f.start < end],
                "text": clean(text),
                "start": start,
                "end": end,
            }
        )
    return out
