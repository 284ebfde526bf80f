"""The roster's header synonyms (data/header_synonyms.csv), read by the one rule of shuangyong.sheets.headers."""

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from shuangyong.sheets.headers import Header, HeaderTable, read_header, read_synonyms
from shuangyong.sheets.headers import find_header as find_sheet_header

SYNONYMS_CSV = Path(__file__).resolve().parent.parent / "data" / "header_synonyms.csv"
ANCHORS = ("name", "id_number")


@cache
def roster_headers() -> HeaderTable:
    return read_synonyms(SYNONYMS_CSV)


def key_for(header) -> str | None:
    return roster_headers().key_for(header)


def canonical_header(key: str) -> str:
    return roster_headers().canonical[key]


def find_header(rows: list[tuple[int, list]]) -> Header:
    """The roster's header among the first rows ((Excel row number, cells) pairs); SheetError when none."""
    return find_sheet_header(rows, roster_headers(), anchors=ANCHORS)


def read_roster_header(rows: Iterable[tuple[int, list]]) -> tuple[Header, Iterator[tuple[int, list]]]:
    """The roster's header of a streamed sheet and the rows below it (sheets.headers.read_header)."""
    return read_header(rows, roster_headers(), anchors=ANCHORS)
