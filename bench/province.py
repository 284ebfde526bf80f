"""Benchmark: one county among a hundred. A province on PostgreSQL — 100 counties of 50,000 persons (5M) — and
whether one county's work slows as the province around it grows.

Builds the probe county (罗源县, 350123) as payment_run.py builds a county, then times on it, with the province
still empty around it (the floor):
  1. its first monthly run (2026-01), then discarded;
  2. its person list: /registry/ and /api/v1/persons/ as the county's administrator (median of 7 requests each);
then grows the province: 99 more counties (10 synthetic cities under 福建省, each county the probe's towns and
villages) with a copy of the probe's persons and entitlements each, and every county's own run for 2026-01, so
the payment lines of the whole province are in the tables; then times the probe's run and list again, and the
province's figures (every figure of the catalogue for 福建省, 2026) rolled up from the records.

Prints each figure of the full province beside the same figure with the province empty, and the ratio (goal: no
slower — about 1.0× — for the run and the list; the roll-up ≤ 30 s on a quiet machine).

Usage: python bench/province.py [--per-county 50000] [--counties 100]
"""

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from import_persons import run_on_each  # noqa: E402
from payment_run import COUNTY  # noqa: E402

PROVINCE = r"""
import statistics
from django.test import Client
from shuangyong.benefits.services.approval import discard_run
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope
from shuangyong.sheets.regions import import_regions_text
from shuangyong.accounts.models import User

from django.conf import settings
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host
logging.getLogger("shuangyong.request").setLevel(logging.WARNING)  # a line per request: noise here
logging.getLogger("shuangyong.benefits.services.engine").setLevel(logging.INFO)  # and per step of 100 runs
COUNTIES = int(sys.argv[2])
MONTH = date(2026, 1, 1)
client = Client()
LISTS = ["/registry/", "/api/v1/persons/"]


def median_ms(url, times=7):
    spent = []
    for _ in range(times):
        t = time.perf_counter()
        response = client.get(url)
        spent.append(time.perf_counter() - t)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(spent) * 1000


def probe():
    client.force_login(User.objects.get(username="syb"))  # afresh: the session ends after its idle time
    engine = logging.getLogger("shuangyong.benefits.services.engine")
    engine.setLevel(logging.DEBUG)  # the probe's own steps, with their seconds
    run, seconds = timed("probe", lambda: compute_run(county, MONTH, user=actor))
    engine.setLevel(logging.INFO)
    lists = {url: median_ms(url) for url in LISTS}
    discard_run(run, user=actor)
    return run, seconds, lists


def analyze():
    with connection.cursor() as cur:
        cur.execute("ANALYZE")


analyze()
run, alone, lists_alone = probe()
print(f"  province empty: the probe county's run {run.person_count:,} persons, {run.line_count:,} lines in "
      f"{alone:.1f} s; lists " + ", ".join(f"{u} {ms:.0f} ms" for u, ms in lists_alone.items()), flush=True)

# the province: 10 synthetic cities of up to 10 counties, each county the probe's towns and villages
probe_places = list(Region.objects.filter(code__startswith="350123").exclude(code="350123000000")
                    .order_by("level", "code").values_list("code", "name", "parent_id"))
codes, rows = [], ["code,name,parent_code"]
for n in range(COUNTIES - 1):
    city, county_no = 51 + n // 10, 1 + n % 10
    prefix = f"35{city}{county_no:02d}"
    if county_no == 1:
        rows.append(f"35{city}00000000,模拟{city}市,350000000000")
    rows.append(f"{prefix}000000,模拟{city}市{county_no}县,35{city}00000000")
    rows += [f"{prefix}{code[6:]},{name},{prefix}{parent[6:]}" for code, name, parent in probe_places]
    codes.append(prefix)
t = time.perf_counter()
import_regions_text("\n".join(rows) + "\n")
print(f"  regions: {COUNTIES - 1} counties with {len(probe_places)} towns and villages each in "
      f"{time.perf_counter() - t:.1f} s", flush=True)

person_columns = [f.column for f in Person._meta.concrete_fields if f.column not in ("id", "region_id",
                                                                                     "id_number_index")]
ent_columns = [f.column for f in Entitlement._meta.concrete_fields if f.column not in ("id", "person_id")]
t = time.perf_counter()
with connection.cursor() as cur:
    for n, prefix in enumerate(codes, start=1):
        offset = n * 100_000_000  # every copy's persons keep the probe's ids, shifted clear of the others
        with transaction.atomic():
            cur.execute(
                f"INSERT INTO {Person._meta.db_table} (id, region_id, id_number_index, {', '.join(person_columns)}) "
                f"SELECT id + %s, %s || substr(region_id, 7), substr(md5(id_number_index || %s), 1, 32), "
                f"{', '.join(person_columns)} FROM {Person._meta.db_table} WHERE region_id LIKE '350123%%'",
                [offset, prefix, prefix],
            )
            cur.execute(
                f"INSERT INTO {Entitlement._meta.db_table} (person_id, {', '.join(ent_columns)}) "
                f"SELECT person_id + %s, {', '.join(ent_columns)} FROM {Entitlement._meta.db_table} "
                f"WHERE person_id < 100000000",
                [offset],
            )
    cur.execute(f"SELECT setval(pg_get_serial_sequence('{Person._meta.db_table}', 'id'), max(id)) "
                f"FROM {Person._meta.db_table}")
analyze()
total = Person.objects.count()
print(f"  registry: {total:,} persons in {COUNTIES} counties ({time.perf_counter() - t:.1f} s to copy)", flush=True)

t = time.perf_counter()
lines = 0
for prefix in codes:
    other = compute_run(Region.objects.get(code=f"{prefix}000000"), MONTH, user=actor)
    lines += other.line_count
grow = time.perf_counter() - t
analyze()
print(f"  runs of the other {len(codes)} counties for 2026-01: {lines:,} lines in {grow:.1f} s "
      f"({grow / max(len(codes), 1):.1f} s a county)", flush=True)

run, full, lists_full = probe()
print(f"  province full: the probe county's run {run.person_count:,} persons in {full:.1f} s; lists "
      + ", ".join(f"{u} {ms:.0f} ms" for u, ms in lists_full.items()), flush=True)

province = Scope(2026, region="350000000000")
t = time.perf_counter()
with catalogue.memo():
    values = [figure.value(province) for figure in catalogue.figures() if figure.applies_to(province)]
rollup = time.perf_counter() - t
print(f"  province figures: {len(values)} figures of {total:,} persons in {rollup:.1f} s", flush=True)
ratios = [f"run {full:.1f} s vs {alone:.1f} s = {full / alone:.2f}×"]
ratios += [f"{u} {lists_full[u]:.0f} vs {lists_alone[u]:.0f} ms = {lists_full[u] / lists_alone[u]:.2f}×" for u in LISTS]
print(f"  SUMMARY probe county in a province of {total:,} persons vs alone: {'; '.join(ratios)} (goal ≈ 1.0×); "
      f"province figures {rollup:.1f} s (goal ≤ 30 s)", flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-county", type=int, default=50_000)
    parser.add_argument("--counties", type=int, default=100, help="2 to 101")
    args = parser.parse_args()
    if not 2 <= args.counties <= 101:
        parser.error("--counties: 2 to 101 (ten synthetic cities of ten counties, and the probe)")
    run_on_each(["postgres"], COUNTY + PROVINCE, str(args.per_county), str(args.counties))


if __name__ == "__main__":
    main()
