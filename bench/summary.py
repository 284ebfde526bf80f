"""Benchmark: the county's yearly summary (every figure of the catalogue, the text and the .docx) over a registry
of a million persons with one approved monthly payment run, on SQLite and PostgreSQL.

The registry, the standards and the run are built by payment_run.py's own builder (its WORK script up to the
timings). Target (issue 7): ≤ 5 s for the county summary with 1M persons.

Usage: python bench/summary.py [--persons 1000000] [--db sqlite postgres]
"""

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from import_persons import run_on_each  # noqa: E402
from payment_run import WORK as PAYMENT_WORK  # noqa: E402

BUILD = PAYMENT_WORK.split("run, first = timed")[0]  # registry + standards, without the run timings

SUMMARY = r"""
from shuangyong.accounts.system import system_user
from shuangyong.figures.catalogue import Scope, figures as all_figures
from shuangyong.reports.summary.drafts import summary_docx
from shuangyong.reports.summary.generate import generate_summary
t = time.perf_counter()
run = compute_run(county, date(2026, 1, 1), user=system_user())
PaymentRun.objects.filter(pk=run.pk).update(status="approved")
print(f"  payment run 2026-01 for the figures: {run.line_count:,} lines in {time.perf_counter() - t:.1f} s", flush=True)
for attempt in ("first", "second"):
    t = time.perf_counter()
    summary = generate_summary(Scope(2026, region=county.code))
    text_s = time.perf_counter() - t
    data = summary_docx(summary)
    total = time.perf_counter() - t
    print(f"  county summary ({attempt}): {len(all_figures())} figures in the catalogue, {len(summary.figures)} cited, "
          f"{len(summary.paragraphs)} paragraphs; text {text_s:.2f} s, with .docx {total:.2f} s "
          f"({len(data) // 1024} KB) — target ≤ 5 s: {'met' if total <= 5 else 'MISSED'}", flush=True)
from shuangyong.figures import catalogue
slowest = []
with catalogue.memo():  # a query shared by several figures is charged to the first that asks
    for figure in all_figures():
        t = time.perf_counter()
        catalogue.compute(figure.key, Scope(2026, region=county.code))
        slowest.append((time.perf_counter() - t, figure.key))
print("  slowest figures: " + ", ".join(f"{key} {s:.2f} s" for s, key in sorted(slowest, reverse=True)[:6]), flush=True)
key = summary.figures.get("registry.all_persons")
print(f"  registry.all_persons as printed: {key.text if key else '—'}", flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    run_on_each(args.db, BUILD + SUMMARY, str(args.persons), "0")


if __name__ == "__main__":
    main()
