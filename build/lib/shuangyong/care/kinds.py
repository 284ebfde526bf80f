"""The 优待服务类别 and 双拥经费用途 code tables: shipped as data (data/*.csv), loaded by codetables.load_shipped.
A new kind of service is a row (its figures follow: figures.py), not code."""

from pathlib import Path

from shuangyong.codetables import load_shipped, read_rows

DATA = Path(__file__).resolve().parent / "data"


def kind_rows() -> list[dict]:
    return read_rows(DATA / "care_kinds.csv", flags=("takes_money", "is_case"), numbers=("sort_order",))


def purpose_rows() -> list[dict]:
    return read_rows(DATA / "fund_purposes.csv", numbers=("sort_order",))


def load_codes(kind_model=None, purpose_model=None) -> int:
    """Create the shipped rows that are missing; never overwrite a staff edit. Returns how many were added."""
    if kind_model is None or purpose_model is None:
        from shuangyong.care.models import CareKind as kind_model
        from shuangyong.care.models import FundPurpose as purpose_model
    return load_shipped(kind_model, kind_rows()) + load_shipped(purpose_model, purpose_rows())
