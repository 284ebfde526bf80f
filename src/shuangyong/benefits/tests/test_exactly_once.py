"""Exactly once: no person is paid twice for the same benefit and month — the database says no, also when
two runs are computed at the same moment on two connections (PostgreSQL; SQLite lets one writer in at a time)."""

import threading
import time
from datetime import date

import pytest
from django.db import IntegrityError, connection, connections, transaction

from shuangyong.accounts.system import system_user
from shuangyong.benefits.models import PaymentLine, PaymentRun
from shuangyong.benefits.services.engine import BenefitsError, compute_run

MONTH = date(2026, 11, 1)


@pytest.mark.django_db
def test_a_second_line_for_the_same_month_and_kind_is_refused(county, standard, entitled):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11")
    run = compute_run(county["county"], MONTH, user=system_user())
    line = run.lines.get()
    line.pk, line.amount_fen = None, 1
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()
    assert PaymentLine.objects.count() == 1


def _compute_and_hold(region, started: threading.Event, release: threading.Event, outcome: dict, name: str):
    """Compute in a transaction of this thread's own connection and keep it open until released."""
    try:
        with transaction.atomic():
            run = compute_run(region, MONTH, user=system_user())
            outcome[name] = ("computed", run.line_count)
            started.set()
            release.wait(10)
    except BenefitsError as exc:
        outcome[name] = ("refused", str(exc))
    finally:
        started.set()
        connections.close_all()


def _race(first_region, second_region) -> dict:
    system_user()  # the migration's, flushed by this kind of test: made now, not by the racing threads
    outcome: dict = {}
    first_started, second_started, release = threading.Event(), threading.Event(), threading.Event()
    first = threading.Thread(target=_compute_and_hold, args=(first_region, first_started, release, outcome, "a"))
    first.start()
    assert first_started.wait(30)
    second = threading.Thread(target=_compute_and_hold, args=(second_region, second_started, release, outcome, "b"))
    second.start()
    time.sleep(1.0)  # the second run is now waiting on the first one's uncommitted lines or run
    release.set()
    first.join(30)
    second.join(30)
    return outcome


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite admits one writer at a time (BEGIN IMMEDIATE)")
def test_two_runs_for_the_same_region_at_once_pay_once(county, standard, entitled):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="甲")
    entitled("11", name="乙", region=county["village_b1"])
    outcome = _race(county["county"], county["county"])
    assert outcome["a"] == ("computed", 2)
    assert outcome["b"][0] == "refused"
    assert (PaymentRun.objects.count(), PaymentLine.objects.count()) == (1, 2)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite admits one writer at a time (BEGIN IMMEDIATE)")
def test_a_county_run_and_a_town_run_at_once_pay_the_town_once(county, standard, entitled):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="甲")
    entitled("11", name="乙", region=county["village_b1"])
    outcome = _race(county["county"], county["town_a"])
    assert outcome == {
        "a": ("computed", 2),
        "b": (
            "refused",
            "另一个发放批次正在或已经计算同一人员同一月份的待遇（每人每项每月只发一次），本次未写入任何数据，请稍后重试",
        ),
    }
    assert sorted(PaymentLine.objects.values_list("person__name", "run__region_id")) == [
        ("乙", "350123000000"),
        ("甲", "350123000000"),
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite admits one writer at a time (BEGIN IMMEDIATE)")
def test_runs_of_two_counties_at_once_never_wait_for_each_other(county, other_county, standard, entitled):
    """One installation, many counties: while 罗源县's run holds its transaction open, 连江县's is computed and
    committed beside it; a lock it had to wait for would end it after lock_timeout."""
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="甲")
    entitled("11", name="乙", region=other_county["village"])
    system_user()
    outcome: dict = {}
    held, release = threading.Event(), threading.Event()
    first = threading.Thread(target=_compute_and_hold, args=(county["county"], held, release, outcome, "a"))
    first.start()
    try:
        assert held.wait(30) and outcome["a"] == ("computed", 1)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '5s'")
            second = compute_run(other_county["county"], MONTH, user=system_user())
        assert not release.is_set() and first.is_alive()  # 罗源县's transaction was open all along
    finally:
        release.set()
        first.join(30)
    assert second.line_count == 1
    assert sorted(PaymentLine.objects.values_list("person__name", "run__region_id")) == [
        ("乙", "350122000000"),
        ("甲", "350123000000"),
    ]
