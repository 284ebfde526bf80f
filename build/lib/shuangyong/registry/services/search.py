"""Finding persons: the one query behind the registry list, its export and the API.

Filters by region subtree (a code range on the indexed region column), category, status, grade, age band and
年度确认 state; searches by name, pinyin initials or an ID-number fragment; sorts; the caller pages.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q

from shuangyong.accounts.scope import visible
from shuangyong.pinyin import initials
from shuangyong.regions.models import subtree_q
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Entitlement, Person

SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "birth": ("birth_date", "id"),
    "-birth": ("-birth_date", "-id"),
    "region": ("region_id", "name", "id"),
    "recent": ("-created_at", "-id"),
}


@dataclass
class PersonFilter:
    region: str | None = None  # a 12-digit code: its subtree
    category: str | None = None
    status: str | None = None
    grade: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    confirmed: str | None = None  # "yes" / "no" for the year below; "overdue": "no" once the deadline passed
    year: int | None = None
    q: str = ""
    sort: str = "region"


def _birth_bounds(age_min: int | None, age_max: int | None, today: date) -> Q:
    q = Q()
    if age_min is not None:  # at least age_min years old: born on or before today minus age_min years
        q &= Q(birth_date__lte=_years_before(today, age_min))
    if age_max is not None:  # at most age_max: born after today minus (age_max + 1) years
        q &= Q(birth_date__gt=_years_before(today, age_max + 1))
    return q


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _prefix(field: str, text: str) -> Q:
    # a range, not LIKE: both SQLite and PostgreSQL then walk the column's ordinary index
    return Q(**{f"{field}__gte": text, f"{field}__lt": text + "\uffff"})


def _text_query(text: str) -> Q:
    """Names and pinyin initials match from their start; ID numbers by their start, or anywhere (slower)."""
    text = text.strip()
    if not text:
        return Q()
    if text.isascii() and text.isalpha():
        return _prefix("name_initials", text.lower())
    if any(c.isdigit() for c in text):
        # ID numbers are encrypted at rest: found by the whole number (its blind index) or by its last four
        text = text.upper()
        if len(text) == 18:
            return Q(id_number=text)
        if len(text) == 4:
            return Q(id_number_last4=text)
        if len(text) == 8 and text.isdigit():  # a birth date as in the ID number: 19480920
            try:
                return Q(birth_date=date(int(text[:4]), int(text[4:6]), int(text[6:])))
            except ValueError:
                pass
        return Q(pk__in=[])
    # a Chinese name walks the initials index too (张三 → zs), then keeps the names that really start so
    return _prefix("name_initials", initials(text)) & Q(name__startswith=text)


_PROVINCE_PREFIXES = {
    str(n)
    for n in (
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
    )
}


def search_persons(user, f: PersonFilter, *, today: date | None = None):
    today = today or date.today()
    persons = visible(user, Person.objects.all())
    if f.region:
        persons = persons.filter(subtree_q("region", f.region))
    entitlement = Q()
    if f.category:
        entitlement &= Q(category_id=f.category)
    if f.status:
        entitlement &= Q(status=f.status)
    if f.grade:
        entitlement &= Q(disability_grade=f.grade)
    if f.confirmed in ("yes", "no", "overdue"):
        from shuangyong.registry.services.confirmation import deadline_for

        year = f.year or today.year
        deadline = deadline_for(f.region or getattr(user, "region_id", None) or "350000000000", year)
        if f.confirmed == "overdue" and today <= deadline:
            return persons.none()
        confirmed = Q(confirmed_year__gte=year)
        if f.confirmed == "yes":
            entitlement &= Q(status=Status.ACTIVE) & confirmed
        else:  # as confirmation.unconfirmed: one approved after the deadline needs no 年度确认 that year
            entitlement &= Q(status=Status.ACTIVE) & ~confirmed & ~Q(approval_date__gt=deadline)
    if entitlement:
        persons = persons.filter(Exists(Entitlement.objects.filter(entitlement, person=OuterRef("pk"))))
    persons = persons.filter(_birth_bounds(f.age_min, f.age_max, today) & _text_query(f.q))
    return persons.select_related("region").order_by(*SORTS.get(f.sort, SORTS["region"]))


def id_number_q(text: str) -> Q:
    """An ID number typed into a search box: the whole number or its last four (numbers are encrypted at rest)."""
    text = text.strip().upper()
    if len(text) == 18:
        return Q(id_number=text)
    if len(text) == 4:
        return Q(id_number_last4=text)
    return Q(pk__in=[])
