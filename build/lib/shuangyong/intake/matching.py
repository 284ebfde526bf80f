"""From the reader's words to the activities app's code tables (ActivityKind, Occasion, QuantityKind), by their
names and aliases (data in the activities app), never by a list kept here."""

import csv
import re
from datetime import date

from shuangyong.activities.models import ActivityKind, Occasion, QuantityKind
from shuangyong.intake.reading import tables
from shuangyong.intake.reading.entities import festivals

# units the reader prints → the units the activities app counts in, where they are the same measure
SAME_MEASURE = {"人": {"人", "人次", "名"}, "名": {"人", "人次", "名"}, "场": {"场", "场次"}, "次": {"次", "场次"}}


def _names(row) -> list[str]:
    return [row.name, *[a for a in row.aliases.split("|") if a]]


def activity_kind_for(words: list[str]) -> str:
    kinds = list(ActivityKind.objects.filter(is_active=True).order_by("sort_order"))
    for word in words:
        for kind in kinds:
            if any(word == name or word in name or name in word for name in _names(kind)):
                return kind.code
    return "other" if any(k.code == "other" for k in kinds) else (kinds[0].code if kinds else "")


def occasion_for(text: str) -> str:
    for occasion in Occasion.objects.filter(is_active=True).order_by("sort_order"):
        if any(name.strip("“”") and name.strip("“”") in text for name in _names(occasion)):
            return occasion.code
    return ""


def quantity_kind_for(unit: str, subject: str) -> str:
    """The QuantityKind whose name or alias the subject contains, in the same measure; '' for money and none."""
    if unit == "元":
        return ""
    units = SAME_MEASURE.get(unit, {unit})
    for kind in QuantityKind.objects.filter(is_active=True).order_by("sort_order"):
        if kind.unit in units and any(name in subject or subject and subject in name for name in _names(kind)):
            return kind.code
    return ""


def activity_date(year: int | None, date_words: str) -> date | None:
    """A date the text gives (3月5日, or a festival with a fixed day such as 八一); None when it gives none."""
    if not year:
        return None
    match = re.search(r"(\d{1,2})月(\d{1,2})[日号]", date_words)
    if match:
        try:
            return date(year, int(match.group(1)), int(match.group(2)))
        except ValueError:
            return None
    with open(tables.DATA_DIR / "festivals.csv", encoding="utf-8", newline="") as fh:
        fixed = {row["word"]: row["month_day"] for row in csv.DictReader(fh) if row["month_day"]}
    for word in festivals():
        if word in date_words and word in fixed:
            month, day = fixed[word].split("-")
            return date(year, int(month), int(day))
    return None
