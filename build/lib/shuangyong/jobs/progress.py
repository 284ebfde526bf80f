"""Progress reporting from inside a background job.

On PostgreSQL progress is written through the `jobs` database alias, a second connection, so users see the
figures move while the job's own transaction is still open. SQLite allows one writer at a time: a second
connection would wait for the job's own lock, so there progress goes through the job's connection and
becomes visible when the job commits (each phase outside the big transaction still shows at once).
"""

import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connections
from django.utils import timezone

from shuangyong.jobs.models import Job, JobStatus
from shuangyong.privacy import redact, redact_text

MIN_INTERVAL = 0.5  # seconds between writes: progress must not slow the work down


def _alias() -> str:
    if connections["default"].vendor == "sqlite":
        return "default"
    return settings.JOBS_PROGRESS_DB_ALIAS


class Progress:
    def __init__(self, job_id: int):
        self.job_id = job_id
        self.done = 0
        self.total = 0
        self.messages: list[str] = []
        self._last_write = 0.0
        self._held = False

    @contextmanager
    def hold(self):
        """Keep progress in memory for the block (SQLite: another thread of the job holds the write lock)."""
        if connections["default"].vendor != "sqlite":
            yield
            return
        self._held = True
        try:
            yield
        finally:
            self._held = False
            self._write(force=True)

    def _write(self, force: bool = False, **extra) -> None:
        now = time.monotonic()
        if self._held or (not force and now - self._last_write < MIN_INTERVAL):
            return
        Job.objects.using(_alias()).filter(pk=self.job_id).update(
            done=self.done, total=self.total, messages=self.messages[-200:], **extra
        )
        self._last_write = now

    def start(self, total: int = 0) -> None:
        from shuangyong.jobs.workers import current_worker

        self.total = total
        self._write(force=True, status=JobStatus.RUNNING, started_at=timezone.now(), worker=current_worker())

    def set_total(self, total: int) -> None:
        self.total = total
        self._write()

    def set_done(self, done: int, *, flush: bool = False) -> None:
        self.done = done
        self._write(force=flush)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._write()

    # Messages, results and errors are stored with personal numbers masked: every reader of the job sees them, and
    # no ID or account number of an imported sheet may rest in the database in plaintext.
    def note(self, message: str) -> None:
        self.messages.append(redact_text(message))
        self._write(force=True)

    def succeed(self, result) -> None:
        self.done = max(self.done, self.total)
        self._write(force=True, status=JobStatus.SUCCEEDED, result=redact(result), finished_at=timezone.now())

    def fail(self, error: str, result=None) -> None:
        self._write(
            force=True,
            status=JobStatus.FAILED,
            error=redact_text(error),
            result=redact(result),
            finished_at=timezone.now(),
        )
