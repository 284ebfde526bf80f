"""The 优抚类别 code table: shipped as data (data/categories.csv), loaded idempotently, edited by staff."""

import csv
from pathlib import Path

CATEGORIES_CSV = Path(__file__).resolve().parent.parent / "data" / "categories.csv"


def category_rows() -> list[dict]:
    with CATEGORIES_CSV.open(encoding="utf-8") as handle:
        return [
            {
                "code": row["code"],
                "name": row["name"],
                "group": row["group"],
                "requires_disability": row["requires_disability"] == "1",
                "requires_relation": row["requires_relation"] == "1",
                "min_age": int(row["min_age"]) if row["min_age"] else None,
                "is_key": row["is_key"] == "1",
                "aliases": row["aliases"],
                "sort_order": int(row["sort_order"]),
            }
            for row in csv.DictReader(handle)
        ]


def load_categories(category_model=None) -> int:
    """Create the shipped categories that are missing; never overwrite a staff edit. Returns how many were added."""
    if category_model is None:
        from shuangyong.registry.models import Category as category_model
    existing = set(category_model.objects.values_list("code", flat=True))
    new = [category_model(**row) for row in category_rows() if row["code"] not in existing]
    category_model.objects.bulk_create(new)
    return len(new)
