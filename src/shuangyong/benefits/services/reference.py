"""Loading the benefits code tables shipped as data (kinds, death-grant rules, bank layouts).

Called from a data migration with historical models, and again by the demo; idempotent.
"""

import csv
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference(kind_model, rule_model, layout_model) -> None:
    for row in _rows("benefit_kinds.csv"):
        kind_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "is_periodic": row["is_periodic"] == "1",
                "requires_enrolment": row["requires_enrolment"] == "1",
                "aliases": row["aliases"],
                "sort_order": int(row["sort_order"]),
            },
        )
    for row in _rows("death_grants.csv"):
        rule_model.objects.update_or_create(
            category_id=row["category"],
            death_cause=row["death_cause"],
            defaults={
                "grant_kind_id": row["grant_kind"],
                "base_kind_id": row["base_kind"] or None,
                "months": int(row["months"]) if row["months"] else None,
                "note": row["note"],
            },
        )
    for layout in json.loads((DATA_DIR / "bank_layouts.json").read_text(encoding="utf-8")):
        name = layout.pop("name")
        if not layout_model.objects.filter(name=name).exists():
            layout_model.objects.create(name=name, **layout)
