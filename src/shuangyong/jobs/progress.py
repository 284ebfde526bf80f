"""Progress reporting from inside a background job.

Progress is written through the `jobs` database alias: a second connection, so on PostgreSQL users see the
figures move while the job's own transaction is still open. SQLite allows one writer at a time; while the
job holds the write lock, updates are kept in memory and written when it is released.
"""

import time

from django.db import connections
from django.utils import timezone

from shuangyong.jobs.models import Job, JobStatus

ALIAS = "jobs"
MIN_INTERVAL = 0.5  # seconds between writes: progress must not slow the work down


def _can_write_now() -> bool:
    default = connections["default"]
    return not (default.vendor == "sqlite" and default.in_atomic_block)


class Progress:
    def __init__(self, job_id: int):
        self.job_id = job_id
        self.done = 0
        self.total = 0
        self.messages: list[str] = []
        self._last_write = 0.0
        self._dirty = False

    def _write(self, force: bool = False, **extra) -> None:
        now = time.monotonic()
        if not force and now - self._last_write < MIN_INTERVAL:
            self._dirty = True
            return
        if not _can_write_now():
            self._dirty = True
            return
        Job.objects.using(ALIAS).filter(pk=self.job_id).update(
            done=self.done, total=self.total, messages=self.messages[-200:], **extra
        )
        self._last_write, self._dirty = now, False

    def start(self, total: int = 0) -> None:
        self.total = total
        self._write(force=True, status=JobStatus.RUNNING, started_at=timezone.now())

    def set_total(self, total: int) -> None:
        self.total = total
        self._write()

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._write()

    def note(self, message: str) -> None:
        self.messages.append(message)
        self._write(force=True)

    def succeed(self, result) -> None:
        self.done = max(self.done, self.total)
        self._write(force=True, status=JobStatus.SUCCEEDED, result=result, finished_at=timezone.now())

    def fail(self, error: str, result=None) -> None:
        self._write(force=True, status=JobStatus.FAILED, error=error, result=result, finished_at=timezone.now())
