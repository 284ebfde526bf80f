"""Loading the benefits code tables shipped as data (kinds, death-grant rules, bank layouts) through
codetables.load_shipped: missing rows created, staff edits kept. Called from data migrations with historical
models, and again by the demo; idempotent.
"""

import json
from pathlib import Path

from shuangyong.codetables import load_shipped, read_rows

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def kind_rows() -> list[dict]:
    fields = ("code", "name", "is_periodic", "requires_enrolment", "aliases", "sort_order")
    rows = read_rows(
        DATA_DIR / "benefit_kinds.csv", flags=("is_periodic", "requires_enrolment"), numbers=("sort_order",)
    )
    return [{key: row[key] for key in fields} for row in rows]


def death_grant_rows() -> list[dict]:
    return [
        {
            "category_id": row["category"],
            "death_cause": row["death_cause"],
            "grant_kind_id": row["grant_kind"],
            "base_kind_id": row["base_kind"],
            "months": row["months"],
            "note": row["note"],
        }
        for row in read_rows(DATA_DIR / "death_grants.csv", numbers=("months",), nullable=("base_kind",))
    ]


def load_reference(kind_model, rule_model, layout_model) -> None:
    load_shipped(kind_model, kind_rows())
    load_shipped(rule_model, death_grant_rows(), key=("category_id", "death_cause"))
    layouts = json.loads((DATA_DIR / "bank_layouts.json").read_text(encoding="utf-8"))
    load_shipped(layout_model, layouts, key=("name",))
