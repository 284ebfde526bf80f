"""Load the shipped code tables (data/*.csv) — used by the data migration, safe to run again."""

import csv
from pathlib import Path

DATA = Path(__file__).parent / "data"


def shipped_rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference(category_model, file_type_model) -> None:
    for row in shipped_rows("categories.csv"):
        category_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "sort_order": int(row["sort_order"])}
        )
    for row in shipped_rows("file_types.csv"):
        file_type_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "label": row["label"],
                "extensions": row["extensions"],
                "mime": row["mime"],
                "is_image": row["is_image"] == "1",
                "max_bytes": int(row["max_mb"]) * 1024 * 1024,
            },
        )
