"""The database half of a backup, per engine: a consistent copy and its row counts taken from the same snapshot,
loading a copy into an empty database, and counting a database's rows to check what was loaded.

SQLite: the online backup API (readers and writers go on while it copies). PostgreSQL: pg_dump's custom format,
run on a snapshot exported from a REPEATABLE READ transaction in which the rows are counted too, so the manifest's
counts are exactly the dump's; pg_restore loads it in one transaction (a failure leaves the database empty).
Owners and grants are left out of the dump: the restoring owner owns everything and `grant-app-role` grants again.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.db.utils import load_backend

from shuangyong.errors import RuleError

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"


def engine_of(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise RuleError(f"不支持的数据库：{engine}")


def wrapper_for(settings_dict: dict):
    """A Django connection to the database `settings_dict` names (the default one, or a restore's target)."""
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="backup")


def _quote(wrapper, table: str) -> str:
    return wrapper.ops.quote_name(table)


def count_rows(wrapper) -> dict[str, int]:
    """Rows per table, every table of the database (Django's own and the task queue's included)."""
    with wrapper.cursor() as cursor:
        tables = sorted(wrapper.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {_quote(wrapper, table)}")  # noqa: S608 — names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


def is_empty(settings_dict: dict) -> bool:
    if engine_of(settings_dict) == "sqlite":
        name = str(settings_dict["NAME"])
        if name.startswith("file:") or name == ":memory:":
            raise RuleError("SQLite 只能恢复到数据库文件（不能恢复到内存数据库）")
        if not Path(name).exists():
            return True
    wrapper = wrapper_for(settings_dict)
    try:
        with wrapper.cursor() as cursor:
            return not wrapper.introspection.table_names(cursor)
    finally:
        wrapper.close()


def dump(out_dir: Path) -> tuple[str, dict[str, int]]:
    """Copy the default database into out_dir; returns the file's name and the copy's rows per table."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        return SQLITE_FILE, _dump_sqlite(connection, out_dir / SQLITE_FILE)
    return POSTGRES_FILE, _dump_postgres(connection.settings_dict, out_dir / POSTGRES_FILE)


def _dump_sqlite(connection, target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        copy.close()
    # counted from the copy itself: exactly what the backup holds
    counted = wrapper_for({**connection.settings_dict, "NAME": str(target), "OPTIONS": {}})
    try:
        return count_rows(counted)
    finally:
        counted.close()


def _pg_environment(settings_dict: dict) -> tuple[list[str], dict]:
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    environment = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]  # not on the command line, where ps would show it
    return args, environment


def _run(command: list[str], environment: dict, what: str) -> None:
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
    except FileNotFoundError:
        raise RuleError(f"{what}失败：找不到 {command[0]}（Debian：apt-get install postgresql-client）") from None
    if result.returncode != 0:
        raise RuleError(f"{what}失败：{result.stderr.strip()[-500:]}")


def _dump_postgres(settings_dict: dict, target: Path) -> dict[str, int]:
    wrapper = wrapper_for(settings_dict)
    try:
        wrapper.set_autocommit(False)
        with wrapper.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = count_rows(wrapper)
            args, environment = _pg_environment(settings_dict)
            _run(
                [
                    "pg_dump",
                    *args,
                    "--format=custom",
                    "--no-owner",
                    "--no-acl",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                ],
                environment,
                "导出数据库",
            )
        wrapper.rollback()
    finally:
        wrapper.close()
    return counts


def load(settings_dict: dict, backup_file: Path) -> None:
    """Load a backup's database file into the empty database `settings_dict` names."""
    if engine_of(settings_dict) == "sqlite":
        target = Path(settings_dict["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=WAL")  # as settings.py runs it
        finally:
            copy.close()
            source.close()
        return
    args, environment = _pg_environment(settings_dict)
    _run(
        ["pg_restore", *args, "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", str(backup_file)],
        environment,
        "恢复数据库",
    )
