"""The figures catalogue: every figure a yearly summary, a dashboard or a target may cite.

A figure is a named query over the records for one scope (a year and a region subtree, or a year and a member
unit), with a Chinese label and the unit it is printed in. Each domain app declares its own in `figures.py`:

    register(Figure(key="conscription.sent", label="输送合格军人人数", unit="人", section="conscription",
                    value=lambda scope: ..., records=lambda scope: <QuerySet>, source="征兵对象：本年已输送"))

`value` returns an int or a Decimal (money in 元 with two places, shares in % with one), or None when the figure
does not apply to the scope (a registry figure asked for a member unit). `records` returns the rows behind the
figure, so every figure can open its list. Nothing here knows a domain: the catalogue only collects and asks.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from shuangyong.regions.codes import subtree_bounds

# the sections of a yearly summary, in the seeds' order (shared/summary-outline.md); a figure names one of them
SECTIONS = {
    "leadership": "加强组织领导",
    "publicity": "宣传教育",
    "support": "拥军优属",
    "benefits": "优抚保障",
    "conscription": "征兵工作",
    "resettlement": "退役军人安置",
    "coconstruction": "军民共建",
    "civil": "拥政爱民",
    "archive": "档案资料",
}


class CatalogueError(Exception):
    pass


@dataclass(frozen=True)
class Scope:
    """One year and either a region subtree (`region` = 12-digit code) or a unit (`unit` = unit code)."""

    year: int
    region: str | None = None
    unit: str | None = None

    def __post_init__(self):
        if bool(self.region) == bool(self.unit):
            raise CatalogueError("统计范围须是一个区划或一个单位")

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)

    @property
    def is_region(self) -> bool:
        return bool(self.region)

    def in_region(self, field_name: str) -> Q:
        """Rows whose region code field lies in the scope's subtree (a range scan on the code)."""
        if self.region is None:
            raise CatalogueError("该统计范围是成员单位，不是区划")
        lo, hi = subtree_bounds(self.region)
        return Q(**{f"{field_name}__gte": lo, f"{field_name}__lte": hi})

    def in_year(self, field_name: str) -> Q:
        return Q(**{f"{field_name}__gte": self.start, f"{field_name}__lte": self.end})

    def label(self) -> str:
        return f"{self.year}年 {self.region or self.unit}"


Value = int | Decimal | None


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    section: str
    value: Callable[[Scope], Value]
    source: str
    records: Callable[[Scope], object] | None = None
    scopes: frozenset[str] = field(default_factory=lambda: frozenset({"region"}))

    def applies_to(self, scope: Scope) -> bool:
        return ("region" if scope.is_region else "unit") in self.scopes


_FIGURES: dict[str, Figure] = {}
# generators of figures made from data (one per 优抚类别, one per 待遇项目): asked whenever the catalogue is
# listed, so a row added to a code table gets its figure without a restart
_FAMILIES: dict[str, Callable[[], Iterable[Figure]]] = {}
# while a memo() block is open: results of shared queries (one grouped count answers many figures)
_MEMO: ContextVar[dict | None] = ContextVar("figures_memo", default=None)


def register(figure: Figure) -> Figure:
    if figure.section not in SECTIONS:
        raise CatalogueError(f"{figure.key}：未知的总结章节 {figure.section}")
    if figure.key in _FIGURES and _FIGURES[figure.key] is not figure:
        raise CatalogueError(f"统计指标 {figure.key} 重复登记")
    _FIGURES[figure.key] = figure
    return figure


def register_family(prefix: str, generate: Callable[[], Iterable[Figure]]) -> Callable[[], Iterable[Figure]]:
    """Declare figures generated from data rows: `register_family("registry.category.", generate)`, every key
    starting with that prefix; `generate()` reads its code table (a small query) whenever the catalogue is listed
    or such a key is asked."""
    if not prefix or _FAMILIES.get(prefix, generate) is not generate:
        raise CatalogueError(f"统计指标组 {prefix or '（空）'} 重复登记或没有前缀")
    _FAMILIES[prefix] = generate
    return generate


def _generated(prefix: str) -> dict[str, Figure]:
    def run():
        made = {}
        for figure in _FAMILIES[prefix]():
            if not figure.key.startswith(prefix) or figure.section not in SECTIONS:
                raise CatalogueError(f"{figure.key}：指标代码须以 {prefix} 开头，章节须是总结章节之一")
            made[figure.key] = figure
        return made

    return cached(("catalogue.family", prefix), run)


def figures() -> list[Figure]:
    found = {}
    for prefix in _FAMILIES:
        found.update(_generated(prefix))
    found.update(_FIGURES)  # a declared figure wins over a generated one of the same key
    return sorted(found.values(), key=lambda f: (list(SECTIONS).index(f.section), f.key))


def get(key: str) -> Figure:
    if key in _FIGURES:
        return _FIGURES[key]
    for prefix in _FAMILIES:
        if key.startswith(prefix) and key in (made := _generated(prefix)):
            return made[key]
    raise CatalogueError(f"没有名为 {key} 的统计指标")


@contextmanager
def memo():
    """Within the block, figures computed together share their queries (see `cached`). Nested blocks share
    the outer one. Open it around a page or a document, never across writes."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def cached(key: tuple, compute: Callable[[], object]):
    """`compute()` once per memo() block and key; without a block, every time."""
    memo_dict = _MEMO.get()
    if memo_dict is None:
        return compute()
    if key not in memo_dict:
        memo_dict[key] = compute()
    return memo_dict[key]


def compute(key: str, scope: Scope) -> Value:
    figure = get(key)
    return figure.value(scope) if figure.applies_to(scope) else None


def compute_all(scope: Scope) -> dict[str, Value]:
    with memo():
        return {f.key: f.value(scope) for f in figures() if f.applies_to(scope)}


def yuan(fen: int | None) -> Decimal:
    """Money figures are 元 with two places, from integer 分."""
    return (Decimal(fen or 0) / 100).quantize(Decimal("0.01"))


def share(part: int, whole: int) -> Decimal | None:
    """A percentage with one place, half up; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
