"""Page junk: navigation, breadcrumbs, page counters, site boilerplate, teasers, repeated lines, page markers.

Recognised by general rules — the shape of a line, repetition, position and keyword tables (data/boilerplate.csv)
— never by the exact strings of known files. `mask(text)` returns the text with junk replaced by JUNK (a hard
boundary) and page-break joins by JOIN (ignored: the sentence goes on across it), the length unchanged so that
every offset stays valid.
"""

import re
from dataclasses import dataclass, field

from shuangyong.intake.reading import tables

JUNK = "\x00"
JOIN = "\x01"
SENTENCE_END = "。！？!?"
_COUNTER = re.compile(
    r"第\s*\d+\s*页\s*[,，/]?\s*共\s*\d+\s*页|共\s*\d+\s*页\s*第\s*\d+\s*页|第\s*\d+\s*页|\d+\s*/\s*\d+\s*页"
    r"|page\s*\d+\s*(of\s*\d+)?",
    re.IGNORECASE,
)
_PAGE_MARKER = re.compile(r"\s*(\d{1,3})、")  # used with .match(text, line_start)
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]*")
_BREADCRUMB = re.compile(r"\S\s*[>›»]\s*\S.*[>›»]|当前位置")
_ELLIPSIS = re.compile(r"(\.\.\.|…+)\s*$")


@dataclass
class Junk:
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, why)
    joins: list[tuple[int, int]] = field(default_factory=list)

    def add(self, start: int, end: int, why: str) -> None:
        if end > start:
            self.spans.append((start, end, why))


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_navigation(line: str) -> bool:
    tokens = line.split()
    return (
        len(tokens) >= 4
        and all(len(t) <= 6 for t in tokens)
        and not any(p in line for p in "。，,；;")
        and sum(len(t) for t in tokens) / len(tokens) <= 4
    )


def boilerplate_strength(sentence: str) -> str | None:
    lowered = sentence.lower()
    found = [strength for word, strength in tables.boilerplate().items() if word in lowered]
    if "strong" in found:
        return "strong"
    return "weak" if found else None


def _page_markers(text: str, lines: list[tuple[int, int]], junk: Junk) -> None:
    """Converters that print a document page by page prefix each page with 1、 2、 3、 …: consecutive numbers
    on long lines, each page (after the first) cutting the previous one mid-sentence."""
    found = []
    for start, end in lines:
        match = _PAGE_MARKER.match(text, start, end)
        if match:
            found.append((int(match.group(1)), start, match.end(), end))
    run = found
    if len(run) < 3 or [n for n, *_ in run] != list(range(1, len(run) + 1)):
        return
    if sum(end - start for _, start, _, end in run) / len(run) < 150:
        return
    cut = sum(1 for _, start, _, _ in run[1:] if start >= 2 and text[start - 2] not in SENTENCE_END)
    if cut < (len(run) - 1) / 2:
        return
    for n, start, marker_end, _ in run:
        previous_cut = n > 1 and start >= 2 and text[start - 2] not in SENTENCE_END
        if previous_cut:
            junk.joins.append((start - 1, marker_end))
        else:
            junk.add(start, marker_end, "页码标记")


def find_junk(text: str) -> Junk:
    junk = Junk()
    lines = _lines(text)
    seen: set[str] = set()
    for start, end in lines:
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            continue
        if not re.search(r"[\w\u4e00-\u9fff]", stripped):
            junk.add(start, end, "符号行")
            continue
        if is_navigation(stripped) or _BREADCRUMB.search(stripped):
            junk.add(start, end, "导航")
            continue
        if stripped in seen and len(stripped) >= 4:
            junk.add(start, end, "重复行")
            continue
        if _ELLIPSIS.search(stripped):
            body = _ELLIPSIS.sub("", stripped).strip()
            if len(body) >= 10 and body[:40] in text[end:]:
                junk.add(start, end, "摘要预告")
                continue
        whole = boilerplate_strength(stripped)
        short = len(stripped) <= 80 or "。" not in stripped
        if whole == "strong" and short or whole == "weak" and len(stripped) <= 30 and "。" not in stripped:
            junk.add(start, end, "网站信息")
            continue
        seen.add(stripped)
        _sentences(text, start, end, junk)
        _counters(text, start, end, junk)
        _doubled_heading(text, start, end, junk)
    _page_markers(text, lines, junk)
    return junk


def _sentences(text: str, start: int, end: int, junk: Junk) -> None:
    for match in _SENTENCE.finditer(text, start, end):
        if match.group().strip() and boilerplate_strength(match.group()) == "strong":
            junk.add(match.start(), match.end(), "网站信息")


def _counters(text: str, start: int, end: int, junk: Junk) -> None:
    for match in _COUNTER.finditer(text, start, end):
        junk.add(match.start(), match.end(), "页码")


def _doubled_heading(text: str, start: int, end: int, junk: Junk) -> None:
    """A heading printed twice in a row ("…总结…总结xxxx年，…"): the second copy is junk."""
    head = _PAGE_MARKER.match(text, start, end)
    begin = head.end() if head else start
    match = re.compile(r"([^，,。；;：:\s]{6,60}?)\1").match(text, begin, end)
    if match:
        junk.add(match.start(1) + len(match.group(1)), match.end(), "重复标题")


def mask(text: str, junk: Junk) -> str:
    chars = list(text)
    for start, end, _ in junk.spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = JUNK
    for start, end in junk.joins:
        for i in range(start, end):
            chars[i] = JOIN
    return "".join(chars)
