"""The examples hook: named cases a summary section cites ("慰问了困难退伍军人李某某……").

A domain app feeds a section by registering a provider in its figures.py:

    from shuangyong.figures.examples import Example, from_records, register_examples

    register_examples("support", "activities.largest_visits", from_records(
        "activities.visit_money", order_by=["-amount_fen", "pk"],
        describe=lambda v: f"走访慰问{anonymise(v.person.name)}，送去慰问金{v.amount_fen // 100}元"))

A provider takes a catalogue Scope and returns Examples, best first; the summary prints at most
EXAMPLES_PER_SECTION of a section's examples, providers taken in key order. The text is a clause without
final punctuation, already anonymised where the summary is published. Providers must read a few rows only
(order_by + a slice), never loop over a figure's whole records.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, Scope

EXAMPLES_PER_SECTION = 3


@dataclass(frozen=True)
class Example:
    text: str
    figure_key: str = ""  # the figure whose records the case comes from (the editor links its list)


Provider = Callable[[Scope], Iterable[Example]]
_PROVIDERS: dict[str, dict[str, Provider]] = {}


# besides the catalogue's sections: the next year's plan (its items, named by the app that keeps them)
PLAN = "plan"


def register_examples(section: str, key: str, provider: Provider) -> Provider:
    if section not in catalogue.SECTIONS and section != PLAN:
        raise CatalogueError(f"{key}：未知的总结章节 {section}")
    _PROVIDERS.setdefault(section, {})[key] = provider
    return provider


def unregister_examples(section: str, key: str) -> None:
    _PROVIDERS.get(section, {}).pop(key, None)


def examples_for(section: str, scope: Scope, limit: int = EXAMPLES_PER_SECTION) -> list[Example]:
    found: list[Example] = []
    for key in sorted(_PROVIDERS.get(section, {})):
        for example in _PROVIDERS[section][key](scope):
            if len(found) >= limit:
                return found
            found.append(example)
    return found


def from_records(
    figure_key: str, *, order_by: list[str], describe: Callable[[object], str], limit: int = EXAMPLES_PER_SECTION
) -> Provider:
    """A provider from a figure's records: the first `limit` rows in `order_by` (e.g. the largest visits)."""

    def provide(scope: Scope) -> list[Example]:
        try:
            figure = catalogue.get(figure_key)
        except CatalogueError:
            return []
        if figure.records is None or not figure.applies_to(scope):
            return []
        records: Any = figure.records(scope)  # a QuerySet: the catalogue does not know of which model
        rows = records.order_by(*order_by)[:limit]
        return [Example(describe(row), figure_key) for row in rows]

    return provide


def anonymise(name: str) -> str:
    """李守海 → 李某某, 刘俊 → 刘某: the family name and one 某 per remaining character (at most two)."""
    name = (name or "").strip()
    if not name:
        return "某某"
    return name[0] + "某" * min(max(len(name) - 1, 1), 2)


def money_text(fen: int) -> str:
    """As the summary prints money: 万元 from 10,000 元 up, to the cent, no trailing zeros (3万元, 1.23万元, 800元)."""
    amount, unit = (Decimal(fen) / 1_000_000, "万元") if fen >= 1_000_000 else (Decimal(fen) / 100, "元")
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{int(amount) if amount == amount.to_integral_value() else amount.normalize()}{unit}"
