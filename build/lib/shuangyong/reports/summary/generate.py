"""Writing a yearly summary from the wording templates and the figures catalogue.

The shape follows shared/summary-outline.md: title, addressee (member units), an opening paragraph, the
numbered sections in the catalogue's order, each a framing sentence and "一是…二是…" points carrying figures
plus named examples, a closing sentence, 存在的问题 and the next year's plan. A piece of wording is used
only when every figure it names exists for the scope and is not zero (unless marked {key|0}); a section with no point
and no example is left out. Figures of a section that no template names are still reported, by the generic
"others" point, so a figure an app registers shows up without new wording.
"""

import re
import zlib
from dataclasses import dataclass, field

from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, Figure, Scope
from shuangyong.figures.examples import PLAN, examples_for
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region
from shuangyong.reports.models import NamingCycle, SummaryTemplate, TemplateKind, TemplateScope
from shuangyong.reports.summary.frame import FRAME_FIGURES
from shuangyong.reports.summary.printing import Printed, printed
from shuangyong.units.models import Unit

PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w.]*)(\|[n0]+)?\}")
# {each:a.b,c.d,e.*}: those of the figures (a key ending in * is every figure under it) that are not zero, each as
# its short label and value, joined by 、 ("宣传材料20500份、横幅287幅"); the phrasing drops when all are zero
EACH = re.compile(r"\{each:([\w.*,]+)\}")
QUALIFIER = re.compile(r"（([^（）]+)）$")  # 立功受奖人数（三等功） lists as 三等功
# [...]: an optional part, left out (instead of the whole phrasing) when a figure in it is missing or zero
OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
# a label's ending that the printed unit already says ("残疾军人人数" + "371人" → "残疾军人371人")
LABEL_ENDINGS = ("人数", "金额", "户数", "次数", "份数", "块数", "幅数", "期数", "篇数", "场次数", "个数")
ORDINALS = "一二三四五六七八九十"
EXTRA_SECTIONS = {"problems": "存在的问题", "plan": "工作计划"}
MAX_PROBLEMS = 3
MAX_PLANNED = 6


class SummaryError(Exception):
    pass


def ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十."""
    if n <= 10:
        return ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return (ORDINALS[tens - 1] if tens > 1 else "") + "十" + (ORDINALS[ones - 1] if ones else "")


@dataclass
class Paragraph:
    kind: str  # one of models.ParagraphKind
    text: str
    figures: list[str] = field(default_factory=list)
    section: str = ""
    examples: list[str] = field(default_factory=list)  # the named cases it cites (figures.examples)


@dataclass
class Summary:
    scope: Scope
    name: str
    title: str
    with_plan: bool
    paragraphs: list[Paragraph]
    figures: dict[str, Printed]  # the figures the text cites, in order of first citation
    omitted: list[dict] = field(default_factory=list)  # every other non-zero figure of the scope, with why

    def cited(self) -> list[Printed]:
        return list(self.figures.values())

    def sections(self) -> list[dict]:
        """The text grouped by section (the opening and the title are sections "title" and "opening")."""
        groups: list[dict] = []
        for p in self.paragraphs:
            key = p.section or p.kind
            if not groups or groups[-1]["key"] != key:
                groups.append({"key": key, "heading": "", "paragraphs": [], "figures": [], "examples": []})
            group = groups[-1]
            if p.kind == "heading1" and not group["heading"]:
                group["heading"] = p.text
            else:
                group["paragraphs"].append(p.text)
            group["figures"] += [k for k in p.figures if k not in group["figures"]]
            group["examples"] += p.examples
        return groups

    def as_json(self) -> dict:
        return {
            "year": self.scope.year,
            "scope": {"region": self.scope.region, "unit": self.scope.unit, "name": self.name},
            "title": self.title,
            "figures": [p.as_json() for p in self.cited()],
            "sections": self.sections(),
            "omitted": self.omitted,
        }


class _Skip(Exception):
    """A placeholder cannot be filled: the piece of wording is left out."""


class Writer:
    """Fills templates for one scope; each figure is computed once."""

    def __init__(self, scope: Scope, context: dict[str, str | None]):
        self.scope = scope
        self.context = context
        self.values: dict[str, object] = {}
        self.cited: dict[str, Printed] = {}
        self.tried: set[str] = set()  # figures some wording named, whether or not it could be used
        self.expanded: dict[str, list[str]] = {}  # {each:...} spec -> its keys: the catalogue listed once per spec
        self.seed = f"{scope.region or scope.unit}|{scope.year}"

    def figure(self, key: str) -> Figure | None:
        if key in FRAME_FIGURES:
            return FRAME_FIGURES[key]
        try:
            return catalogue.get(key)
        except CatalogueError:
            return None

    def value(self, key: str):
        if key not in self.values:
            figure = self.figure(key)
            self.values[key] = figure.value(self.scope) if figure and figure.applies_to(self.scope) else None
        return self.values[key]

    def print(self, key: str) -> Printed:
        value = self.value(key)
        if value is None:
            raise _Skip(key)
        return printed(self.figure(key), value)

    def each(self, spec: str) -> list[str]:
        """The figure keys an {each:...} names, in its order (a key ending in * expands to those under it)."""
        if spec not in self.expanded:
            keys: list[str] = []
            for part in spec.split(","):
                if part.endswith("*"):
                    keys += [f.key for f in catalogue.figures() if f.key.startswith(part[:-1]) and f.key not in keys]
                elif part not in keys:
                    keys.append(part)
            self.expanded[spec] = keys
        return self.expanded[spec]

    def listed(self, keys: list[str], figures: list[Printed]) -> str:
        items = []
        for key in keys:
            value = self.value(key)
            if value is None or value == 0:
                continue
            shown = self.print(key)
            figures.append(shown)
            items.append(f"{list_label(shown.label, shown.unit)}{shown.text}")
        if not items:
            raise _Skip("zero")
        return "、".join(items)

    def fill_text(self, text: str) -> tuple[str, list[str]]:
        """Fill one phrasing; raises _Skip when a placeholder has no value or a figure is zero."""
        figures: list[Printed] = []
        names_figures = bool(EACH.search(text)) or any(
            m.group(1) not in self.context for m in PLACEHOLDER.finditer(text)
        )

        def optional(match) -> str:
            try:
                filled, keys = self.fill_text(match.group(1))
            except _Skip:
                return ""
            figures.extend(self.print(key) for key in keys)
            return filled

        text = OPTIONAL.sub(optional, text)
        text = EACH.sub(lambda match: self.listed(self.each(match.group(1)), figures), text)

        def replace(match):
            name, flags = match.group(1), match.group(2) or ""
            number_only, zero_allowed = "n" in flags, "0" in flags
            if name in self.context:
                if self.context[name] is None:
                    raise _Skip(name)
                return self.context[name]
            shown = self.print(name)
            if shown.number == 0 and not zero_allowed:
                raise _Skip("zero")  # nothing to report (a zero worth saying is marked {key|0})
            figures.append(shown)
            return shown.number_text if number_only else shown.text

        filled = PLACEHOLDER.sub(replace, text)
        if names_figures and not figures:
            raise _Skip("nothing")  # every figure it names was in a part left out: nothing to say
        return filled, [p.key for p in figures]

    def choose(self, key: str, variants: list[str]) -> tuple[str, list[str]] | None:
        """The phrasing for this scope and year (stable), or the next one that can be filled."""
        if not variants:
            return None
        start = zlib.crc32(f"{key}|{self.seed}".encode()) % len(variants)
        for variant in variants:
            self.tried.update(m.group(1) for m in PLACEHOLDER.finditer(variant))
            for match in EACH.finditer(variant):
                self.tried.update(self.each(match.group(1)))
        for i in range(len(variants)):
            try:
                text, keys = self.fill_text(variants[(start + i) % len(variants)])
            except _Skip:
                continue
            for k in keys:
                self.cited.setdefault(k, self.print(k))
            return text, keys
        return None

    def use(self, template: SummaryTemplate) -> tuple[str, list[str]] | None:
        return self.choose(template.key, template.variants)

    def heading(self, template: SummaryTemplate) -> str:
        try:
            return self.fill_text(template.heading)[0]
        except _Skip:
            return template.heading


def _scope_kinds(scope: Scope) -> set[str]:
    if not scope.is_region:
        return {TemplateScope.ANY, TemplateScope.UNIT}
    level = level_of(scope.region)
    return {
        TemplateScope.ANY,
        TemplateScope.REGION,
        TemplateScope.COUNTY if level <= Level.COUNTY else TemplateScope.TOWN,
    }


def _place_word(scope: Scope, name: str) -> str:
    """县 / 镇 / 乡 / 街道 / 村 for a region (for "全县", "我镇"), 单位 for a member unit."""
    if not scope.is_region:
        return "单位"
    for ending in ("街道", "社区", "县", "区", "市", "镇", "乡", "村"):
        if name.endswith(ending):
            return ending
    return {Level.COUNTY: "县", Level.TOWN: "镇", Level.VILLAGE: "村"}.get(level_of(scope.region), "地")


def issuer_of(scope: Scope) -> str:
    """Who signs the scope's summary (发文机关署名): a county's or city's 双拥办, a town's government or 街道办事处,
    a member unit itself."""
    name = scope_name(scope)
    if not scope.is_region:
        return name
    level = level_of(scope.region)
    if level == Level.TOWN:
        return f"{name}办事处" if name.endswith("街道") else f"{name}人民政府"
    if level == Level.VILLAGE:  # 松山村 → 松山村村民委员会; 北门社区 → 北门社区居民委员会; 北门居委会 as it is
        return f"{name}村民委员会" if name.endswith("村") else f"{name}居民委员会" if name.endswith("社区") else name
    return f"{name}双拥工作领导小组办公室"


def scope_name(scope: Scope) -> str:
    try:
        if scope.is_region:
            return Region.objects.get(pk=scope.region).name
        return Unit.objects.get(code=scope.unit).name
    except (Region.DoesNotExist, Unit.DoesNotExist):
        raise SummaryError(f"找不到统计范围 {scope.region or scope.unit}") from None


def _naming(year: int) -> str | None:
    cycles = [f"{c.next_after(year)}年{c.name}" for c in NamingCycle.objects.all()]
    return "、".join(cycles) or None


def _points_text(points: list[str]) -> str:
    if len(points) == 1:
        return points[0] + "。"
    return "；".join(f"{ordinal(i)}是{p}" for i, p in enumerate(points, 1)) + "。"


def generate_summary(scope: Scope, *, with_plan: bool = True) -> Summary:
    name = scope_name(scope)
    context = frame_words(scope, name, with_plan)
    kinds = _scope_kinds(scope)
    templates = [t for t in SummaryTemplate.objects.filter(is_active=True) if t.scope in kinds]
    templates.sort(key=lambda t: (t.order, t.key))

    def of(kind, section=None):
        return [t for t in templates if t.kind == kind and (section is None or t.section == section)]

    with catalogue.memo():
        return _write(scope, name, with_plan, context, of)


def frame_words(scope: Scope, name: str, with_plan: bool = True) -> dict[str, str | None]:
    """The words a phrasing may use besides figures: {year} {name} {we} {place} ..."""
    place = _place_word(scope, name)
    next_year = scope.year + 1
    return {
        "year": str(scope.year),
        "next_year": str(next_year),
        "name": name,
        "place": place,
        "we": "我" + place,
        "all": ("全" + place) if scope.is_region else "本单位",
        "report": f"工作总结和{next_year}年工作计划" if with_plan else "工作总结",
        "naming": _naming(scope.year),
    }


def _write(scope, name, with_plan, context, of) -> Summary:
    writer = Writer(scope, context)
    paras: list[Paragraph] = []
    by_key = {t.key: t for t in of(TemplateKind.TITLE)}

    title_template = by_key.get("title.plan" if with_plan else "title.summary")
    title = writer.use(title_template)[0] if title_template else f"{scope.year}年{name}双拥工作总结"
    paras.append(Paragraph("title", title, section="title"))
    for template in of(TemplateKind.TITLE):
        if template.key.startswith("addressee") and (filled := writer.use(template)):
            paras.append(Paragraph("addressee", filled[0], filled[1], section="title"))

    opening = [filled for t in of(TemplateKind.OPENING) if (filled := writer.use(t))]
    if opening:
        paras.append(
            Paragraph("body", "".join(t for t, _ in opening), [k for _, keys in opening for k in keys], "opening")
        )

    number = 0
    generic_points = of(TemplateKind.POINT, "")
    generic_examples = of(TemplateKind.EXAMPLES, "")
    for section in catalogue.SECTIONS:
        points, keys = [], []
        named = set()
        for template in of(TemplateKind.POINT, section):
            named |= {m.group(1) for m in PLACEHOLDER.finditer(template.text)}
            named |= {key for m in EACH.finditer(template.text) for key in writer.each(m.group(1))}
            if filled := writer.use(template):
                points.append(filled[0])
                keys += filled[1]
        others = _others(writer, section, named)
        if others:
            writer.context["others"] = "，".join(
                f"{short_label(writer.print(k).label)}{writer.print(k).text}" for k in others
            )
            for template in generic_points:
                if filled := writer.choose(f"{template.key}.{section}", template.variants):
                    points.append(filled[0])
                    keys += others
                    for k in others:
                        writer.cited.setdefault(k, writer.print(k))
                    break
        examples = examples_for(section, scope)
        example_text = ""
        if examples:
            writer.context["examples"] = "；".join(e.text for e in examples)
            for template in of(TemplateKind.EXAMPLES, section) or generic_examples:
                if filled := writer.choose(f"{template.key}.{section}", template.variants):
                    example_text = filled[0]
                    break
        if not points and not example_text:
            continue
        number += 1
        frame = of(TemplateKind.SECTION, section)
        heading = writer.heading(frame[0]) if frame and frame[0].heading else catalogue.SECTIONS[section]
        framing = writer.use(frame[0]) if frame else None
        paras.append(Paragraph("heading1", f"{ordinal(number)}、{heading}", section=section))
        body = (framing[0] if framing else "") + (_points_text(points) if points else "") + example_text
        cited = [e.text for e in examples] if example_text else []
        paras.append(Paragraph("body", body, keys, section, cited))

    closing = [filled for t in of(TemplateKind.CLOSING) if (filled := writer.use(t))]
    if closing:
        paras.append(Paragraph("body", "".join(t for t, _ in closing), [k for _, ks in closing for k in ks], "closing"))

    number = _problems(writer, of, paras, number)
    if with_plan:
        _plan(writer, of, paras, number)
    return Summary(scope, name, title, with_plan, paras, writer.cited, _omitted(writer))


OMITTED_BREAKDOWN = "分项数（按类别、项目等）：只在措辞点名时写入，其合计已写入或另列"
OMITTED_UNFILLED = "点名它的措辞还需要的数据为零或没有，该句未写入"
OMITTED_NO_WORDING = "没有写入该数的措辞"


def _omitted(writer: Writer) -> list[dict]:
    """Every figure of the scope with a value other than zero that the text does not say, and why: none is
    dropped without a word (the --json's "omitted")."""
    found = []
    for figure in catalogue.figures():
        if figure.key in writer.cited or not figure.applies_to(writer.scope):
            continue
        value = writer.value(figure.key)
        if value is None or value == 0:
            continue
        if figure.key in writer.tried:
            reason = OMITTED_UNFILLED
        elif figure.key.count(".") >= 2:
            reason = OMITTED_BREAKDOWN
        else:
            reason = OMITTED_NO_WORDING
        found.append({**printed(figure, value).as_json(), "section": figure.section, "reason": reason})
    return found


def short_label(label: str) -> str:
    for ending in LABEL_ENDINGS:
        if label.endswith(ending) and len(label) > len(ending):
            return label[: -len(ending)]
    return label


def list_label(label: str, unit: str) -> str:
    """A label as a list item before its value: its qualifier alone (立功受奖人数（三等功） → 三等功), without an
    ending the printed unit says again (演出场次 + 2场次 → 演出, 送书册数 + 1200册 → 送书)."""
    if qualifier := QUALIFIER.search(label):
        return qualifier.group(1)
    label = label.rpartition("：")[2].removeprefix("本年")  # 档案资料：证书 → 证书; 本年迁出人数 → 迁出人数
    for ending in (f"{unit}数", unit):
        if unit and label.endswith(ending) and len(label) > len(ending):
            return label[: -len(ending)]
    shorter = short_label(label)
    return shorter[:-1] if shorter == label and label.endswith("数") and len(label) > 2 else shorter


def _others(writer: Writer, section: str, named: set[str]) -> list[str]:
    """Figures of the section that no template names, have a value for the scope and are not zero.

    Breakdowns (keys of three parts, e.g. registry.category.11, one per code-table row) are printed only where
    a template names them: listed all together they would drown the section."""
    keys = []
    for figure in catalogue.figures():
        if figure.section != section or figure.key in named or not figure.applies_to(writer.scope):
            continue
        if figure.key.count(".") >= 2:
            continue
        value = writer.value(figure.key)
        if value is not None and value != 0:
            keys.append(figure.key)
    return keys


def _extra_heading(writer: Writer, of, section: str) -> tuple[str, tuple[str, list[str]] | None]:
    frame = of(TemplateKind.SECTION, section)
    heading = writer.heading(frame[0]) if frame and frame[0].heading else EXTRA_SECTIONS[section]
    return heading, (writer.use(frame[0]) if frame else None)


def _problems(writer: Writer, of, paras: list[Paragraph], number: int) -> int:
    found = [filled for t in of(TemplateKind.PROBLEM) if (filled := writer.use(t))][:MAX_PROBLEMS]
    if not found:
        return number
    number += 1
    heading, framing = _extra_heading(writer, of, "problems")
    paras.append(Paragraph("heading1", f"{ordinal(number)}、{heading}", section="problems"))
    text = (framing[0] if framing else "") + _points_text([t for t, _ in found])
    paras.append(Paragraph("body", text, [k for _, ks in found for k in ks], "problems"))
    return number


def _plan(writer: Writer, of, paras: list[Paragraph], number: int) -> None:
    items = [(t, filled) for t in of(TemplateKind.PLAN) if (filled := writer.use(t))]
    if not items:
        return
    heading, framing = _extra_heading(writer, of, "plan")
    paras.append(Paragraph("heading1", f"{ordinal(number + 1)}、{heading}", section="plan"))
    if framing:
        paras.append(Paragraph("body", framing[0], framing[1], "plan"))
    # the items the region has planned (工作计划 records), named before the standing tasks
    planned = examples_for(PLAN, writer.scope, limit=MAX_PLANNED)
    if planned:
        text = "列入年度工作计划的重点事项：" + _points_text([e.text for e in planned])
        paras.append(Paragraph("body", text, [e.figure_key for e in planned if e.figure_key], "plan"))
    for i, (template, (text, keys)) in enumerate(items, 1):
        if template.heading:
            paras.append(Paragraph("heading2", f"（{ordinal(i)}）{writer.heading(template)}", section="plan"))
        paras.append(Paragraph("body", text, keys, "plan"))
