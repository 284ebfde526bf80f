"""Loading the code tables shipped as data (安置方式, 办理时限): from the data migration with historical models,
and from tests and the demo. Idempotent; never overwrites a row staff have edited."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def shipped_rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference(method_model=None, deadline_model=None) -> None:
    if method_model is None:
        from shuangyong.resettlement.models import Deadline as deadline_model
        from shuangyong.resettlement.models import Method as method_model
    for row in shipped_rows("methods.csv"):
        method_model.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "for_conscript": row["for_conscript"] == "1",
                "for_nco": row["for_nco"] == "1",
                "for_officer": row["for_officer"] == "1",
                "needs_placement": row["needs_placement"] == "1",
                "basis": row["basis"],
                "sort_order": int(row["sort_order"]),
            },
        )
    for row in shipped_rows("deadlines.csv"):
        deadline_model.objects.get_or_create(
            code=row["code"], defaults={"days": int(row["days"]), "basis": row["basis"]}
        )
