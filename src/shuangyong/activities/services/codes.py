"""The code tables (活动类别, 时机, 计量项目, 帮扶类别): shipped as data/*.csv, loaded idempotently, edited by staff."""

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
TABLES = {
    "ActivityKind": "activity_kinds.csv",
    "Occasion": "occasions.csv",
    "QuantityKind": "quantity_kinds.csv",
    "ProblemKind": "problem_kinds.csv",
}
FLAGS = {"is_visit", "report_visits"}
NUMBERS = {"sort_order"}


@cache
def shipped_rows(model_name: str) -> tuple[dict, ...]:
    """The rows of the shipped CSV for one code table, typed for the model's fields."""
    with (DATA / TABLES[model_name]).open(encoding="utf-8") as handle:
        rows = []
        for row in csv.DictReader(handle):
            for key in FLAGS & row.keys():
                row[key] = row[key] == "1"
            for key in NUMBERS & row.keys():
                row[key] = int(row[key])
            rows.append(row)
        return tuple(rows)


def load_code_tables(get_model=None) -> int:
    """Create the shipped rows that are missing; never overwrite a staff edit. Returns how many were added."""
    if get_model is None:
        from django.apps import apps

        def get_model(name):
            return apps.get_model("activities", name)

    added = 0
    for name in TABLES:
        model = get_model(name)
        existing = set(model.objects.values_list("code", flat=True))
        new = [model(**row) for row in shipped_rows(name) if row["code"] not in existing]
        model.objects.bulk_create(new)
        added += len(new)
    return added
