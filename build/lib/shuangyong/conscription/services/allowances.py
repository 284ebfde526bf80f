"""义务兵家庭优待金 and 立功受奖奖金: what a serving member's family is owed, handed to the payment runs.

The rules (domain.md §4):
- 优待金 is owed for each year of service as 义务兵 (the first two years, 兵役法: 义务兵服现役期限二年) that
  begins before the member leaves service; a returned recruit (退兵) is owed none.
- The standard is the benefits.Standard of kind "conscript_family" (basis 一次性) in force on the day the
  service year begins, for the county that approved enlistment and the member's 城镇/农村 hukou (one figure
  or the split: the table decides).
- Merit adds a percentage of the standard for the service year in which the award was made (授予日期 within
  the year), by the HIGHEST increment among that year's awards only — never summed (MeritIncrement, data).
- It is paid to the family member registered as payee, as a benefits.Grant whose month is the month the
  service year begins; a later change (an award recorded late) changes the Grant and the next run pays only
  the difference.
- Each award's reward (MeritReward of the enlistment county, in force on the award date) is a Grant of kind
  "merit_reward" in the award's month.
Running any of this twice changes nothing.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from shuangyong.audit.context import actor_for
from shuangyong.benefits.services.engine import BenefitsError
from shuangyong.benefits.services.grants import set_grant
from shuangyong.benefits.services.rates import Keys, RateBook, month_start
from shuangyong.conscription.models import Allowance, Award, MeritIncrement, MeritReward, ServiceMember
from shuangyong.conscription.services.errors import ConscriptionError
from shuangyong.money import yuan_text
from shuangyong.regions.codes import short_code

CONSCRIPT_YEARS = 2  # 兵役法第二十二条: 义务兵服现役的期限为二年
ALLOWANCE_KIND, REWARD_KIND = "conscript_family", "merit_reward"


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def percent_text(bp: int) -> str:
    return f"{bp / 100:g}%"


def _rule_for(rows, county_code: str, day: date):
    """Among a table's rows for one award kind: in force on `day`, nearest region to the county, newest."""
    best = None
    for row in rows:
        prefix = short_code(row.region_id)
        if county_code.startswith(prefix) and row.valid_from <= day:
            rank = (len(prefix), row.valid_from)
            if best is None or rank > best[0]:
                best = (rank, row)
    return None if best is None else best[1]


def increment_for(award: Award, county_code: str) -> int:
    rows = MeritIncrement.objects.filter(award_kind_id=award.kind_id)
    rule = _rule_for(rows, county_code, award.awarded_on)
    return rule.increment_bp if rule else 0


def reward_for(award: Award, county_code: str) -> MeritReward | None:
    return _rule_for(MeritReward.objects.filter(award_kind_id=award.kind_id), county_code, award.awarded_on)


def service_years(member: ServiceMember, horizon: date) -> tuple[list[tuple[int, date]], list[int]]:
    """(owed [(n, start)] begun by `horizon`, years no longer owed at all)."""
    returned = member.candidate is not None and member.candidate.returned_on is not None
    owed, not_owed = [], []
    for n in range(1, CONSCRIPT_YEARS + 1):
        start = add_years(member.enlistment_date, n - 1)
        if returned or not member.conscript_service or (member.discharge_date and start >= member.discharge_date):
            not_owed.append(n)
        elif start <= horizon:
            owed.append((n, start))
    return owed, not_owed


def compute_allowance(member: ServiceMember, n: int, start: date, book: RateBook, awards: list[Award]) -> dict:
    county = short_code(member.enlistment_county_id)
    keys = Keys(category="91", nature="", grade=0, hukou=member.hukou, period="", county=county)
    standard = book.one_time(ALLOWANCE_KIND, keys, start)
    if standard is None:
        raise ConscriptionError(
            f"{member.enlistment_county.name}没有 {start} 适用的义务兵家庭优待金标准，请先在标准表中登记"
        )
    end = add_years(start, 1)
    best_bp, best_award = 0, None
    for award in awards:
        if start <= award.awarded_on < end:
            bp = increment_for(award, county)
            if bp > best_bp or (bp == best_bp and best_award is not None and award.kind.rank < best_award.kind.rank):
                best_bp, best_award = bp, award
    increment = (standard.amount_fen * best_bp + 5000) // 10000
    basis = f"第{n}年（{start}起）优待金标准 {yuan_text(standard.amount_fen)} 元"
    if best_award is not None and best_bp:
        basis += f" + {best_award.kind.name}增发 {percent_text(best_bp)}（{yuan_text(increment)} 元）"
    return {
        "year_start": start,
        "standard_fen": standard.amount_fen,
        "increment_bp": best_bp,
        "increment_award": best_award if best_bp else None,
        "amount_fen": standard.amount_fen + increment,
        "basis": basis,
    }


def _grant(entitlement, **kwargs):
    try:
        return set_grant(entitlement, **kwargs)
    except BenefitsError as exc:
        raise ConscriptionError(str(exc)) from None


def _save_allowance(member: ServiceMember, n: int, values: dict, user) -> Allowance:
    row = Allowance.objects.select_for_update().filter(member=member, service_year=n).first()
    if row is None:
        row = Allowance(member=member, service_year=n, **values)
        row.save()
    elif any(getattr(row, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(row, k, v)
        row.save()
    payee = member.payee
    if payee is None and row.grant is not None:
        payee = row.grant.entitlement  # the payee was removed: withdraw from the one recorded
    if payee is not None:
        grant = _grant(
            payee,
            kind=ALLOWANCE_KIND,
            month=month_start(row.year_start),
            amount_fen=row.amount_fen if member.payee_id else 0,
            basis=f"义务兵家庭优待金（{member.name}）：{row.basis}"[:300],
            source=f"conscription.Allowance:{member.pk}:{n}",
            user=user,
        )
        if row.grant_id != grant.pk:
            row.grant = grant
            row.save()
    return row


def _refresh_rewards(member: ServiceMember, awards: list[Award], user) -> None:
    county = short_code(member.enlistment_county_id)
    for award in awards:
        rule = reward_for(award, county)
        amount = rule.amount_fen if rule else 0
        payee = member.payee or (award.reward_grant.entitlement if award.reward_grant is not None else None)
        if payee is None or (amount == 0 and not award.reward_grant_id):
            continue
        grant = _grant(
            payee,
            kind=REWARD_KIND,
            month=month_start(award.awarded_on),
            amount_fen=amount if member.payee_id else 0,
            basis=f"立功受奖奖金（{member.name}）：{award.kind.name}（{award.awarded_on}）"
            f"奖励标准 {yuan_text(amount)} 元",
            source=f"conscription.Award:{award.pk}",
            user=user,
        )
        if award.reward_grant_id != grant.pk:
            award.reward_grant = grant
            award.save()


@transaction.atomic
def refresh_allowances(member: ServiceMember, *, user, on: date | None = None, strict: bool = True) -> list[Allowance]:
    """Work out every allowance (years of service begun by `on`, default today) and reward the member's family
    is owed, and set the Grants the runs pay. Idempotent. A year without a standard is an error, or, when
    another service refreshes along the way (strict=False), left until the standard is entered."""
    with actor_for(user):
        member = (
            ServiceMember.objects.select_for_update(of=("self",)).select_related("candidate", "payee").get(pk=member.pk)
        )
        from shuangyong.accounts.scope import ensure_can_write

        ensure_can_write(user, member)
        horizon = on or timezone.localdate()
        awards = list(Award.objects.filter(member=member).select_related("kind", "reward_grant__entitlement"))
        owed, not_owed = service_years(member, horizon)
        book = RateBook()
        rows = []
        for n, start in owed:
            try:
                values = compute_allowance(member, n, start, book, awards)
            except ConscriptionError:
                if strict:
                    raise
                continue
            rows.append(_save_allowance(member, n, values, user))
        for row in Allowance.objects.filter(member=member, service_year__in=not_owed, amount_fen__gt=0):
            withdrawn: dict[str, object] = {"amount_fen": 0, "increment_bp": 0, "increment_award": None}
            withdrawn["basis"] = f"不再应发（{'退兵' if member.candidate_id else '未以义务兵服役满该年度'}）"
            _save_allowance(member, row.service_year, {**_values_of(row), **withdrawn}, user)
        _refresh_rewards(member, awards, user)
        return rows


def _values_of(row: Allowance) -> dict:
    return {
        "year_start": row.year_start,
        "standard_fen": row.standard_fen,
        "increment_bp": row.increment_bp,
        "increment_award": row.increment_award,
        "amount_fen": row.amount_fen,
        "basis": row.basis,
    }


def grant_allowances(county, year: int, *, user) -> int:
    """The county's 优待金 of one year: every member it enlisted whose year of service begins in `year`.
    Returns how many members were looked at; running it again changes nothing."""
    members = ServiceMember.objects.filter(
        enlistment_county=county,
        enlistment_date__gte=date(year - CONSCRIPT_YEARS + 1, 1, 1),
        enlistment_date__lte=date(year, 12, 31),
    )
    count = 0
    for member in members.order_by("pk"):
        refresh_allowances(member, user=user, on=date(year, 12, 31))
        count += 1
    return count
