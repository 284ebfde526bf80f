"""A worker killed in the middle of its work, on the suite's database kind, in a real installation of its own:
nothing half-written, the job marked failed by the next worker's reaper, and a rerun that succeeds.

Each scenario runs `shuangyong worker` processes against a database made for this module (a SQLite file, or a
PostgreSQL database beside the test database) and kills them with SIGKILL, as the kernel's OOM killer or a power
cut would.
"""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db
ROWS = 60_000
SETUP = """
from shuangyong.accounts.models import User
from shuangyong.benefits.services.standards_import import load_national_standards
from shuangyong.demo.services import DATA_DIR
from shuangyong.regions.services import load_national_table
from shuangyong.sheets.regions import import_regions_text
load_national_table()
import_regions_text((DATA_DIR / "luoyuan-towns-villages.csv").read_text(encoding="utf-8"))
User.objects.create_user("syb", password="Test-pass-1", role="county_admin", region_id="350123000000")
from shuangyong.accounts.system import system_user
load_national_standards(user=system_user())
"""
START_IMPORT = """
import json, shutil
from django.db import transaction
from shuangyong.accounts.models import User
from shuangyong.jobs.services import start_job
from shuangyong.regions.models import Region
from shuangyong.sheets.tasks import import_sheet_job
from shuangyong.sheets.uploads import upload_path
upload = upload_path("roster.xlsx")
shutil.copy("{roster}", upload)
with transaction.atomic():
    job = start_job(import_sheet_job, kind="import_persons", title="导入", user=User.objects.get(username="syb"),
                    region=Region.objects.get(code="350123000000"), name="persons", path=str(upload),
                    region_code="350123000000", options={{}})
print(job.pk)
"""
START_RUN = """
from datetime import date
from django.db import transaction
from shuangyong.accounts.models import User
from shuangyong.benefits.tasks import compute_run_job
from shuangyong.jobs.services import start_job
from shuangyong.regions.models import Region
with transaction.atomic():
    job = start_job(compute_run_job, kind="compute_run", title="计算", user=User.objects.get(username="syb"),
                    region=Region.objects.get(code="350123000000"), region_code="350123000000", month="2026-01-01")
print(job.pk)
"""
RERUN = """
from shuangyong.accounts.models import User
from shuangyong.jobs.models import Job
from shuangyong.jobs.services import rerun_job
from django.db import transaction
with transaction.atomic():
    print(rerun_job(Job.objects.get(pk={job}), user=User.objects.get(username="syb")).pk)
"""


class Installation:
    """A database and a var/ folder of their own, driven through `python -m shuangyong`."""

    def __init__(self, folder):
        self.folder = folder
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}},
            "SECRET_KEY": "faults-test-key",
            "DEBUG": "true",
            "SHUANGYONG_VAR_DIR": str(folder),
            "HEARTBEAT_SECONDS": "1",
        }
        self.pg_name = None
        if connection.vendor == "postgresql":
            self.pg_name = f"sy_faults_{uuid.uuid4().hex[:8]}"
            settings = connection.settings_dict
            self.admin_url = (
                f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
            )
            self.psql(f"CREATE DATABASE {self.pg_name}")
            self.env["DATABASE_URL"] = f"{self.admin_url}/{self.pg_name}"
        self.workers: list[subprocess.Popen] = []

    def psql(self, sql: str) -> str:
        result = subprocess.run(
            ["psql", f"{self.admin_url}/postgres", "-qAtc", sql], capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    def manage(self, *args: str, timeout: int = 300) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "shuangyong", *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip()

    def python(self, code: str) -> str:
        return self.manage("shell", "-c", code)

    def query(self, sql: str) -> list[tuple]:
        """Read the installation's database directly: milliseconds, where a `shell` round trip takes a second."""
        if self.pg_name:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"]) as conn:
                return conn.execute(sql).fetchall()
        import sqlite3

        conn = sqlite3.connect(self.folder / "shuangyong.sqlite3", timeout=30)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def state(self, job: int) -> dict:
        status, error, worker, started, finished = self.query(
            f"SELECT status, error, worker, started_at, finished_at FROM jobs_job WHERE id = {job}"
        )[0]
        counts = self.query(
            "SELECT (SELECT count(*) FROM registry_person), (SELECT count(*) FROM benefits_paymentrun),"
            " (SELECT count(*) FROM benefits_paymentline)"
        )[0]
        return {
            "job": {"status": status, "error": error, "worker": worker, "started": started, "finished": finished},
            "persons": counts[0],
            "runs": counts[1],
            "lines": counts[2],
        }

    def start_worker(self) -> subprocess.Popen:
        worker = subprocess.Popen(
            [sys.executable, "-m", "shuangyong", "worker", "--interval", "0.2", "-v", "0"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.workers.append(worker)
        return worker

    def wait_for(self, job: int, predicate, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.state(job)
            if predicate(state):
                return state
            time.sleep(0.01)
        raise AssertionError(f"job {job} never reached the state wanted: {state}")

    def stop_workers(self):
        for worker in self.workers:
            if worker.poll() is None:
                worker.terminate()
            worker.wait(timeout=30)
        self.workers = []

    def close(self):
        self.stop_workers()
        if self.pg_name:
            self.psql(f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)")


@pytest.fixture(scope="module")
def installation(tmp_path_factory, django_db_blocker):
    with django_db_blocker.unblock():
        place = Installation(tmp_path_factory.mktemp("faults"))
    try:
        place.manage("migrate", "-v", "0")
        place.python(SETUP)
        roster = place.folder / "roster.xlsx"
        subprocess.run(
            [sys.executable, "-m", "shuangyong.demo.roster", str(ROWS), str(roster)], check=True, env=place.env
        )
        place.roster = roster
        yield place
    finally:
        place.close()


def kill_when_running(place: Installation, job: int, worker: subprocess.Popen, after: float) -> None:
    """Kill the worker `after` seconds into the job (well inside it: the tests assert the job had not ended)."""
    place.wait_for(job, lambda s: s["job"]["status"] == "running")
    time.sleep(after)
    assert place.state(job)["job"]["status"] == "running", "the job ended before it could be killed"
    worker.send_signal(signal.SIGKILL)  # the worker alone: on PostgreSQL its writer child must die with it
    worker.wait()


def assert_no_open_transaction(place: Installation) -> None:
    if not place.pg_name:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        open_ = place.psql(
            f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{place.pg_name}' AND xact_start IS NOT NULL"
            " AND pid <> pg_backend_pid()"
        )
        if open_ == "0":
            return
        time.sleep(0.2)
    raise AssertionError("an orphaned writer still holds a transaction open")


@pytest.fixture
def place(installation):
    """The installation, with no worker left over from the test before (it would take this test's job)."""
    yield installation
    installation.stop_workers()


def test_a_worker_killed_mid_import_leaves_nothing_and_a_rerun_succeeds(place):
    worker = place.start_worker()
    job = int(place.python(START_IMPORT.format(roster=place.roster)).splitlines()[-1])
    kill_when_running(place, job, worker, after=0.5)
    assert_no_open_transaction(place)
    assert place.state(job)["persons"] == 0  # nothing half-written
    place.start_worker()  # its reaper finds the dead worker's job
    failed = place.wait_for(job, lambda s: s["job"]["status"] == "failed", timeout=30)
    assert "后台任务进程意外退出" in failed["job"]["error"] and failed["persons"] == 0
    rerun = int(place.python(RERUN.format(job=job)).splitlines()[-1])
    done = place.wait_for(rerun, lambda s: s["job"]["status"] in {"succeeded", "failed"}, timeout=300)
    assert done["job"]["status"] == "succeeded", done
    assert done["persons"] == ROWS


def test_a_worker_killed_mid_run_leaves_no_run_and_a_rerun_succeeds(place):
    worker = place.start_worker()
    job = int(place.python(START_RUN).splitlines()[-1])
    kill_when_running(place, job, worker, after=0.1)
    assert_no_open_transaction(place)
    state = place.state(job)
    assert (state["runs"], state["lines"]) == (0, 0)
    place.start_worker()
    place.wait_for(job, lambda s: s["job"]["status"] == "failed", timeout=30)
    rerun = int(place.python(RERUN.format(job=job)).splitlines()[-1])
    done = place.wait_for(rerun, lambda s: s["job"]["status"] in {"succeeded", "failed"}, timeout=300)
    assert done["job"]["status"] == "succeeded", done
    assert done["runs"] == 1 and done["lines"] > 0


def roster_numbers(roster, limit: int = 2000) -> set[str]:
    """ID numbers and bank accounts of the roster's first rows, as the sheet has them."""
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(roster)).get_sheet_by_index(0).to_python()
    header_at = next(i for i, row in enumerate(rows) if any("身份证" in str(c) or "公民身份" in str(c) for c in row))
    header = [str(c) for c in rows[header_at]]
    wanted = [i for i, name in enumerate(header) if "身份" in name or "账号" in name or "卡号" in name]
    numbers = set()
    for row in rows[header_at + 1 : header_at + 1 + limit]:
        numbers.update(str(row[i]).strip() for i in wanted if len(str(row[i]).strip()) >= 15)
    return numbers


def stored_text(place: Installation) -> bytes:
    """Everything the database keeps: the SQLite files themselves, or every PostgreSQL table as COPY text."""
    if not place.pg_name:
        files = [place.folder / name for name in ("shuangyong.sqlite3", "shuangyong.sqlite3-wal")]
        return b"".join(f.read_bytes() for f in files if f.exists())
    # every table that stores rows: a partitioned table's rows are in its partitions (relkind 'r' like the rest)
    stores = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    tables = [t for (t,) in place.query(f"{stores} WHERE n.nspname = 'public' AND c.relkind = 'r'")]
    chunks = []
    for table in tables:
        result = subprocess.run(
            ["psql", place.env["DATABASE_URL"], "-qAtc", f'COPY "{table}" TO STDOUT'], capture_output=True, check=True
        )
        chunks.append(result.stdout)
    return b"".join(chunks)


def test_no_number_of_the_imported_roster_rests_in_plaintext(place):
    assert place.query("SELECT count(*) FROM registry_person")[0][0] == ROWS  # imported by the test above
    numbers = roster_numbers(place.roster)
    assert len(numbers) > 1000
    text = stored_text(place)
    found = [n for n in numbers if n.encode() in text]
    assert found == [], f"{len(found)} numbers in plaintext, e.g. {found[:3]}"
