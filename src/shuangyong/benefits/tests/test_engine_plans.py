"""How the databases run the engine's statements where that decides the run's time at scale: SQLite joins in
the order written (PostgreSQL plans by its statistics, so the plan tests hold for SQLite only); PostgreSQL runs
them with the run's own settings, which end with its transaction."""

from datetime import date

import pytest
from django.db import connection

from shuangyong.accounts.system import system_user
from shuangyong.benefits.services import sql
from shuangyong.benefits.services.engine import RUN_WORK_MEM, compute_run

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


def settings_now() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), current_setting('work_mem')")
        return cursor.fetchone()


class SettingsSeen:
    """A run's progress that reads the session's settings as each step ends (inside the run's transaction)."""

    def __init__(self):
        self.seen = set()

    def note(self, text):
        self.seen.add(settings_now())


@pytest.mark.django_db(transaction=True)  # the run's own transaction ends, as it does outside a test
def test_a_run_compiles_nothing_and_sorts_in_memory_for_its_own_transaction_only(county, standard, entitled):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's settings")
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11")
    before = settings_now()
    progress = SettingsSeen()
    compute_run(county["county"], date(2026, 3, 1), user=system_user(), progress=progress)
    assert progress.seen == {("off", RUN_WORK_MEM)}
    assert settings_now() == before != ("off", RUN_WORK_MEM)
