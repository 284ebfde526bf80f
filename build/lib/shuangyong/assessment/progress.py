"""Progress of a target: the catalogue figure computed for the assignee, compared with the threshold."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from shuangyong.assessment.models import Comparator, Target
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope


@dataclass(frozen=True)
class Progress:
    value: int | Decimal | None  # None: the figure does not apply (the target should never have been set)
    share: Decimal | None  # value / threshold in %, one place; None when the threshold is 0 or nothing applies
    met: bool | None

    @property
    def bar(self) -> int:
        """The width of a progress bar, 0–100."""
        return 0 if self.share is None else int(min(self.share, Decimal(100)))


def scope_of(target: Target) -> Scope:
    if target.unit_id:
        return Scope(target.year, unit=target.unit.code)
    return Scope(target.year, region=target.region_id)


def is_met(comparator: str, value, threshold: Decimal) -> bool:
    if comparator == Comparator.AT_LEAST:
        return value >= threshold
    if comparator == Comparator.AT_MOST:
        return value <= threshold
    return value == threshold


def progress_of(target: Target) -> Progress:
    value = catalogue.compute(target.measure, scope_of(target))
    if value is None:
        return Progress(None, None, None)
    share = None
    if target.threshold:
        share = (Decimal(value) * 100 / target.threshold).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Progress(value, share, is_met(target.comparator, Decimal(value), target.threshold))


def with_progress(targets) -> list[tuple[Target, Progress]]:
    return [(t, progress_of(t)) for t in targets]
