"""The code tables shipped as CSV (data/): loaded by a data migration and again by tests that flush tables."""

import csv
from pathlib import Path

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
        model = apps.get_model("conscription", model_name)
        with (DATA / file_name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                values = {k: (v == "1" if k in flags else v) for k, v in row.items() if k != "code"}
                model.objects.update_or_create(code=row["code"], defaults=values)
