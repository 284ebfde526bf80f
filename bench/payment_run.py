"""Benchmark: a payment run over a million persons, SQLite and PostgreSQL, beside a naive per-person ORM loop.

Builds a county of N persons with entitlements straight into the database (the import is benchmarked by
import_persons.py), national-style standards for every category, then times:
  1. the first monthly run (2026-01),
  2. the checks on it (不错不漏),
  3. the next month (2026-02), nothing changed: the same lines as the first, written beside a month already paid,
  4. the month after (2026-03) once a standard rise back-dated to February was entered: regular lines plus
     back-pay for February to 40 % of the persons,
the floor — the first run's lines and payees written again by one INSERT ... SELECT each into the same tables
and indexes, nothing computed; the same for the back-pay month's — and a naive loop on 10,000 persons (ORM per
entitlement: find the standard, look for a paid line, save the line). Prints each figure beside the floor and
the ratios. Goals (issue 14): first month ≤ 1.5× the floor, the back-pay month ≤ 1.5× the first, the checks
≤ 0.5× the first; on a quiet machine first month ≤ 20 s and back-pay month ≤ 30 s on PostgreSQL; ≥ 20× the
naive loop. The back-pay month is also printed against the month with nothing changed (3.), the like-for-like
baseline: the very first month writes into an empty line table and finds nothing paid to look up, which no
later month does; the back-pay month's own floor is printed against the first month too (README, Performance).

Usage: python bench/payment_run.py [--persons 1000000] [--db sqlite postgres] [--naive 10000]
"""

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from import_persons import run_on_each  # noqa: E402

# A county of N persons (sys.argv[1]) with entitlements and national-style standards: province.py builds on it too
COUNTY = r"""
import os, random, sys, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuangyong.settings"); django.setup()
from datetime import date, datetime, timezone as tz
from django.db import connection, transaction
from shuangyong.accounts.system import system_user
from shuangyong.benefits.models import PaymentLine, PaymentRun, Standard, WageBase
from shuangyong.benefits.services.approval import check_run
from shuangyong.benefits.services.engine import compute_run
from shuangyong.benefits.services.rates import Keys, RateBook
from shuangyong.benefits.services.standards import save_standard
from shuangyong.regions.models import Region
from shuangyong.registry.importing.bulk import allocate_ids, insert_rows
from shuangyong.registry.importing.writer import SIBLINGS, sealed_columns
from shuangyong.registry.models import Entitlement, Person

import logging
logging.getLogger("shuangyong.benefits.services.engine").setLevel(logging.DEBUG)  # the engine's step timings
logging.getLogger("shuangyong.benefits.services.checks").setLevel(logging.DEBUG)  # each check's
N = int(sys.argv[1])
rng = random.Random(7)
villages = list(Region.objects.filter(level=5, code__startswith="350123").values_list("code", flat=True))
now = datetime(2025, 12, 1, tzinfo=tz.utc)
MIX = [("11", 15), ("21", 4), ("23", 2), ("41", 6), ("42", 8), ("51", 15), ("61", 3), ("71", 7), ("72", 40)]
weights = [w for _, w in MIX]

t = time.perf_counter()
with transaction.atomic():
    pids = allocate_ids(Person, N)
    persons, ents = [], []
    for i, pid in enumerate(pids):
        cat = rng.choices(MIX, weights)[0][0]
        born = date(1930 + i % 35, 1 + i % 12, 1 + i % 28)
        persons.append((pid, f"35012{i:013d}", f"人{i}", "", "M", born, "汉族", "", "", villages[i % len(villages)],
                        "rural" if i % 3 else "urban", "农业银行", f"人{i}", f"6228{i:015d}", "", "", now, now))
        grade = 1 + i % 10 if cat == "11" else None
        nature = ("war", "duty", "war")[i % 3] if cat == "11" else ""
        ents.append((pid, cat, "active", date(2010, 1, 1), date(2010, 1, 1), date(2025, 12, 1), grade, nature,
                     2 + i % 4 if cat == "72" else None, 2026, "", "", "", "", "", ""))
    # stored as the import stores them: numbers encrypted, with their blind indexes (sealed.py)
    ids, stored, siblings = sealed_columns([row[1] for row in persons],
                                           {"phone": [row[7] for row in persons],
                                            "bank_account": [row[13] for row in persons]})
    persons = [(*row[:1], ids[n], *row[2:7], stored["phone"][n], *row[8:13], stored["bank_account"][n], *row[14:],
                *(column[n] for column in siblings)) for n, row in enumerate(persons)]
    insert_rows(Person, ["id", "id_number", "name", "name_initials", "sex", "birth_date", "ethnicity", "phone",
                         "address", "region", "hukou", "bank_name", "bank_holder", "bank_account", "death_cause",
                         "note", "created_at", "updated_at", *SIBLINGS], persons)
    insert_rows(Entitlement, ["person", "category", "status", "approval_date", "status_date", "paid_through",
                              "disability_grade", "disability_nature", "service_years", "confirmed_year",
                              "support_mode", "certificate_no", "enlistment_period", "relation", "soldier_name",
                              "status_reason"], ents)
    del persons, ents
def settle():
    # PostgreSQL: each run is measured on a settled database, as autovacuum leaves it between two monthly runs
    # (hint bits set, dead rows gone, statistics fresh), not on rows written a moment before
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
settle()
print(f"  registry: {N:,} persons written in {time.perf_counter() - t:.1f} s", flush=True)

def std(kind, amount, category=None, basis="year", **keys):
    Standard.objects.create(kind_id=kind, category_id=category, basis=basis, amount_fen=amount,
                            valid_from=date(2024, 8, 1), **keys)
for nature, base in (("war", 5_422_000), ("duty", 5_000_000)):
    for grade in range(1, 11):
        std("disability", base * (14 - grade) // 9, "11", disability_nature=nature, disability_grade=grade)
        if grade <= 4:
            std("nursing", 0, "11", basis="wage_share", disability_nature=nature, disability_grade=grade,
                share_bp=5000 if grade <= 2 else 4000)
for cat, yearly in (("21", 3_589_200), ("23", 2_900_000)):
    std("survivor", yearly, cat)
for cat, monthly in (("41", 150_000), ("42", 73_300), ("51", 77_200), ("61", 77_200), ("71", 62_100)):
    std("living", monthly, cat, basis="month")
std("living", 55_200, "72", basis="service_year")
WageBase.objects.create(region_id="350000000000", year=2024, monthly_fen=895_600, valid_from=date(2025, 1, 1))
county = Region.objects.get(code="350123000000")
actor = system_user()

def timed(label, fn):
    t = time.perf_counter(); result = fn(); seconds = time.perf_counter() - t
    return result, seconds
"""

WORK = (
    COUNTY
    + r"""
NAIVE = int(sys.argv[2])

run, first = timed("first", lambda: compute_run(county, date(2026, 1, 1), user=actor))
print(f"  run 2026-01: {run.person_count:,} persons, {run.line_count:,} lines, {run.total_fen / 100:,.2f} 元 "
      f"in {first:.1f} s = {run.person_count / first:,.0f} persons/s", flush=True)


def floor_of(source_run):
    # the floor: the same lines and payees written again into the same tables and indexes by one INSERT ... SELECT
    # each, in one committed transaction: everything a run must write, with nothing computed
    from shuangyong.benefits.services import sql
    line_cols = sql.LINE_COLUMNS.replace("run_id, ", "")
    line_values = line_cols.replace(" seq,", " seq + 1000,")  # the same months again, beside the lines copied
    payee_cols = ("person_id, name, id_number, region_id, hukou, bank_name, bank_holder, bank_account, "
                  "id_number_index, bank_account_index, bank_account_shape, total_fen, line_count, bank_status, "
                  "bank_message")
    scratch = PaymentRun.objects.create(region=county, period_start=date(2030, 1, 1), period_end=date(2030, 1, 1),
                                        status="approved")
    t = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"INSERT INTO {sql.T['line']} (run_id, {line_cols}) SELECT %s, {line_values} "
                    f"FROM {sql.T['line']} WHERE run_id = %s ORDER BY entitlement_id", [scratch.pk, source_run.pk])
        cur.execute(f"INSERT INTO {sql.T['payee']} (run_id, {payee_cols}) SELECT %s, {payee_cols} "
                    f"FROM {sql.T['payee']} WHERE run_id = %s", [scratch.pk, source_run.pk])
    seconds = time.perf_counter() - t
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {sql.T['line']} WHERE run_id = %s", [scratch.pk])
        cur.execute(f"DELETE FROM {sql.T['payee']} WHERE run_id = %s", [scratch.pk])
    scratch.delete()
    settle()  # nor the floor measured after it
    return seconds


_, checks = timed("checks", lambda: check_run(run, user=actor))
print(f"  checks on it: {checks:.1f} s, {run.findings.count():,} findings", flush=True)
PaymentRun.objects.filter(pk=run.pk).update(status="approved")
settle()
plain_run, plain = timed("plain", lambda: compute_run(county, date(2026, 2, 1), user=actor))
print(f"  run 2026-02, nothing changed: {plain_run.person_count:,} persons, {plain_run.line_count:,} lines in "
      f"{plain:.1f} s", flush=True)
PaymentRun.objects.filter(pk=plain_run.pk).update(status="approved")
rise = Standard(kind_id="living", category_id="72", basis="service_year", amount_fen=58_400,
                valid_from=date(2026, 2, 1), note="bench: back-dated rise")
save_standard(rise, user=actor)
settle()
run2, second = timed("second", lambda: compute_run(county, date(2026, 3, 1), user=actor))
backpaid = run2.lines.filter(line_type="backpay").values("person_id").distinct().count()
print(f"  run 2026-03 with back-pay for February: {run2.person_count:,} persons, {run2.line_count:,} lines, "
      f"back-pay {run2.backpay_fen / 100:,.2f} 元 to {backpaid:,} persons ({backpaid / N:.0%}) in {second:.1f} s",
      flush=True)
# the floors last, so that their copies (a million rows written and deleted) burden no run measured
floor = floor_of(run)
print(f"  floor (the same {run.line_count:,} lines and {run.person_count:,} payees, INSERT ... SELECT): "
      f"{floor:.1f} s", flush=True)
floor2 = floor_of(run2)
print(f"  floor of the back-pay month (its {run2.line_count:,} lines and {run2.person_count:,} payees, INSERT ... "
      f"SELECT): {floor2:.1f} s", flush=True)
print(f"  SUMMARY first month {first:.1f} s vs floor {floor:.1f} s = {first / floor:.2f}× (goal ≤ 1.5×); "
      f"next month, nothing changed, {plain:.1f} s = {plain / first:.2f}× the first; "
      f"back-pay month {second:.1f} s = {second / first:.2f}× the first (goal ≤ 1.5×), {second / plain:.2f}× the "
      f"month with nothing changed, {second / floor2:.2f}× its own floor ({floor2 / first:.2f}× the first); "
      f"checks {checks:.1f} s = {checks / first:.2f}× the first (goal ≤ 0.5×)", flush=True)

# the naive way, for comparison: one entitlement at a time through the ORM
PaymentRun.objects.filter(pk=run2.pk).update(status="approved")
naive_run = PaymentRun.objects.create(region=county, period_start=date(2026, 4, 1), period_end=date(2026, 4, 1))
book = RateBook()
t = time.perf_counter()
with transaction.atomic():
    for ent in Entitlement.objects.select_related("person").order_by("id")[:NAIVE]:
        p = ent.person
        keys = Keys(ent.category_id, ent.disability_nature, ent.disability_grade or 0, p.hukou,
                    ent.enlistment_period, p.region_id[:6])
        for kind in ("disability", "nursing", "survivor", "living"):
            standard = book.standard_for(kind, keys, date(2026, 4, 1))
            rate = standard and book.rate(standard, keys, date(2026, 4, 1))
            if not rate:
                continue
            if PaymentLine.objects.filter(entitlement=ent, kind_id=kind, month=date(2026, 4, 1)).exists():
                continue
            PaymentLine(run=naive_run, person_id=p.pk, entitlement=ent, kind_id=kind, month=date(2026, 4, 1),
                        line_type="regular", amount_fen=rate.monthly_for(ent.service_years),
                        due_fen=rate.monthly_for(ent.service_years), rate_fen=rate.fixed_fen, standard=standard,
                        category_id=ent.category_id, hukou=p.hukou, region_id=p.region_id).save()
naive = time.perf_counter() - t
naive_rate = NAIVE / naive
set_rate = run.person_count / first
print(f"  naive ORM loop: {NAIVE:,} persons in {naive:.1f} s = {naive_rate:,.0f} persons/s; "
      f"set-based is {set_rate / naive_rate:.0f}× faster", flush=True)
"""
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--naive", type=int, default=10_000)
    args = parser.parse_args()
    run_on_each(args.db, WORK, str(args.persons), str(args.naive))


if __name__ == "__main__":
    main()
