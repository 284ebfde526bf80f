"""The calendar's seasons for a user's region in a year: a region's own row replaces the shipped one of the same
key (the nearest region's wins)."""

from datetime import date
from pathlib import Path

from shuangyong.accounts.scope import ancestor_codes
from shuangyong.todo.models import CalendarDate

DATA = Path(__file__).resolve().parent / "data" / "calendar.csv"


def _region_of(user) -> str:
    if user.region_id:
        return user.region_id
    return user.unit.region_id if getattr(user, "unit", None) else ""


def seasons(user, year: int) -> list[tuple[CalendarDate, date, date]]:
    """The year's seasons for the user's region, in date order: (row, start, end)."""
    region = _region_of(user)
    codes = [*ancestor_codes(region), region] if region else []
    rows = CalendarDate.objects.filter(region__isnull=True) | CalendarDate.objects.filter(region__in=codes)
    chosen: dict[str, CalendarDate] = {}
    depth = {code: n for n, code in enumerate(codes)}
    for row in rows.order_by("pk"):
        if row.in_year(year) is None:
            continue
        here = depth.get(row.region_id, -1) if row.region_id else -1
        kept = chosen.get(row.key)
        if kept is None or here >= (depth.get(kept.region_id, -1) if kept.region_id else -1):
            chosen[row.key] = row  # the nearest region's row wins
    found = [(row, *row.in_year(year)) for row in chosen.values()]  # type: ignore[misc]
    return sorted(found, key=lambda t: (t[1], t[0].key))


def load_calendar(model=None) -> int:
    """The shipped seasons (data/calendar.csv) that are missing; a row that exists is left as staff keep it."""
    from shuangyong.codetables import load_shipped, read_rows

    rows = read_rows(DATA, flags=("every_year",))
    for row in rows:
        row["start"], row["end"] = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
    return load_shipped(model or CalendarDate, rows, key=("key", "start"))
