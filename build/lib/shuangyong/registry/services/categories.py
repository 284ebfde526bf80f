"""The 优抚类别 code table: shipped as data (data/categories.csv), loaded by codetables.load_shipped."""

from pathlib import Path

from shuangyong.codetables import load_shipped, read_rows

CATEGORIES_CSV = Path(__file__).resolve().parent.parent / "data" / "categories.csv"
FIELDS = ("code", "name", "group", "requires_disability", "requires_relation", "min_age", "is_key", "aliases",
          "sort_order")  # fmt: skip


def category_rows() -> list[dict]:
    rows = read_rows(
        CATEGORIES_CSV,
        flags=("requires_disability", "requires_relation", "is_key"),
        numbers=("min_age", "sort_order"),
    )
    return [{key: row[key] for key in FIELDS} for row in rows]


def load_categories(category_model=None) -> int:
    """Create the shipped categories that are missing; never overwrite a staff edit. Returns how many were added."""
    if category_model is None:
        from shuangyong.registry.models import Category as category_model
    return load_shipped(category_model, category_rows())
