"""Which standard is in force for a combination of keys in a month, and the monthly amount it gives.

The standards table is small (hundreds of rows) while a run covers up to a million persons, so the engine
resolves every (kind, keys, county, month) that occurs once here, in Python, and hands the result to SQL as
a table joined by plain equality. The rules:

- a row is in force in a month when it takes effect in or before that month and has not ended before it;
- among rows in force whose keys match (an empty key matches anything), the one for the nearest region wins
  (county over city over province over national), then the one with more keys filled, then the newest;
- monthly amount = yearly ÷ 12 rounded half-up to the 分 (元/年), the amount itself (元/月), yearly per year
  of service × years ÷ 12 half-up (computed per person in SQL), or the wage base × share half-up (护理费).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from shuangyong.benefits.choices import Basis
from shuangyong.benefits.models import Standard, WageBase
from shuangyong.regions.codes import short_code


def add_months(day: date, count: int) -> date:
    index = day.year * 12 + day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_between(first: date, last: date) -> list[date]:
    months, current = [], month_start(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


def yearly_to_monthly(yearly_fen: int) -> int:
    """元/年 → 元/月, rounded half-up to the 分 (non-negative amounts only)."""
    return (yearly_fen + 6) // 12


def share_of(base_fen: int, share_bp: int) -> int:
    return (base_fen * share_bp + 5000) // 10000


@dataclass(frozen=True)
class Keys:
    """An entitlement's keys as the standards see them (grade 0 = none, "" = none)."""

    category: str
    nature: str
    grade: int
    hukou: str
    period: str
    county: str  # the first six digits of the person's region code
    support: str = ""  # 集中供养 / 分散供养 (一至四级)

    def key(self) -> str:
        """One string for the SQL join (sql.rate_key builds the same from columns)."""
        values = (self.category, self.nature, self.grade, self.hukou, self.period, self.county, self.support)
        return "|".join(str(v) for v in values)


@dataclass(frozen=True)
class Rate:
    kind: str
    fixed_fen: int  # monthly amount
    per_service_year_fen: int  # yearly amount per year of service (0 unless basis is service_year)
    standard_id: int

    def monthly_for(self, service_years: int | None) -> int:
        """The monthly amount for a person: service-year standards are per year of service (SQL: sql.DUE)."""
        return self.fixed_fen + (self.per_service_year_fen * (service_years or 0) + 6) // 12


def _region_rank(region_id: str | None) -> int:
    return 0 if region_id is None else len(short_code(region_id))


def _matches(standard: Standard, keys: Keys) -> bool:
    return (
        (standard.category_id is None or standard.category_id == keys.category)
        and (not standard.disability_nature or standard.disability_nature == keys.nature)
        and (standard.disability_grade is None or standard.disability_grade == keys.grade)
        and (not standard.hukou or standard.hukou == keys.hukou)
        and (not standard.enlistment_period or standard.enlistment_period == keys.period)
        and (not standard.support_mode or standard.support_mode == keys.support)
        and (standard.region_id is None or keys.county.startswith(short_code(standard.region_id)))
    )


def _specificity(standard: Standard) -> int:
    return sum(
        bool(value)
        for value in (
            standard.category_id,
            standard.disability_nature,
            standard.disability_grade,
            standard.hukou,
            standard.enlistment_period,
            standard.support_mode,
        )
    )


class RateBook:
    """All standards and wage bases, loaded once per run."""

    def __init__(self):
        self.by_kind: dict[str, list[Standard]] = defaultdict(list)
        for standard in Standard.objects.all():
            self.by_kind[standard.kind_id].append(standard)
        self.wages = list(WageBase.objects.order_by("-valid_from"))

    def wage_on(self, county: str, month: date) -> int | None:
        next_month = add_months(month, 1)
        best = None
        for wage in self.wages:
            prefix = short_code(wage.region_id)
            if county.startswith(prefix) and wage.valid_from < next_month:
                rank = (len(prefix), wage.valid_from)
                if best is None or rank > best[0]:
                    best = (rank, wage.monthly_fen)
        return None if best is None else best[1]

    def standard_for(self, kind: str, keys: Keys, month: date, candidates=None) -> Standard | None:
        next_month = add_months(month, 1)
        best = None
        for standard in candidates if candidates is not None else self.by_kind.get(kind, ()):
            if standard.valid_from >= next_month or (standard.valid_to and standard.valid_to < month):
                continue
            if candidates is None and not _matches(standard, keys):
                continue
            rank = (_region_rank(standard.region_id), _specificity(standard), standard.valid_from, standard.pk)
            if best is None or rank > best[0]:
                best = (rank, standard)
        return None if best is None else best[1]

    def rate(self, standard: Standard, keys: Keys, month: date) -> Rate | None:
        if standard.basis == Basis.YEAR:
            return Rate(standard.kind_id, yearly_to_monthly(standard.amount_fen), 0, standard.pk)
        if standard.basis == Basis.MONTH:
            return Rate(standard.kind_id, standard.amount_fen, 0, standard.pk)
        if standard.basis == Basis.SERVICE_YEAR:
            return Rate(standard.kind_id, 0, standard.amount_fen, standard.pk)
        if standard.basis == Basis.WAGE_SHARE:
            wage = self.wage_on(keys.county, month)
            if wage is None or not standard.share_bp:
                return None
            return Rate(standard.kind_id, share_of(wage, standard.share_bp), 0, standard.pk)
        return None  # one-time amounts are not monthly rates

    def rates(self, keys: Keys, months: list[date], kinds: list[str]):
        """(kind, month, Rate) for every periodic kind that has a standard for these keys in each month."""
        for kind in kinds:
            matching = [s for s in self.by_kind.get(kind, ()) if _matches(s, keys)]
            if not matching:
                continue
            for month in months:
                standard = self.standard_for(kind, keys, month, candidates=matching)
                if standard is not None:
                    rate = self.rate(standard, keys, month)
                    if rate is not None:
                        yield kind, month, rate

    def one_time(self, kind: str, keys: Keys, day: date) -> Standard | None:
        standard = self.standard_for(kind, keys, month_start(day))
        return standard if standard is not None and standard.basis == Basis.ONCE else None
