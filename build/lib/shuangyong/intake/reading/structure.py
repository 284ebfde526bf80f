"""Structure: title, year, reporting unit, addressee and the numbered sections as a tree with offsets.

Markers, by level: 篇一 / 第一部分 (0), 一、 (1), （一） (2), 1. 1、 (3), (1) (4), 一是 (5). A marker counts only
where a heading can begin (line start, after 。：； or right after the title of a higher heading) and only when
it continues its level's numbering (or starts it at 1), so "1、" page markers and stray numerals are not sections.
A short line without sentence punctuation inside the body is an unnumbered level-1 heading.
"""

import re

from shuangyong.intake.reading import tables
from shuangyong.intake.reading.figures import clean
from shuangyong.intake.reading.junk import JOIN, JUNK
from shuangyong.intake.reading.numbers import chinese_to_int

CN = "一二三四五六七八九十"
MARKERS = [
    (0, re.compile(rf"篇([{CN}]+)(?=\s*\n)|第([{CN}]+)部分")),
    (1, re.compile(rf"([{CN}]+)[、.．](?![{CN}])")),
    (2, re.compile(rf"[（(]([{CN}]+)[）)]")),
    (3, re.compile(r"(\d{1,2})[.．、](?!\d)(?=[\u4e00-\u9fffXx“\"])")),
    (4, re.compile(r"[（(](\d{1,2})[）)]")),
    (5, re.compile(rf"([{CN}]+)是(?=[\u4e00-\u9fff])")),
]
HEADING_START = "\n。：:；;！？!?" + JUNK + JOIN
DOCUMENT_KINDS = ("总结", "报告", "汇报", "计划", "情况", "材料")
_YEAR = re.compile(r"(19|20)\d\d(?=年)")
_UNIT = re.compile(r"(?:^|[，,。：:\s\n])((?:[xX]{2,3}|[\u4e00-\u9fff]{2,3}?)(?:镇|乡|街道|县|区))")
_UNIT_GENERIC = re.compile(r"^[我全本该各乡城]")


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_to_int(text)


def _candidates(masked: str) -> list[tuple[int, int, int, int]]:
    """(start, marker_end, level, number) for every marker in a place where a heading may begin."""
    found = []
    for level, pattern in MARKERS:
        for match in pattern.finditer(masked):
            number = _number(next(g for g in match.groups() if g))
            if number is None:
                continue
            before = masked[max(0, match.start() - 20) : match.start()].rstrip(" \t>#*•·")  # markup before headings
            at_start = not before or before[-1] in HEADING_START
            if level == 5 and before and before[-1] in "，,、":
                at_start = True
            found.append((match.start(), match.end(), level, number, at_start))
    found.sort()
    accepted, expected = [], {}
    for start, end, level, number, at_start in found:
        inline_after_heading = bool(accepted) and _inside_title(masked, accepted[-1], start) and level > accepted[-1][2]
        if not (at_start or inline_after_heading and number == 1):
            continue
        if number != expected.get(level, 0) + 1 and number != 1:
            continue
        if number == 1 and level in expected and expected[level] >= 1 and not _new_list(accepted, level):
            continue
        accepted.append((start, end, level, number))
        expected[level] = number
        for deeper in [lv for lv in expected if lv > level]:
            del expected[deeper]
    return accepted


def _new_list(accepted, level: int) -> bool:
    """A list may start again at 1 after a heading of a higher level."""
    for _start, _end, lv, _number in reversed(accepted):
        if lv < level:
            return True
        if lv == level:
            return False
    return True


def _inside_title(masked: str, heading, pos: int) -> bool:
    segment = masked[heading[1] : pos]
    return len(segment) <= 40 and not any(c in segment for c in "。\n；;，,")


def _title(masked: str, begin: int, limit: int, level: int) -> str:
    stop = begin
    ends = "。！？!?\n；;" + JUNK + ("，," if level == 5 else "")
    while stop < limit and masked[stop] not in ends:
        stop += 1
    title = clean(masked[begin:stop]).rstrip("：:")
    if len(title) > 50:
        title = re.split(r"[，,：:]", title)[0]
    return title[:50]


def find_sections(masked: str, span) -> list[dict]:
    markers = _candidates(masked) + _unnumbered_headings(masked)
    markers.sort()
    nodes = []
    for index, (start, end, level, number) in enumerate(markers):
        following = [m for m in markers[index + 1 :] if m[2] <= level]
        stop = following[0][0] if following else len(masked.rstrip(JUNK + "\n "))
        sub = [m for m in markers[index + 1 :] if m[0] < stop]
        title_limit = sub[0][0] if sub else stop
        o_start, o_end = span(start, stop)
        nodes.append(
            {
                "level": level,
                "number": number,
                "marker": clean(masked[start:end]),
                "title": _title(masked, end, title_limit, level),
                "start": o_start,
                "end": o_end,
                "children": [],
            }
        )
    return _tree(nodes)


def _tree(nodes: list[dict]) -> list[dict]:
    roots, stack = [], []
    for node in nodes:
        while stack and stack[-1]["level"] >= node["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return roots


def _unnumbered_headings(masked: str) -> list[tuple[int, int, int, int]]:
    """Short lines without sentence punctuation between paragraphs, once numbered level-1 sections began."""
    markers = _candidates(masked)
    numbered = [m for m in markers if m[2] == 1]
    if not numbered:
        return []
    out, pos = [], 0
    lines = masked.split("\n")
    for i, line in enumerate(lines):
        text = clean(line)
        after = next((clean(n) for n in lines[i + 1 :] if clean(n)), "")
        if (
            pos > numbered[0][0]
            and 4 <= len(text) <= 30
            and not any(c in text for c in "。！？!?：:；;")
            and not any(pos <= m[0] <= pos + len(line) for m in markers)
            and len(after) > 2 * len(text)
            and not re.match(r"^(篇|第|例)", text)
        ):
            first = pos + len(line) - len(line.lstrip())
            out.append((first, first, 1, 0))
        pos += len(line) + 1
    return out


def find_title(masked: str) -> str:
    for line in masked.split("\n"):
        piece = clean(re.split(f"[{JUNK}]+", line.strip(JUNK + " "))[0] if line.strip(JUNK + " ") else "")
        if not piece:
            continue
        head = re.split(r"[，,。：:；;]", piece)[0][:40]
        ends = [head.rfind(kind) + len(kind) for kind in DOCUMENT_KINDS if head.rfind(kind) > 0]
        if ends:
            return head[: max(ends)]
    return ""


def find_year(title: str, masked: str) -> int | None:
    match = _YEAR.search(title)
    return int(match.group()) if match else None


def find_unit(masked: str) -> str:
    body = clean(masked)[:600]
    for match in _UNIT.finditer(body):
        name = match.group(1)
        if not _UNIT_GENERIC.match(name) and not any(v in name for v in tables.verbs()) and "的" not in name:
            return name
    return ""


def find_addressee(masked: str) -> str:
    for line in masked.split("\n")[:15]:
        text = clean(line)
        if 2 <= len(text) <= 30 and text[-1] in "：:" and not any(c in text for c in "，,。"):
            return text[:-1]
    return ""
