"""Header names of office rosters → canonical keys. The synonym table is data (data/header_synonyms.csv)."""

import csv
import re
from functools import cache
from pathlib import Path

SYNONYMS_CSV = Path(__file__).resolve().parent.parent / "data" / "header_synonyms.csv"
REQUIRED = ("name", "id_number")
_NOISE = re.compile(r"[\s*＊:：\n\r]+")


def clean_header(text) -> str:
    if text is None:
        return ""
    return _NOISE.sub("", str(text)).replace("（", "(").replace("）", ")")


def read_synonyms(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(normalized header → key, key → canonical Chinese header) from a CSV of key, canonical, variants (| apart);
    every sheet import keeps its own such table."""
    lookup, canonical = {}, {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            canonical[row["key"]] = row["canonical"]
            for name in [row["canonical"], *filter(None, row["variants"].split("|"))]:
                lookup[clean_header(name)] = row["key"]
    return lookup, canonical


@cache
def synonym_table() -> tuple[dict[str, str], dict[str, str]]:
    return read_synonyms(SYNONYMS_CSV)


def key_for(header) -> str | None:
    return synonym_table()[0].get(clean_header(header))


def canonical_header(key: str) -> str:
    return synonym_table()[1][key]


def match_header_row(cells: list) -> dict[str, int]:
    """key → column index for one candidate header row (first occurrence wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = key_for(cell)
        if key and key not in found:
            found[key] = index
    return found


def find_header(rows: list[list], scan: int = 20) -> tuple[int, dict[str, int]] | None:
    """The header is the row among the first `scan` that names the most known columns and has 姓名 and 身份证号."""
    best = None
    for index, cells in enumerate(rows[:scan]):
        found = match_header_row(cells)
        if all(k in found for k in REQUIRED) and (best is None or len(found) > len(best[1])):
            best = (index, found)
    return best
