"""The shipped wording (data/summary_wording.toml) into SummaryTemplate and NamingCycle rows."""

import tomllib
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "summary_wording.toml"
FIELDS = ("kind", "section", "order", "scope", "heading", "text")


def read_shipped(path: Path = SHIPPED) -> dict:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    for row in data.get("template", []):
        row["text"] = row["text"].strip("\n")
    return data


def load_wording(template_model, cycle_model, *, path: Path = SHIPPED, overwrite: bool = False) -> int:
    """Create the shipped templates and cycles that are missing (all of them, with overwrite=True).

    Takes the models as arguments so that a data migration can pass its historical ones. Returns how many
    rows were written."""
    data = read_shipped(path)
    written = 0
    for row in data.get("template", []):
        values = {
            "kind": row["kind"],
            "section": row.get("section", ""),
            "order": row.get("order", 0),
            "scope": row.get("scope", "any"),
            "heading": row.get("heading", ""),
            "text": row["text"],
        }
        existing = template_model.objects.filter(key=row["key"]).first()
        if existing is None:
            template_model.objects.create(key=row["key"], **values)
            written += 1
        elif overwrite and any(getattr(existing, f) != values[f] for f in FIELDS):
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()
            written += 1
    for row in data.get("cycle", []):
        defaults = {"last_year": row["last_year"], "every_years": row["every_years"]}
        cycle = cycle_model.objects.filter(name=row["name"]).first()
        if cycle is None:
            cycle_model.objects.create(name=row["name"], **defaults)
            written += 1
        elif overwrite and (cycle.last_year, cycle.every_years) != (row["last_year"], row["every_years"]):
            cycle_model.objects.filter(pk=cycle.pk).update(**defaults)
            written += 1
    return written


def refresh_unedited(template_model, previous: dict[str, str], *, path: Path = SHIPPED) -> int:
    """Give the shipped templates named in `previous` their new text, where staff have not edited them: a row
    whose text is still the `previous` shipped one. Returns how many were changed."""
    shipped = {row["key"]: row["text"] for row in read_shipped(path).get("template", [])}
    changed = 0
    for key, old_text in previous.items():
        row = template_model.objects.filter(key=key).first()
        if row is not None and key in shipped and row.text.strip("\n") == old_text and row.text != shipped[key]:
            row.text = shipped[key]
            row.save()
            changed += 1
    return changed
