"""Member units' scores of a year: the points of each unit's targets that are met, out of the points set, and the
units ranked by them (equal scores share a rank)."""

from dataclasses import dataclass
from decimal import Decimal

from shuangyong.assessment.models import Target
from shuangyong.assessment.progress import progress_of
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit


@dataclass
class UnitScore:
    unit: Unit
    score: Decimal
    most: Decimal
    targets: int
    met: int
    rank: int = 0


def unit_scores(issuer: Region, year: int) -> list[UnitScore]:
    found: dict[int, UnitScore] = {}
    targets = Target.objects.filter(issuer=issuer, year=year, unit__isnull=False).select_related("unit")
    for target in targets.order_by("unit__code", "pk"):
        points = target.points or Decimal(0)
        row = found.setdefault(target.unit_id, UnitScore(target.unit, Decimal(0), Decimal(0), 0, 0))
        row.most += points
        row.targets += 1
        if progress_of(target).met:
            row.score += points
            row.met += 1
    ranked = sorted(found.values(), key=lambda r: (-r.score, r.unit.code))
    for n, row in enumerate(ranked):
        row.rank = ranked[n - 1].rank if n and ranked[n - 1].score == row.score else n + 1
    return ranked
