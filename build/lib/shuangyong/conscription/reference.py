"""The code tables shipped as CSV (data/): loaded by codetables.load_shipped (missing rows created, staff edits
kept), from a data migration and again by tests that flush tables."""

from pathlib import Path

from shuangyong.codetables import load_shipped, read_rows

DATA = Path(__file__).parent / "data"
TABLES = {
    "Education": ("education.csv", ("senior_high_or_above", "college")),
    "ReturnReason": ("return_reasons.csv", ()),
    "AwardKind": ("award_kinds.csv", ()),
}


def load_reference(apps=None) -> None:
    if apps is None:
        from django.apps import apps
    for model_name, (file_name, flags) in TABLES.items():
        rows = read_rows(DATA / file_name, flags=flags, numbers=("sort_order", "rank"))
        load_shipped(apps.get_model("conscription", model_name), rows)
