"""一次性经济补助: the amount from the county's (or province's) standard, paid through the payment runs.

amount = base + per year of service × counted years, where a part year of up to 6 months counts as half a year
and more as a whole one (rounded half up to the 分). The standard is data (GrantStandard); an amount entered
by staff replaces the computed one. The money goes out through benefits' set_grant: the next payment run over
the veteran's region pays it exactly once.
"""

from datetime import date

from django.db import transaction

from shuangyong.accounts.scope import ancestor_codes, ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.benefits.services.engine import BenefitsError
from shuangyong.benefits.services.grants import grant_paid_fen, grant_state, set_grant
from shuangyong.money import yuan_text
from shuangyong.resettlement.models import Arrival, GrantStandard
from shuangyong.resettlement.services.rules import ResettlementError, counted_months

GRANT_KIND = "resettlement_grant"


def source_of(arrival: Arrival) -> str:
    return f"resettlement.Arrival:{arrival.pk}"


def standard_for(arrival: Arrival) -> GrantStandard | None:
    """The nearest region's row, for the soldier's kind before any kind, the latest in force on arrival."""
    if arrival.method_id is None:
        return None
    lineage = [arrival.region_id, *reversed(ancestor_codes(arrival.region_id))]
    rows = GrantStandard.objects.filter(
        method_id=arrival.method_id,
        soldier_kind__in=[arrival.soldier_kind, ""],
        region_id__in=lineage,
        valid_from__lte=arrival.arrival_date,
    ).select_related("region", "method")
    ranked = sorted(rows, key=lambda r: (lineage.index(r.region_id), r.soldier_kind == "", -r.valid_from.toordinal()))
    return ranked[0] if ranked else None


def months_served(arrival: Arrival) -> int | None:
    if arrival.enlisted_on and arrival.discharged_on:
        return counted_months(arrival.enlisted_on, arrival.discharged_on)
    return arrival.service_years * 12 if arrival.service_years is not None else None


def computed_grant(arrival: Arrival) -> tuple[int, str] | None:
    """(amount in 分, basis in Chinese), or None when no standard applies."""
    standard = standard_for(arrival)
    if standard is None:
        return None
    months = months_served(arrival)
    if months is None:
        raise ResettlementError("缺少入伍、退役日期或服役年限，无法计算一次性经济补助")
    years_fen = (standard.per_year_fen * months * 2 + 12) // 24  # × months/12, half up to the 分
    amount = standard.base_fen + years_fen
    years = f"{months // 12}" if months % 12 == 0 else f"{months / 12:.1f}"
    basis = (
        f"一次性经济补助：{standard.region.name}{standard}，"
        f"基础 {yuan_text(standard.base_fen)} 元 + 每服役年 "
        f"{yuan_text(standard.per_year_fen)} 元 × {years} 年 = {yuan_text(amount)} 元"
    )
    return amount, basis


def _apply(locked: Arrival, amount_fen: int, basis: str, month: date, user) -> Arrival:
    try:
        grant = set_grant(
            locked.entitlement,
            kind=GRANT_KIND,
            month=month,
            amount_fen=amount_fen,
            basis=basis,
            source=source_of(locked),
            user=user,
        )
    except BenefitsError as exc:
        raise ResettlementError(str(exc)) from None
    if locked.grant_id != grant.pk:
        locked.grant = grant
        locked.save()
    return locked


@transaction.atomic
def set_arrival_grant(arrival: Arrival, *, user, on: date, amount_fen: int | None = None, note: str = "") -> Arrival:
    """核定一次性经济补助: computed from the standard, or the amount entered (with its reason); then paid by the
    next payment run. Refused when it was paid before this system."""
    with actor_for(user):
        locked = Arrival.objects.select_for_update(of=("self",)).select_related("method", "region").get(pk=arrival.pk)
        ensure_can_write(user, locked)
        if locked.paid_before_system_on:
            raise ResettlementError(f"一次性经济补助已于 {locked.paid_before_system_on:%Y-%m-%d} 在系统外发放")
        if amount_fen is None:
            if locked.method is None:
                raise ResettlementError("请先确定安置方式，再核定一次性经济补助")
            found = computed_grant(locked)
            if found is None:
                raise ResettlementError(f"没有适用于“{locked.method.name}”的一次性经济补助标准，请录入金额")
            amount_fen, basis = found
        else:
            if amount_fen < 0:
                raise ResettlementError("金额不能为负数")
            basis = f"一次性经济补助：录入金额 {yuan_text(amount_fen)} 元" + (f"（{note}）" if note else "")
        return _apply(locked, amount_fen, basis, on, user)


def refresh_grant(arrival: Arrival, *, user) -> Arrival:
    """After the method changed: recompute a computed grant (an entered amount stays); none applies → 0."""
    if arrival.grant is None or "录入金额" in arrival.grant.basis:
        return arrival
    found = computed_grant(arrival)
    method = arrival.method.name if arrival.method else "未确定"
    amount, basis = found if found else (0, f"一次性经济补助：安置方式改为“{method}”，不予发放")
    return _apply(arrival, amount, basis, arrival.grant.month, user)


def payment_state(arrival: Arrival) -> dict:
    """What the page shows: amount, paid so far, and the state in staff's words."""
    if arrival.paid_before_system_on:
        return {"state": "系统外已发放", "amount_fen": None, "paid_fen": None}
    if arrival.grant is None:
        return {"state": "未核定", "amount_fen": None, "paid_fen": None}
    return {
        "state": grant_state(arrival.grant),
        "amount_fen": arrival.grant.amount_fen,
        "paid_fen": grant_paid_fen(arrival.grant),
    }
