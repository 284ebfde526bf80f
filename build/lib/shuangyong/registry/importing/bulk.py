"""Fast inserts for the roster import.

Hand-written on purpose: Django's bulk_create spends about 60 µs per row preparing values, so a
million-row roster would take minutes to write. Here rows are plain tuples in column order; PostgreSQL
gets them through COPY, SQLite through executemany. Primary keys are allocated up front so that the
entitlements can point at persons without reading them back.
"""

from itertools import repeat

from django.db import connection


def _columns(model, fields: list[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in fields]


def allocate_ids(model, count: int) -> list[int]:
    """Primary keys for `count` new rows. Call inside the import's transaction."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            # one row back instead of `count`: the usual answer is a run of consecutive numbers
            cursor.execute(
                "SELECT min(v), max(v), "
                "CASE WHEN max(v) - min(v) + 1 = count(*) THEN NULL ELSE array_agg(v ORDER BY v) END "
                "FROM (SELECT nextval(%s::regclass) AS v FROM generate_series(1, %s)) AS ids",
                [sequence, count],
            )
            low, high, scattered = cursor.fetchone()
            return list(range(low, high + 1)) if scattered is None else list(scattered)
        # SQLite: the import holds the write lock (BEGIN IMMEDIATE), so max(id) cannot move under us
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def _sqlite_adapters(model, fields: list[str]) -> list[tuple[int, object]]:
    """Column positions that need Django's own SQLite text form (dates, aware datetimes)."""
    ops = connection.ops
    adapters = []
    for position, name in enumerate(fields):
        kind = model._meta.get_field(name).get_internal_type()
        if kind == "DateTimeField":
            adapters.append((position, ops.adapt_datetimefield_value))
        elif kind == "DateField":
            adapters.append((position, ops.adapt_datefield_value))
    return adapters


def insert_rows(model, fields: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    if connection.vendor != "postgresql":
        adapters = _sqlite_adapters(model, fields)
        converted = []
        for row in rows:
            row = list(row)
            for position, adapt in adapters:
                if row[position] is not None:
                    row[position] = adapt(row[position])
            converted.append(row)
        rows = converted
    _write(model, fields, rows)


def _write(model, fields: list[str], rows) -> None:
    """Rows (any iterable of tuples in `fields` order, values already in the database's form) into the table."""
    table = model._meta.db_table
    columns = _columns(model, fields)
    quoted = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("%s" for _ in columns)
            cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)


class Same:
    """A column holding one value in every row."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def insert_columns(model, fields: list[str], columns: list) -> None:
    """Like insert_rows, from columns (lists of equal length, or Same); values are converted once per distinct value."""
    lengths = {len(c) for c in columns if not isinstance(c, Same)}
    if not lengths or lengths == {0}:
        return
    if connection.vendor == "postgresql":
        copy_text(model, fields, "".join(line + "\n" for line in copy_lines(columns)))
        return
    columns = list(columns)
    for position, adapt in _sqlite_adapters(model, fields):
        column = columns[position]
        if isinstance(column, Same):
            columns[position] = Same(None if column.value is None else adapt(column.value))
        else:
            memo = {value: adapt(value) for value in set(column) if value is not None}
            memo[None] = None
            columns[position] = list(map(memo.__getitem__, column))
    _write(model, fields, zip(*(repeat(c.value) if isinstance(c, Same) else c for c in columns), strict=False))


def copy_lines(columns: list) -> list[str]:
    """Rows in COPY's text format, without line ends, built column by column (psycopg's write_row costs ~8 µs a
    row, this about one). `columns` as for insert_columns."""
    texts = [repeat(_copy_text(c.value)) if isinstance(c, Same) else _copy_texts(c) for c in columns]
    return list(map("\t".join, zip(*texts, strict=False)))  # Same columns repeat without end


def copy_text(model, fields: list[str], data: str) -> None:
    """COPY FROM STDIN of `data`, rows of `fields` in text format."""
    if not data:
        return
    table, quoted = model._meta.db_table, ", ".join(f'"{c}"' for c in _columns(model, fields))
    with connection.cursor() as cursor, cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
        copy.write(data)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _copy_texts(column: list) -> list[str]:
    types = set(map(type, column))
    if types == {str}:  # ID numbers, names, accounts: mostly nothing to escape, and most values differ
        joined = "".join(column)
        if "\\" in joined or "\t" in joined or "\n" in joined or "\r" in joined:
            return [value.translate(_COPY_ESCAPES) for value in column]
        return column
    distinct = dict.fromkeys(column)
    if bool in types:  # True == 1: no shared memo
        return list(map(_copy_text, column))
    memo = {value: _copy_text(value) for value in distinct}
    return list(map(memo.__getitem__, column))


def fetch_rows(model, key: str, keys: list, fields: list[str]) -> list[tuple]:
    """Rows of `fields` (plain tuples) whose `key` is in `keys` — without building model instances or dicts.

    Dates come back as dates on PostgreSQL and as ISO text on SQLite: compare them through `plain()`.
    """
    if not keys:
        return []
    table = model._meta.db_table
    quoted = ", ".join(f'"{c}"' for c in _columns(model, fields))
    key_column = model._meta.get_field(key).column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'SELECT {quoted} FROM "{table}" WHERE "{key_column}" = ANY(%s)', [list(keys)])
        else:
            marks = ", ".join("%s" for _ in keys)
            cursor.execute(f'SELECT {quoted} FROM "{table}" WHERE "{key_column}" IN ({marks})', list(keys))
        return cursor.fetchall()


def plain(value):
    """One comparable form for a value read back by fetch_rows or parsed from a sheet."""
    return value.isoformat() if hasattr(value, "isoformat") else value
