"""年度确认 (条例 §8): who is still unconfirmed this year, and stopping those past the local deadline."""

from datetime import date

from django.db import transaction
from django.db.models import Q

from shuangyong.regions.local_settings import get_setting, is_on
from shuangyong.registry.choices import Status
from shuangyong.registry.services.lifecycle import confirm_year, suspend_entitlement


def unconfirmed(entitlements, year: int, region_code: str | None = None):
    """Active entitlements without the year's 年度确认. Given the region, those approved after its deadline are
    left out: the 认定 was their check, and the payment engine pays them (sql.py), so nothing may stop them."""
    rows = entitlements.filter(status=Status.ACTIVE).filter(Q(confirmed_year__isnull=True) | Q(confirmed_year__lt=year))
    if region_code:
        rows = rows.exclude(approval_date__gt=deadline_for(region_code, year))
    return rows


def deadline_for(region_code: str, year: int) -> date:
    month, day = (
        int(part) for part in str(get_setting("confirmation_deadline", region_code, date(year, 1, 1))).split("-")
    )
    return date(year, month, day)


def overdue(entitlements, *, year: int, region_code: str, today: date):
    """Unconfirmed entitlements once the region's deadline has passed: flagged for stopping."""
    if today <= deadline_for(region_code, year):
        return entitlements.none()
    return unconfirmed(entitlements, year, region_code)


def confirm_many(persons, *, year: int, on: date, user) -> int:
    """年度确认 of a list at once (a village's, as its clerk saw them): each person confirmed as one by one, all in
    one transaction — one that cannot be (died, nothing active) refuses the whole list, naming the person."""
    with transaction.atomic():
        for person in persons:
            confirm_year(person, year=year, on=on, user=user)
    return len(persons)


def stop_overdue(entitlements, *, year: int, region_code: str, today: date, user) -> int:
    """停发 every overdue entitlement; each is its own audited life event."""
    stopped = 0
    for ent in overdue(entitlements, year=year, region_code=region_code, today=today).select_related("person"):
        suspend_entitlement(ent, on=today, reason=f"{year} 年度未确认", user=user)
        stopped += 1
    return stopped


def required_confirmation(region_code: str, month: date) -> tuple[int, date] | None:
    """(year, deadline) of the 年度确认 a month needs where the region stops the unconfirmed (local setting
    unconfirmed_stop): after this year's deadline this year's, before it last year's; None where it only flags
    them. The payment engine and the 应发未发 check both ask here."""
    if not is_on(get_setting("unconfirmed_stop", region_code, month)):
        return None
    year = month.year if month > deadline_for(region_code, month.year) else month.year - 1
    return year, deadline_for(region_code, year)
