"""Workers that die are noticed (等保 / reliability): each worker writes a heartbeat; a job whose worker is gone
is marked failed — on every worker's start and then periodically — so no job stays "running" for ever, and the
user can run it again.

A worker on the same host is known dead at once (its process is gone); one on another host, when its heartbeat
is older than HEARTBEAT_STALE_SECONDS (long enough for a SQLite write that holds the database's one lock).
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone

from shuangyong.jobs.models import Job, JobStatus, WorkerHeartbeat

log = logging.getLogger(__name__)
HOST = socket.gethostname()[:50]  # with the pid, under django-tasks' 64 characters
DIED = "后台任务进程意外退出，任务已中断，未写入任何数据（已写入的部分随事务回滚）。可点击“重新运行”。"

_current = {"worker": ""}


def current_worker() -> str:
    """The id of the worker this process is, or "" (a web process, a command, the tests)."""
    return _current["worker"]


def worker_id() -> str:
    return f"{HOST}-{os.getpid()}"


def beat(worker: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker=worker, defaults={"host": HOST, "pid": os.getpid(), "seen_at": timezone.now()}
    )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_alive(worker: str, beats: dict[str, WorkerHeartbeat]) -> bool:
    heartbeat = beats.get(worker)
    if heartbeat is None:
        return False
    if heartbeat.host == HOST:
        return _pid_alive(heartbeat.pid) and (heartbeat.pid != os.getpid() or worker == current_worker())
    stale = timezone.now() - timedelta(seconds=settings.HEARTBEAT_STALE_SECONDS)
    return heartbeat.seen_at >= stale


def _task_worker(job: Job) -> str:
    """For a job still queued: the worker that claimed its task, if one did."""
    from django_tasks_db.models import DBTaskResult

    if not job.task_result_id:
        return ""
    task = DBTaskResult.objects.filter(pk=job.task_result_id).values("status", "worker_ids").first()
    if task is None or task["status"] != "RUNNING" or not task["worker_ids"]:
        return ""
    return task["worker_ids"][-1]


def reap_dead_jobs() -> list[int]:
    """Mark failed every running (or claimed) job whose worker is gone; returns their ids."""
    from django_tasks_db.models import DBTaskResult

    beats = {b.worker: b for b in WorkerHeartbeat.objects.all()}
    reaped = []
    for job in Job.objects.filter(status__in=[JobStatus.RUNNING, JobStatus.QUEUED]):
        worker = job.worker if job.status == JobStatus.RUNNING else _task_worker(job)
        if not worker or worker_alive(worker, beats):
            continue
        Job.objects.filter(pk=job.pk, status=job.status).update(
            status=JobStatus.FAILED, error=DIED, finished_at=timezone.now()
        )
        if job.task_result_id:
            DBTaskResult.objects.filter(pk=job.task_result_id, status="RUNNING").update(
                status="FAILED", finished_at=timezone.now()
            )
        reaped.append(job.pk)
        log.warning("job %s: worker %s is gone, marked failed", job.pk, worker)
    return reaped


def forget_dead_workers() -> None:
    beats = {b.worker: b for b in WorkerHeartbeat.objects.all()}
    gone = [w for w in beats if not worker_alive(w, beats)]
    WorkerHeartbeat.objects.filter(worker__in=gone, seen_at__lt=timezone.now() - timedelta(days=1)).delete()


def _report_retention_days(file) -> int:
    """An error report ("{job}-错误报告.xlsx") is kept as long as its job's region says (a local setting)."""
    from shuangyong.regions.local_settings import SPECS, get_setting

    job_id = file.name.split("-", 1)[0]
    region = (
        Job.objects.filter(pk=int(job_id)).values_list("region_id", flat=True).first() if job_id.isdigit() else None
    )
    if region is None:
        return int(SPECS["import_report_retention_days"].default)
    return int(get_setting("import_report_retention_days", region, timezone.localdate()))


def purge_old_files() -> int:
    """Uploads left by jobs that died, and error reports, are deleted after their retention (they hold rosters)."""
    import time

    from shuangyong.jobs.files import uploads_root

    now, removed = time.time(), 0
    kept = {
        uploads_root(): lambda file: settings.UPLOAD_RETENTION_DAYS,
        uploads_root().parent / "reports": _report_retention_days,
    }
    for folder, days_for in kept.items():
        if not folder.exists():
            continue
        for file in folder.rglob("*"):
            if file.is_file() and now - file.stat().st_mtime > days_for(file) * 86400:
                file.unlink(missing_ok=True)
                removed += 1
        for empty in sorted((d for d in folder.rglob("*") if d.is_dir()), reverse=True):
            if not any(empty.iterdir()):
                empty.rmdir()
    return removed


def housekeeping(worker: str) -> None:
    """What a worker does every HEARTBEAT_SECONDS beside its tasks: say it is alive, reap, seal the audit log,
    delete files past their retention."""
    from shuangyong.audit.chain import seal

    beat(worker)
    reap_dead_jobs()
    seal()
    purge_old_files()


class Heartbeat(threading.Thread):
    """The worker's heartbeat, on a thread of its own so that a long task does not silence it."""

    def __init__(self, worker: str):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker = worker
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(settings.HEARTBEAT_SECONDS):
            try:
                housekeeping(self.worker)
            except OperationalError as exc:  # SQLite: a task holds the write lock; try again next time
                log.info("heartbeat skipped: %s", exc)
            finally:
                close_old_connections()
                if connection.vendor == "sqlite":
                    connection.close()


def start_worker(worker: str) -> Heartbeat:
    _current["worker"] = worker
    housekeeping(worker)
    forget_dead_workers()
    heartbeat = Heartbeat(worker)
    heartbeat.start()
    return heartbeat
