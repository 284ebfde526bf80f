"""How SQLite plans the engine's statements where the order of the join decides the run's time at scale
(SQLite joins in the order written; PostgreSQL plans by its statistics, so these hold for SQLite only)."""

import pytest
from django.db import connection

from shuangyong.benefits.services import sql

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("frozen", [True, False])
def test_the_corrections_start_from_the_months_to_correct_not_from_every_entitlement(frozen):
    # a month with a handful of corrections (a death recovered, a late approval) walked every entitlement of
    # the registry before: a million probes for a few lines
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans the join by its statistics")
    statement = sql.insert_lines(sql.correction_source(frozen, beside_current=False), once=True)
    with connection.cursor() as cursor:
        sql.create_temp_tables(cursor, connection.vendor)
        cursor.execute(sql.PAID_CORRECTIONS_INDEX)
        try:
            cursor.execute(f"EXPLAIN QUERY PLAN {statement}", [1, "2026-03-01", False, 1, "350123", "350124"])
            steps = [row[-1] for row in cursor.fetchall()]
        finally:
            sql.drop_temp_tables(cursor)
    assert "SEARCH e USING INTEGER PRIMARY KEY (rowid=?)" in steps
    assert not any(step.startswith("SCAN e") for step in steps)
