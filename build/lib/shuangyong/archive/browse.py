"""Filtering the archive by year, category, unit, region and a search word; counts for the filter bar."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from shuangyong.regions.models import Region, subtree_q
from shuangyong.units.models import Unit


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    category: str = ""  # Category.code
    unit: int | None = None
    region: str = ""  # a region code; its whole subtree matches
    q: str = ""
    images_only: bool = False

    @classmethod
    def from_query(cls, params) -> "Filters":
        return cls(
            year=_int(params.get("year")),
            category=(params.get("category") or "").strip(),
            unit=_int(params.get("unit")),
            region=(params.get("region") or "").strip(),
            q=(params.get("q") or "").strip(),
            images_only=params.get("images") in ("1", "true", "on"),
        )


def filtered(rows: QuerySet, filters: Filters, *, skip: str = "") -> QuerySet:
    """Apply every filter except `skip` (so a facet counts across its own values)."""
    if filters.year and skip != "year":
        rows = rows.filter(year=filters.year)
    if filters.category and skip != "category":
        rows = rows.filter(category__code=filters.category)
    if filters.unit:
        rows = rows.filter(unit_id=filters.unit)
    if len(filters.region) == 12 and filters.region.isdigit():
        rows = rows.filter(subtree_q("region", filters.region))
    if filters.q:
        rows = rows.filter(
            Q(title__icontains=filters.q) | Q(original_name__icontains=filters.q) | Q(record_repr__icontains=filters.q)
        )
    if filters.images_only:
        rows = rows.filter(file_type__is_image=True)
    return rows


def facets(rows: QuerySet, filters: Filters) -> dict:
    by_year = filtered(rows, filters, skip="year").values("year").annotate(n=Count("id")).order_by("-year")
    by_category = (
        filtered(rows, filters, skip="category")
        .values("category__code", "category__name", "category__sort_order")
        .annotate(n=Count("id"))
        .order_by("category__sort_order")
    )
    return {
        "years": [(r["year"], r["n"]) for r in by_year],
        "categories": [(r["category__code"], r["category__name"], r["n"]) for r in by_category],
    }


def units_in(rows: QuerySet) -> QuerySet:
    return Unit.objects.filter(pk__in=rows.exclude(unit=None).values("unit_id")).order_by("kind", "code")


def regions_in(rows: QuerySet) -> QuerySet:
    return Region.objects.filter(pk__in=rows.exclude(region=None).values("region_id")).order_by("code")
