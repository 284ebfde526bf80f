"""Benchmark: server time of the filtered person list (/registry/) with a million persons registered.

Loads the demo county's regions and the cached 1M-row roster (see import_persons.py), then times the list page
in-process through Django's test client as the county administrator, for typical filters, on SQLite and
PostgreSQL. Prints the median of 5 requests per URL. Target (issue 3): ≤ 150 ms.

Usage: python bench/list_persons.py [--rows 1000000] [--db sqlite postgres]
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from import_persons import SETUP, SHUANGYONG, environment, roster  # noqa: E402

URLS = [
    "/registry/",
    "/registry/?region=350123100",
    "/registry/?category=11",
    "/registry/?status=active&age_min=80",
    "/registry/?q=zs",
    "/registry/?confirmed=no",
    "/registry/?page=500",
]

TIMER = """
import os, statistics, sys, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuangyong.settings"); django.setup()
from django.test import Client
from shuangyong.accounts.models import User
from shuangyong.registry.models import Person
client = Client()
client.force_login(User.objects.get(username="syb"))
print(f"persons: {Person.objects.count()}")
for url in sys.argv[1:]:
    times = []
    for _ in range(5):
        t = time.perf_counter(); response = client.get(url); times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    print(f"  {statistics.median(times):7.1f} ms  {url}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    path = roster(args.rows)
    for db in args.db:
        with tempfile.TemporaryDirectory() as workdir:
            env, cleanup = environment(db, Path(workdir))
            env["ALLOWED_HOSTS"] = "testserver"
            try:
                subprocess.run([*SHUANGYONG, "migrate", "-v0"], env=env, check=True)
                subprocess.run([sys.executable, "-c", SETUP], env=env, check=True)
                subprocess.run(
                    [*SHUANGYONG, "import-persons", str(path), "--region", "350123", "--json"],
                    env=env,
                    check=True,
                    capture_output=True,
                )
                print(f"{db}:", flush=True)
                subprocess.run([sys.executable, "-c", TIMER, *URLS], env=env, check=True)
            finally:
                cleanup()


if __name__ == "__main__":
    main()
