"""The data tables the reader works from (data/*.csv, data/*.txt), loaded once."""

import csv
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def units() -> dict[str, dict]:
    """unit → {kind, noun_after}; match longest first (人次 before 人)."""
    return {row["unit"]: {"kind": row["kind"], "noun_after": row["noun_after"] == "yes"} for row in _rows("units.csv")}


@cache
def units_longest_first() -> list[str]:
    return sorted(units(), key=len, reverse=True)


@cache
def set_phrases() -> tuple[str, ...]:
    return tuple(row["phrase"] for row in _rows("set_phrases.csv"))


@cache
def link_words(where: str) -> tuple[str, ...]:
    words = [row["word"] for row in _rows("link_words.csv") if row["where"] == where]
    return tuple(sorted(words, key=len, reverse=True))


@cache
def verbs() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("verbs.txt")), key=len, reverse=True))


@cache
def boilerplate() -> dict[str, str]:
    return {row["keyword"].lower(): row["strength"] for row in _rows("boilerplate.csv")}


@cache
def activity_kinds() -> dict[str, str]:
    return {row["word"]: row["kind"] for row in _rows("activity_kinds.csv")}


@cache
def org_suffixes() -> tuple[str, ...]:
    return tuple(sorted((row["suffix"] for row in _rows("org_suffixes.csv")), key=len, reverse=True))


@cache
def titles(where: str) -> tuple[str, ...]:
    return tuple(sorted((r["title"] for r in _rows("titles.csv") if r["where"] == where), key=len, reverse=True))


@cache
def surnames() -> frozenset[str]:
    return frozenset(_lines("surnames.txt"))
