"""Load the shipped code tables (data/*.csv) through codetables.load_shipped — used by the data migration, safe
to run again; a row staff have edited is kept."""

from pathlib import Path

from shuangyong.codetables import load_shipped, read_rows

DATA = Path(__file__).parent / "data"


def shipped_rows(name: str) -> list[dict]:
    return read_rows(DATA / name, flags=("is_image",), numbers=("sort_order", "max_mb"))


def load_reference(category_model, file_type_model) -> None:
    load_shipped(
        category_model, [{k: r[k] for k in ("code", "name", "sort_order")} for r in shipped_rows("categories.csv")]
    )
    file_types = [
        {
            "code": row["code"],
            "label": row["label"],
            "extensions": row["extensions"],
            "mime": row["mime"],
            "is_image": row["is_image"],
            "max_bytes": row["max_mb"] * 1024 * 1024,
        }
        for row in shipped_rows("file_types.csv")
    ]
    load_shipped(file_type_model, file_types)
