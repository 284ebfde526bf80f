"""Writing an import's checked rows: all of them or none (an import that fails writes nothing)."""

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

from shuangyong.errors import RuleError
from shuangyong.sheets.problems import ImportCounts, Problem

Row = TypeVar("Row")


def write_rows(
    parsed: list[tuple[int, Row]],
    write: Callable[[Row], None],
    counts: ImportCounts,
    *,
    dry_run: bool,
    column_of: Callable[[RuleError], str],
) -> None:
    """`write` each (Excel row number, fields) in one transaction; a rule's refusal becomes that row's problem under
    the column `column_of` names. Any problem rolls everything back and zeroes the counts; a dry run rolls back
    too, so its counts are exact."""
    with transaction.atomic():
        for number, fields in parsed:
            try:
                with transaction.atomic():
                    write(fields)
            except RuleError as exc:
                counts.errors.append(Problem(number, column_of(exc), str(exc)))
        if counts.errors:
            counts.created = counts.updated = counts.unchanged = 0
        transaction.set_rollback(dry_run or bool(counts.errors))
