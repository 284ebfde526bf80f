"""Benchmark: the home page's context (the to-do list, the calendar's seasons and the headline counts by the
catalogue's definitions) for the county office and for a town's clerk over a registry of a million persons, beside
its floor measured in the same run: the two plain counts (living persons, active entitlements) that the home page
made before its counts became the reports' definitions.

The registry and the standards are built by payment_run.py's own builder (its WORK script up to the timings).

Usage: python bench/home.py [--persons 1000000] [--db sqlite postgres]
"""

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from import_persons import run_on_each  # noqa: E402
from summary import BUILD  # noqa: E402

HOME = r"""
from shuangyong.accounts.models import User
from shuangyong.web.home import home_context
from shuangyong.registry.models import Entitlement, Person
from shuangyong.regions.models import subtree_q

town = Region.objects.filter(parent=county).order_by("code").first()
clerk = User.objects.create_user("clerk", password="x" * 12, role="town_staff", region=town)
for user in (User.objects.get(username="syb"), clerk):
    t = time.perf_counter()
    Person.objects.filter(subtree_q("region", user.region_id), death_date__isnull=True).count()
    Entitlement.objects.filter(subtree_q("person__region", user.region_id), status="active").count()
    floor = time.perf_counter() - t
    for attempt in ("first", "second"):
        t = time.perf_counter()
        context = home_context(user)
        took = time.perf_counter() - t
        counts = ", ".join(f"{s.label} {s.value:,}" for s in context["stats"][:3])
        print(f"  home of {user.username} ({attempt}): {took:.2f} s vs floor {floor:.2f} s = {took / floor:.1f}x; "
              f"{len(context['todos'])} to-do items; {counts}", flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    run_on_each(args.db, BUILD + HOME, str(args.persons), "0")


if __name__ == "__main__":
    main()
