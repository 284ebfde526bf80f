"""The roster import as `bin/start` runs it: the command, on an SQLite file, with its writer thread.

The rest of the suite runs on an in-memory database, where the import writes on the caller's connection instead;
this test copies the test database into a file and runs the real command on it in a child process.
"""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection

from shuangyong.accounts.system import system_user
from shuangyong.registry.importing.service import CHUNK
from shuangyong.registry.tests.sheets import MESSY_HEADER, write_sheet
from shuangyong.registry.tests.test_import_columns import random_rows

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("os.environ.get('DATABASE_URL', '').startswith('postgres')", reason="the SQLite writer"),
]


def _import(database, path, *extra):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    command = [sys.executable, "-m", "shuangyong", "import-persons", str(path), "--region", "350123", "--json", *extra]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def _count(database, table):
    with sqlite3.connect(database) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _unique_rows(count):
    rows, seen = [], set()
    for row in random_rows(count * 2, seed=31, bad=0.0):
        if row[3] not in seen and len(rows) < count:
            seen.add(row[3])
            rows.append(row)
    return rows


def test_the_command_on_an_sqlite_file_writes_all_or_nothing_and_once(county, tmp_path):
    system_user()
    database = tmp_path / "shuangyong.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as copy:
        connection.connection.backup(copy)
    rows = _unique_rows(CHUNK * 2 + 300)  # three slices through the writer thread's queue
    sheet = tmp_path / "roster.xlsx"
    write_sheet(sheet, MESSY_HEADER, rows)

    status, first = _import(database, sheet)
    assert (status, first["created"], first["errors"]) == (0, len(rows), [])
    assert _count(database, "registry_person") == len(rows)
    assert _count(database, "registry_importbatch") == 1

    status, again = _import(database, sheet)
    assert (status, again["created"], again["updated"], again["unchanged"]) == (0, 0, 0, len(rows))
    assert _count(database, "registry_importbatch") == 1  # a repeated import leaves no trace

    extra = _unique_rows(CHUNK * 2 + 400)[len(rows) :]
    extra[-1][1] = ""  # the last row of the last slice has no name
    write_sheet(sheet, MESSY_HEADER, rows + extra)
    status, refused = _import(database, sheet)
    assert status == 1
    assert refused["errors"] == [{"row": len(rows) + len(extra) + 3, "column": "姓名", "message": "姓名不能为空"}]
    assert _count(database, "registry_person") == len(rows)  # the good new rows before it were not kept
