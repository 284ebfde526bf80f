"""The 会议类型 code table: shipped as data (data/meeting_kinds.csv), loaded idempotently, edited by staff."""

import csv
from pathlib import Path

KINDS_CSV = Path(__file__).resolve().parent / "data" / "meeting_kinds.csv"


def kind_rows() -> list[dict]:
    with KINDS_CSV.open(encoding="utf-8") as handle:
        return [
            {"code": row["code"], "name": row["name"], "sort_order": int(row["sort_order"])}
            for row in csv.DictReader(handle)
        ]


def load_kinds(kind_model=None) -> int:
    """Create the shipped kinds that are missing; never overwrite a staff edit. Returns how many were added."""
    if kind_model is None:
        from shuangyong.leadership.models import MeetingKind as kind_model
    existing = set(kind_model.objects.values_list("code", flat=True))
    new = [kind_model(**row) for row in kind_rows() if row["code"] not in existing]
    kind_model.objects.bulk_create(new)
    return len(new)
