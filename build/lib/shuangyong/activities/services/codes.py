"""The code tables (活动类别, 时机, 计量项目, 帮扶类别): shipped as data/*.csv, loaded by codetables.load_shipped
(missing rows created, staff edits kept)."""

from functools import cache
from pathlib import Path

from shuangyong.codetables import load_shipped, read_rows

DATA = Path(__file__).resolve().parent.parent / "data"
TABLES = {
    "ActivityKind": "activity_kinds.csv",
    "Occasion": "occasions.csv",
    "QuantityKind": "quantity_kinds.csv",
    "ProblemKind": "problem_kinds.csv",
}


@cache
def shipped_rows(model_name: str) -> tuple[dict, ...]:
    """The rows of the shipped CSV for one code table, typed for the model's fields."""
    return tuple(read_rows(DATA / TABLES[model_name], flags=("is_visit", "report_visits"), numbers=("sort_order",)))


def load_code_tables(get_model=None) -> int:
    """Create the shipped rows that are missing; never overwrite a staff edit. Returns how many were added."""
    if get_model is None:
        from django.apps import apps

        def get_model(name):
            return apps.get_model("activities", name)

    return sum(load_shipped(get_model(name), [dict(row) for row in shipped_rows(name)]) for name in TABLES)
