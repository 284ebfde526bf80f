"""The calendar's seasons for a user's region in a year: a region's own row replaces the shipped one of the same
key (the nearest region's wins)."""

from datetime import date
from pathlib import Path

from shuangyong.accounts.scope import ancestor_codes
from shuangyong.todo.models import CalendarDate

DATA = Path(__file__).resolve().parent / "data" / "calendar.csv"


def seasons(user, year: int) -> list[tuple[CalendarDate, date, date]]:
    """The year's seasons for the user's region, in date order: (row, start, end)."""
    region = user.home_region_id
    codes = [*ancestor_codes(region), region] if region else []
    rows = CalendarDate.objects.filter(region__isnull=True) | CalendarDate.objects.filter(region__in=codes)
    depth = {code: n for n, code in enumerate(codes)}  # the shipped rows (no region) are -1
    chosen: dict[str, tuple[int, CalendarDate, date, date]] = {}
    for row in rows.order_by("pk"):
        dates = row.in_year(year)
        here = depth.get(row.region_id, -1)
        if dates is not None and (row.key not in chosen or here >= chosen[row.key][0]):
            chosen[row.key] = (here, row, *dates)  # the nearest region's row wins
    return sorted(((row, start, end) for _, row, start, end in chosen.values()), key=lambda t: (t[1], t[0].key))


def load_calendar(model=None) -> int:
    """The shipped seasons (data/calendar.csv) that are missing; a row that exists is left as staff keep it."""
    from shuangyong.codetables import load_shipped, read_rows

    rows = read_rows(DATA, flags=("every_year",))
    for row in rows:
        row["start"], row["end"] = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
    return load_shipped(model or CalendarDate, rows, key=("key", "start"))
