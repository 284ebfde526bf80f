"""Benchmark: the 优抚对象 roster import (parse, validate, write) at 100k and 1M rows, SQLite and PostgreSQL.

Prints, per size and database: seconds, rows/s and peak memory of `shuangyong import-persons`, and two floors
measured in the same run, with the ratio to each:
  - the floor: reading the file with calamine + the database's own bulk load (COPY; SQLite executemany) of the
    rows the import stored — persons and entitlements as stored, numbers sealed — into tables with the same
    columns, indexes, unique and foreign keys, in one transaction: the least any import must do;
  - the bare floor: the same reading + the sheet's cells loaded into a bare table of 16 text columns (no index,
    no key, one table): what the bench printed alone before; it leaves out the database's work on the indexes.

Usage: python bench/import_persons.py [--rows 100000 1000000] [--db sqlite postgres]
Targets: 1M rows ≤ 90 s on SQLite, ≤ 60 s on PostgreSQL, peak memory ≤ 2 GiB (issue 3); ≤ 1.5× the floor (issue 15).
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/{name}")
SHUANGYONG = [sys.executable, "-m", "shuangyong"]


def roster(rows: int) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"roster-{rows}.xlsx"
    if not path.exists():
        print(f"generating {path.name} ...", flush=True)
        subprocess.run([sys.executable, "-m", "shuangyong.demo.roster", str(rows), str(path)], check=True)
    return path


def environment(db: str, workdir: Path) -> tuple[dict, callable]:
    env = {**os.environ, "DEBUG": "true", "SHUANGYONG_VAR_DIR": str(workdir)}
    env.pop("DATABASE_URL", None)
    cleanup = lambda: None  # noqa: E731
    if db == "postgres":
        name = f"sy_bench_{os.getpid()}"
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
        env["DATABASE_URL"] = PG_URL.format(name=name)
        cleanup = lambda: subprocess.run(  # noqa: E731
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True
        )
    return env, cleanup


def run_on_each(dbs: list[str], script: str, *args: str) -> None:
    """Run a benchmark script in a fresh installation (migrated, regions and the syb user set up) of each database."""
    for db in dbs:
        with tempfile.TemporaryDirectory() as workdir:
            env, cleanup = environment(db, Path(workdir))
            try:
                subprocess.run([*SHUANGYONG, "migrate", "-v0"], env=env, check=True)
                subprocess.run([sys.executable, "-c", SETUP], env=env, check=True)
                print(f"{db}:", flush=True)
                result = subprocess.run([sys.executable, "-c", script, *args], env=env)
                if result.returncode:
                    sys.exit(f"{db}: the benchmark failed (exit {result.returncode})")
            finally:
                cleanup()


def run_child(command: list[str], env: dict) -> tuple[float, int, str]:
    """(seconds, peak RSS in MiB of the child, stdout)."""
    script = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024); "
        "print(p.stdout[-2000:]); sys.stderr.write(p.stderr[-2000:]); sys.exit(p.returncode)"
    )
    result = subprocess.run([sys.executable, "-c", script, *command], env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr[-2000:]}{result.stdout[-500:]}")
    first, rest = result.stdout.split("\n", 1)
    seconds, peak = first.split()
    return float(seconds), int(peak), rest


SETUP = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuangyong.settings"); django.setup()
from shuangyong.accounts.models import User
from shuangyong.demo.services import DATA_DIR
from shuangyong.regions.services import load_national_table
from shuangyong.sheets.regions import import_regions_text
load_national_table()
import_regions_text((DATA_DIR / "luoyuan-towns-villages.csv").read_text(encoding="utf-8"))
User.objects.create_user("syb", password="x" * 12, role="county_admin", region_id="350123000000")
"""

FLOOR = """
import os, sys, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuangyong.settings"); django.setup()
from pathlib import Path
from django.db import connection, transaction
from shuangyong.sheets.reader import open_sheet
t = time.perf_counter()
rows = [[str(v) for v in cells[:16]] for _, cells in open_sheet(Path(sys.argv[1]))][2:]
read = time.perf_counter() - t
cols = ", ".join(f"c{i} text" for i in range(16))
t = time.perf_counter()
with transaction.atomic(), connection.cursor() as cur:
    cur.execute(f"CREATE TABLE bench_floor ({cols})")
    if connection.vendor == "postgresql":
        with cur.cursor.copy("COPY bench_floor FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
    else:
        cur.executemany(f"INSERT INTO bench_floor VALUES ({', '.join(['%s'] * 16)})", rows)
    cur.execute("DROP TABLE bench_floor")
print(f"{read:.1f} {time.perf_counter() - t:.1f}")
"""

# after the import: its stored rows loaded again, by the database's own bulk load, into copies of the two tables
# with the same indexes and keys (the floor's "load")
STORED_FLOOR = r"""
import io, os, re, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuangyong.settings"); django.setup()
from django.db import connection, transaction
from shuangyong.registry.models import Entitlement, Person
TABLES = [Person._meta.db_table, Entitlement._meta.db_table]
with connection.cursor() as cur:
    if connection.vendor == "postgresql":
        dumps = {}
        for table in TABLES:
            dumps[table] = buffer = io.BytesIO()
            with cur.cursor.copy(f"COPY {table} TO STDOUT") as copy:
                for data in copy:
                    buffer.write(data)
        t = time.perf_counter()
        with transaction.atomic():
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as the import checks them
            for table in TABLES:
                cur.execute(f"CREATE TABLE floor_{table} (LIKE {table} INCLUDING ALL)")
                cur.execute("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
                            "AND contype = 'f'", [table])
                for (definition,) in cur.fetchall():
                    cur.execute(f"ALTER TABLE floor_{table} ADD {definition}")
                with cur.cursor.copy(f"COPY floor_{table} FROM STDIN") as copy:
                    copy.write(dumps[table].getvalue())
        load = time.perf_counter() - t
    else:
        rows = {}
        for table in TABLES:
            cur.execute(f"SELECT * FROM {table}")
            rows[table] = cur.fetchall()
        t = time.perf_counter()
        with transaction.atomic():
            for table in TABLES:
                cur.execute("SELECT type, sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL "
                            "ORDER BY type DESC", [table])  # the table first, then its indexes
                for kind, statement in cur.fetchall():
                    if kind == "table":
                        statement = statement.replace(f'"{table}"', f'"floor_{table}"', 1)
                    else:  # CREATE [UNIQUE] INDEX "name" ON "table" (...)
                        named = r'INDEX "([^"]+)" ON "([^"]+)"'
                        statement = re.sub(named, r'INDEX "floor_\1" ON "floor_\2"', statement)
                    cur.execute(statement)
                width = len(rows[table][0]) if rows[table] else 0
                cur.executemany(f"INSERT INTO floor_{table} VALUES ({', '.join(['%s'] * width)})", rows[table])
        load = time.perf_counter() - t
    for table in TABLES:
        cur.execute(f"DROP TABLE IF EXISTS floor_{table}")
print(f"{load:.1f}")
"""


def bench(rows: int, db: str) -> None:
    path = roster(rows)
    with tempfile.TemporaryDirectory() as workdir:
        env, cleanup = environment(db, Path(workdir))
        try:
            subprocess.run([*SHUANGYONG, "migrate", "-v0"], env=env, check=True)
            subprocess.run([sys.executable, "-c", SETUP], env=env, check=True)  # regions and a user, no persons
            floor = subprocess.run(
                [sys.executable, "-c", FLOOR, str(path)], env=env, check=True, capture_output=True, text=True
            ).stdout.split()
            read_s, load_s = float(floor[0]), float(floor[1])
            seconds, peak, out = run_child(
                [*SHUANGYONG, "import-persons", str(path), "--region", "350123", "--json"], env
            )
            again, _, out2 = run_child([*SHUANGYONG, "import-persons", str(path), "--region", "350123", "--json"], env)
            stored_s = float(
                subprocess.run(
                    [sys.executable, "-c", STORED_FLOOR], env=env, check=True, capture_output=True, text=True
                ).stdout.split()[-1]
            )
        finally:
            cleanup()
    floor_s, bare_s = read_s + stored_s, read_s + load_s
    print(
        f"{db:<9} {rows:>8} rows  import {seconds:6.1f} s  {rows / seconds:8.0f} rows/s  peak {peak:5d} MiB  "
        f"| floor {floor_s:5.1f} s (read {read_s:.1f} + load of the stored rows {stored_s:.1f})  "
        f"ratio {seconds / floor_s:4.2f}x  "
        f"| bare floor {bare_s:5.1f} s (read + bulk load into a bare table {load_s:.1f})  "
        f"ratio {seconds / bare_s:4.2f}x  "
        f"| re-import (all unchanged) {again:6.1f} s",
        flush=True,
    )
    print(f"          result: {out.strip()[:120]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; limit "
        f"{resource.getrlimit(resource.RLIMIT_AS)[0]}",
        flush=True,
    )
    for rows in args.rows:
        for db in args.db:
            bench(rows, db)


if __name__ == "__main__":
    main()
