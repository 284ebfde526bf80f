"""Figures: every quantity with its value normalised, its unit, qualifier and the subject it counts.

Rules, all general (tables in data/):
- a number is Arabic (5, 1.9) or Chinese (两百, 十七, 百 after 近/上 or before 余/多), optionally scaled by
  万/亿 ("5万多份" → 50000, "1000多万元" → 10000000), followed by a unit from data/units.csv (longest first);
- qualifiers: 近/约/逾/超过/上/将近 before, 余/多 inside, 左右/以上 after;
- not figures: ordinals (第N), years, months and days (年/月/日 are not units; 建军90周年 is an anniversary, a
  count of years since an event, not something the office did, so it is left out on purpose), a lone 一 (an
  article in "一项重要内容", "一批"), magnitude words alone (千家万户), set phrases (data/set_phrases.csv:
  三个代表, 四处 …), placeholders (xx人) and anything inside page junk;
- subject: for measure words that precede their noun (个, 项, 间 … noun_after=yes) the noun that follows
  ("8个行政村"); otherwise the noun phrase before the number in its clause, after dropping linking words
  (共有, 达, 为 …), a verb right before the number ("晚会共上演了5场" → 晚会), the verb that governs it
  ("发放宣传资料5万多份" → 宣传资料) and leading time and place words (今年, 我镇); a clause left with nothing
  takes the subject of the figure it is listed after ("住院补助373人次、22.6896万元") or else of the sentence's
  previous figure with the same unit ("共发放146800元");
- a number scaled by 万/亿 needs no unit ("生产总值31.15亿"); a sentence repeating a figure gives it once.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from shuangyong.intake.reading import tables
from shuangyong.intake.reading.junk import JOIN, JUNK
from shuangyong.intake.reading.numbers import CHINESE_CHARS, to_decimal

SENTENCE_BOUNDARY = "。！？!?\n" + JUNK
CLAUSE_BOUNDARY = SENTENCE_BOUNDARY + "，,；;：:、（）()[]【】"
FUNCTION_CHARS = set("的以还向为在对与和及并被将把从给也都均已是了着过等共其")
PRE_QUALIFIERS = ("将近", "大约", "超过", "近", "约", "逾", "上")
MAGNITUDE = {"万": 10_000, "亿": 100_000_000}
_TIME_PREFIX = re.compile(r"^(在|于)?([0-9]{2,4}|[0-9]{2}[xX_]{1,2}|[xX_]{2,4}|[一二〇零两三四五六七八九]{4})\s*年度?")
_PLACE_PRONOUN = re.compile(r"^现?[我全本该各][镇乡县市区村]")
_QUOTES = "“”\"‘’'《》「」"
# a verb before one of these is the noun's modifier, not its governor: 发放金额, 救助人数
GENERIC_HEADS = ("金额", "资金", "人数", "户数", "总额", "数量", "次数")
# nouns that begin with a verb of data/verbs.txt: 慰问 governs in 慰问优抚对象, not in 慰问金和慰问品
VERB_NOUNS = ("慰问金", "慰问品", "慰问信", "慰问团", "慰问组", "慰问演出", "补助金", "奖励金", "救助金", "优待金")


def _pattern() -> re.Pattern:
    units = "|".join(re.escape(u) for u in tables.units_longest_first())
    return re.compile(
        rf"(?P<pre>{'|'.join(PRE_QUALIFIERS)})?"
        rf"(?P<num>\d+(?:\.\d+)?|[{CHINESE_CHARS}]+)"
        r"(?P<q1>余|多)?(?P<mag>[万亿])?(?P<q2>余|多)?"
        rf"(?(mag)(?P<unit>{units})?|(?P<unit_>{units}))"  # 31.15亿: a scaled number needs no unit after it
        r"(?P<post>左右|以上)?"
    )


_PERCENT_WORDS = re.compile(rf"百分之(?P<num>[{CHINESE_CHARS}]+|\d+(?:\.\d+)?)")


@dataclass
class Figure:
    value: Decimal
    unit: str
    qualifier: str
    subject: str
    sentence: str
    start: int  # in the normalised text; the caller maps to the original
    end: int
    verb_only: bool = False

    @property
    def number(self) -> int | float:
        return int(self.value) if self.value == self.value.to_integral_value() else float(self.value)


def sentence_bounds(masked: str, start: int, end: int) -> tuple[int, int]:
    s = start
    while s > 0 and masked[s - 1] not in SENTENCE_BOUNDARY:
        s -= 1
    e = end
    while e < len(masked) and masked[e] not in SENTENCE_BOUNDARY:
        e += 1
    if e < len(masked) and masked[e] in "。！？!?":
        e += 1
    return s, e


def clean(text: str) -> str:
    return "".join(c for c in text if c not in JOIN + JUNK).strip()


def _is_set_phrase(masked: str, start: int, end: int) -> bool:
    window = masked[max(0, start - 6) : end + 6]
    offset = max(0, start - 6)
    for phrase in tables.set_phrases():
        pos = window.find(phrase)
        while pos >= 0:
            if offset + pos < end and offset + pos + len(phrase) > start:
                return True
            pos = window.find(phrase, pos + 1)
    return False


def _value(match: re.Match) -> Decimal | None:
    num = match.group("num")
    counted = match.group("pre") or match.group("q1") or match.group("q2")
    if not num[0].isdigit() and all(c in "十百千万亿" for c in num) and not counted:
        return None  # 千家万户: a magnitude word alone is not a count
    if not (match.group("unit") or match.group("unit_")) and not num[0].isdigit():
        return None  # 万众, 亿万: without a unit only an Arabic number scaled by 万/亿 is a figure (31.15亿)
    value = to_decimal(num)
    if value is None:
        return None
    if match.group("mag"):
        value *= MAGNITUDE[match.group("mag")]
    return value


def _rejected(masked: str, match: re.Match) -> bool:
    start = match.start("num")
    before = masked[max(0, start - 2) : start].replace(" ", "")
    if before.endswith("第"):
        return True  # ordinal
    if start > 0 and (masked[start - 1].isascii() and masked[start - 1].isalnum() or masked[start - 1] in "._"):
        return True  # part of a code, a version or a placeholder (x.5万)
    num = match.group("num")
    if num[0].isdigit() and match.group("pre") == "上":
        return True
    if num == "一" and not match.group("mag"):
        return True  # the article 一: 一项重要内容, 一批, 一人参军
    return _is_set_phrase(masked, match.start(), match.end())


def _strip_right(seg: str) -> tuple[str, str]:
    """Drop linking words and a verb right before the number; returns (rest, verb dropped last)."""
    verb = ""
    changed = True
    while changed and seg:
        changed = False
        for word in tables.link_words("right"):
            if seg.endswith(word):
                seg, changed = seg[: -len(word)], True
                break
        if changed:
            continue
        for word in tables.verbs():
            if seg.endswith(word):
                verb = word
                seg, changed = seg[: -len(word)], True
                break
    return seg, verb


def _after_governing_verb(seg: str) -> str:
    """The object of the last verb in the clause: 发放宣传资料 → 宣传资料 (慰问金 is a noun: at least two chars, and
    a verb that begins a noun, 慰问 in 慰问品, governs nothing)."""
    best = -1
    for verb in tables.verbs():
        pos = seg.rfind(verb)
        while pos >= 0:
            cut = pos + len(verb)
            if len(seg) - cut >= 2 and not seg.startswith(VERB_NOUNS, pos) and seg[cut:] not in GENERIC_HEADS:
                best = max(best, cut)
                break
            pos = seg.rfind(verb, 0, pos)
    return seg[best:] if best >= 0 else seg


def _strip_left(seg: str) -> str:
    changed = True
    while changed and seg:
        changed = False
        match = _TIME_PREFIX.match(seg) or _PLACE_PRONOUN.match(seg)
        if match and match.end() < len(seg):
            seg, changed = seg[match.end() :], True
            continue
        for word in tables.link_words("left"):
            if seg.startswith(word) and len(seg) > len(word):
                seg, changed = seg[len(word) :], True
                break
    return seg.strip("的")


def _only_time_or_place(seg: str) -> bool:
    match = _TIME_PREFIX.match(seg) or _PLACE_PRONOUN.match(seg)
    return bool(match) and match.end() == len(seg)


def subject_before(masked: str, floor: int, start: int) -> tuple[str, bool]:
    """(subject, whether it is only a verb); a verb right before the number makes the number its object."""
    seg = "".join(c for c in masked[floor:start] if c not in JOIN + _QUOTES + " \t")
    seg, verb = _strip_right(seg)
    if not seg or verb:
        if verb and seg:
            seg = _strip_left(_after_governing_verb(seg))  # 优先安排军人子女入学10人: 军人子女
            if len(seg) >= 2 and seg not in tables.link_words("left"):
                return seg, False
            return verb, True
        return verb, bool(verb)
    seg = _strip_left(_after_governing_verb(seg))
    if seg in tables.link_words("left") or not seg or _only_time_or_place(seg):
        return verb, bool(verb)
    return seg, False


def _verb_before(masked: str, start: int) -> bool:
    seg = masked[max(0, start - 8) : start]
    for word in tables.link_words("right"):
        if seg.endswith(word):
            seg = seg[: -len(word)]
    return any(seg.endswith(v) for v in tables.verbs())


def subject_after(masked: str, end: int) -> str:
    out = []
    i = end
    while i < len(masked) and len(out) < 12:
        char = masked[i]
        if char in CLAUSE_BOUNDARY or char.isdigit() or char in FUNCTION_CHARS or char in _QUOTES or char == JOIN:
            break
        if any(masked.startswith(v, i) for v in tables.verbs()):
            break
        out.append(char)
        i += 1
    return "".join(out)


def find_figures(masked: str) -> list[Figure]:
    figures: list[Figure] = []
    for match in _pattern().finditer(masked):
        if _rejected(masked, match):
            continue
        value = _value(match)
        if value is None:
            continue
        qualifier = "".join(
            g for g in (match.group("pre"), match.group("q1"), match.group("q2"), match.group("post")) if g
        )
        unit = match.group("unit") or match.group("unit_") or ""
        figures.append(_figure(masked, match.start(), match.end(), value, unit, qualifier, figures))
    for match in _PERCENT_WORDS.finditer(masked):
        value = to_decimal(match.group("num"))
        if value is not None:
            figures.append(_figure(masked, match.start(), match.end(), value, "%", "", figures))
    figures.sort(key=lambda f: f.start)
    return _once_per_sentence(figures)


def _once_per_sentence(figures: list[Figure]) -> list[Figure]:
    """A sentence that repeats a figure (the same value, unit and subject) gives it once."""
    seen, kept = set(), []
    for figure in figures:
        key = (figure.sentence, figure.value, figure.unit, figure.subject)
        if key not in seen:
            seen.add(key)
            kept.append(figure)
    return kept


def _listed_after(masked: str, previous: list[Figure], start: int) -> Figure | None:
    """The figure this one is listed after (住院补助373人次、22.6896万元: the amount belongs to 住院补助 too)."""
    for figure in reversed(previous):
        if figure.end <= start:
            between = masked[figure.end : start].strip()
            return figure if between in ("、", "，", ",") and figure.subject and not figure.verb_only else None
    return None


def _figure(masked, start, end, value, unit, qualifier, previous: list[Figure]) -> Figure:
    s, e = sentence_bounds(masked, start, end)
    subject, verb_only = "", False
    if tables.units().get(unit, {}).get("noun_after"):
        subject = subject_after(masked, end)
    if not subject:
        floor = start
        while floor > s and masked[floor - 1] not in CLAUSE_BOUNDARY:
            floor -= 1
        for figure in previous:
            if floor <= figure.end <= start:
                floor = figure.end
        subject, verb_only = subject_before(masked, floor, start)
    if not subject or verb_only or _verb_before(masked, start):
        after = subject_after(masked, end)  # "组织近百名志愿者参加": the noun follows the measure word
        if len(after) >= 2:
            subject, verb_only = after, False
    listed = _listed_after(masked, previous, start) if not subject or verb_only else None
    if listed is not None:
        subject, verb_only = listed.subject, False
    if not subject or verb_only:
        for figure in reversed(previous):
            if figure.end <= start and figure.start >= s and figure.unit == unit and not figure.verb_only:
                subject, verb_only = figure.subject, False
                break
    return Figure(value, unit, qualifier, subject, clean(masked[s:e]), start, end, verb_only)
