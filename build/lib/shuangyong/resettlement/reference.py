"""Loading the code tables shipped as data (安置方式, 办理时限) through codetables.load_shipped: from the data
migration with historical models, and from tests and the demo. Idempotent; never overwrites a row staff have
edited."""

from pathlib import Path

from shuangyong.codetables import load_shipped, read_rows

DATA_DIR = Path(__file__).resolve().parent / "data"


def shipped_rows(name: str) -> list[dict]:
    flags = ("for_conscript", "for_nco", "for_officer", "needs_placement")
    return read_rows(DATA_DIR / name, flags=flags, numbers=("sort_order", "days"))


def load_reference(method_model=None, deadline_model=None) -> None:
    if method_model is None:
        from shuangyong.resettlement.models import Deadline as deadline_model
        from shuangyong.resettlement.models import Method as method_model
    load_shipped(method_model, shipped_rows("methods.csv"))
    load_shipped(deadline_model, shipped_rows("deadlines.csv"))
