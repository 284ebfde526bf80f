"""Yearly range partitions on PostgreSQL for the two tables that grow without end: payment lines (by the month
owed) and audit entries (by their time). A province writes about 200M lines a year; by year, an old year can be
archived or dropped as one table and a county's run touches only the years it pays. SQLite stays one table.

Which tables are partitioned is known to the database itself (pg_partitioned_table): a migration converts a table
with `partition_table`, and `ensure_years` (the `partitions` command) finds them there, so nothing has to be
registered here. Each table has a DEFAULT partition: a row of a year nobody created ahead (a back-pay line for an
old month) is still written, and the next `ensure_years` moves it into its own year.

Rules the partitioning imposes on every later migration of these tables: a primary key or unique constraint must
include the partition column (the primary key is (id, column); Django still treats id alone as the key, and the
identity sequence keeps it unique), and indexes cannot be built CONCURRENTLY on the parent.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

YEAR_SUFFIX = re.compile(r"_y(\d{4})$")
OLD = "__unpartitioned"


@dataclass
class TableYears:
    table: str
    column: str
    partitions: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    moved_rows: int = 0
    default_rows: int = 0


def _bound(year: int, temporal: str) -> str:
    """The first instant of `year` as a literal of the column's type; a time column's year is the local year."""
    if temporal == "date":
        return f"'{date(year, 1, 1).isoformat()}'"
    return f"'{datetime(year, 1, 1, tzinfo=timezone.get_default_timezone()).isoformat()}'"


def _column_type(cursor, table: str, column: str) -> str:
    cursor.execute(
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = %s::regclass AND attname = %s",
        [table, column],
    )
    return cursor.fetchone()[0]


def _year_bounds(year: int, temporal: str) -> str:
    return f"FOR VALUES FROM ({_bound(year, temporal)}) TO ({_bound(year + 1, temporal)})"


def _local_year(column: str, temporal: str) -> str:
    """SQL for the year of a row as the partitions count it (a time column's in the installation's time zone)."""
    if temporal == "date":
        return f'extract(year FROM "{column}")::int'
    return f"extract(year FROM \"{column}\" AT TIME ZONE '{settings.TIME_ZONE}')::int"


def partition_table(schema_editor, table: str, column: str, *, ahead: int = 1) -> None:
    """Turn `table` into a table partitioned by year of `column` (a migration's RunPython, PostgreSQL only),
    keeping every row, id, index, constraint, trigger and the identity sequence's position."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        temporal = _column_type(cursor, table, column)
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s",
            [table],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [table],
        )
        triggers = [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT min({_local_year(column, temporal)}), max(id) FROM "{table}"')
        first_year, last_id = cursor.fetchone()

        backing = {name for name, kind, _ in constraints if kind in "pu"}
        old = f"{table}{OLD}"
        cursor.execute(f'ALTER TABLE "{table}" RENAME TO "{old}"')
        for name, _ in indexes:  # index names are schema-wide: free them for the new table's
            cursor.execute(f'ALTER INDEX "{name}" RENAME TO "{name[:40]}{OLD}"')
        cursor.execute(
            f'CREATE TABLE "{table}" (LIKE "{old}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY '
            f'INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY RANGE ("{column}")'
        )
        for name, kind, definition in constraints:
            if kind == "p":
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" PRIMARY KEY (id, "{column}")')
            elif kind in "uf":
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        for name, definition in indexes:
            if name not in backing:
                cursor.execute(definition)
        this_year = timezone.localdate().year
        for year in range(min(first_year or this_year, this_year), this_year + ahead + 1):
            cursor.execute(f'CREATE TABLE "{table}_y{year}" PARTITION OF "{table}" {_year_bounds(year, temporal)}')
        cursor.execute(f'CREATE TABLE "{table}_default" PARTITION OF "{table}" DEFAULT')
        cursor.execute(f'INSERT INTO "{table}" SELECT * FROM "{old}"')
        cursor.execute(f'DROP TABLE "{old}"')
        for definition in triggers:
            cursor.execute(definition)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, %s)", [table, last_id or 1, last_id is not None]
        )


def partitioned_tables(cursor) -> list[tuple[str, str]]:
    """Every range-partitioned table of the schema with its partition column."""
    cursor.execute(
        """
        SELECT c.relname, a.attname
        FROM pg_partitioned_table p
        JOIN pg_class c ON c.oid = p.partrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
        WHERE p.partstrat = 'r'
        ORDER BY c.relname
        """
    )
    return cursor.fetchall()


def _children(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = %s::regclass ORDER BY c.relname",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def ensure_years(connection, *, ahead: int = 1) -> list[TableYears]:
    """Create every year's partition from this year to `ahead` years on, and one for each year that has rows in
    the DEFAULT partition (moving them there). Idempotent; each table in its own transaction."""
    if connection.vendor != "postgresql":
        return []
    this_year = timezone.localdate().year
    with connection.cursor() as cursor:
        tables = partitioned_tables(cursor)
    results = []
    for table, column in tables:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            results.append(_ensure_table(cursor, table, column, range(this_year, this_year + ahead + 1)))
    return results


def _ensure_table(cursor, table: str, column: str, wanted: range) -> TableYears:
    # one at a time: two commands racing would both try to create the same year
    cursor.execute(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE')
    temporal = _column_type(cursor, table, column)
    default = f"{table}_default"
    result = TableYears(table, column)
    have = {int(m.group(1)) for name in _children(cursor, table) if (m := YEAR_SUFFIX.search(name))}
    cursor.execute(f'SELECT DISTINCT {_local_year(column, temporal)} FROM "{default}"')
    stray = {row[0] for row in cursor.fetchall()}
    for year in sorted((set(wanted) | stray) - have):
        name = f"{table}_y{year}"
        if year in stray:
            result.moved_rows += _move_out_of_default(cursor, table, default, name, column, year, temporal)
        else:
            cursor.execute(f'CREATE TABLE "{name}" PARTITION OF "{table}" {_year_bounds(year, temporal)}')
        result.created.append(name)
    cursor.execute(f'SELECT count(*) FROM "{default}"')
    result.default_rows = cursor.fetchone()[0]
    result.partitions = _children(cursor, table)
    return result


def _move_out_of_default(cursor, table, default, name, column, year, temporal) -> int:
    """A year with rows already in the DEFAULT partition: PostgreSQL refuses to create its partition while they
    are there, so they are copied into a new table that is then attached, and removed from the default."""
    where = f'"{column}" >= {_bound(year, temporal)} AND "{column}" < {_bound(year + 1, temporal)}'
    cursor.execute(f'CREATE TABLE "{name}" (LIKE "{table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)')
    cursor.execute(f'INSERT INTO "{name}" SELECT * FROM "{default}" WHERE {where}')
    moved = cursor.rowcount
    # a move, not a deletion: the audit table's append-only triggers are lifted for this statement only
    # (the command runs as the tables' owner; the application's role may not do this)
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no deferred check of this transaction
    cursor.execute(f'ALTER TABLE "{default}" DISABLE TRIGGER USER')
    cursor.execute(f'DELETE FROM "{default}" WHERE {where}')
    cursor.execute(f'ALTER TABLE "{default}" ENABLE TRIGGER USER')
    cursor.execute(f'ALTER TABLE "{table}" ATTACH PARTITION "{name}" {_year_bounds(year, temporal)}')
    return moved
