"""The 会议类型 code table: shipped as data (data/meeting_kinds.csv), loaded by codetables.load_shipped."""

from pathlib import Path

from shuangyong.codetables import load_shipped, read_rows

KINDS_CSV = Path(__file__).resolve().parent / "data" / "meeting_kinds.csv"


def kind_rows() -> list[dict]:
    return [
        {"code": row["code"], "name": row["name"], "sort_order": row["sort_order"]}
        for row in read_rows(KINDS_CSV, numbers=("sort_order",))
    ]


def load_kinds(kind_model=None) -> int:
    """Create the shipped kinds that are missing; never overwrite a staff edit. Returns how many were added."""
    if kind_model is None:
        from shuangyong.leadership.models import MeetingKind as kind_model
    return load_shipped(kind_model, kind_rows())
