"""Starting background jobs and running their bodies with progress, audit actor and error capture."""

import logging
import traceback
from collections.abc import Callable

from django.db import transaction

from shuangyong.audit.context import acting_as
from shuangyong.jobs.models import Job
from shuangyong.jobs.progress import Progress

log = logging.getLogger(__name__)


class JobError(Exception):
    """A failure the user can act on: its message is shown as the job's error, `result` kept beside it."""

    def __init__(self, message: str, result=None):
        super().__init__(message)
        self.result = result


def start_job(task, *, kind: str, title: str, user=None, region=None, **task_kwargs) -> Job:
    """Create the visible Job row, then enqueue `task(job_id=..., **task_kwargs)` once it is committed."""
    job = Job.objects.create(kind=kind, title=title, created_by=user, region=region)

    def enqueue():
        result = task.enqueue(job_id=job.pk, **task_kwargs)
        Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))

    transaction.on_commit(enqueue)
    return job


def run_job(job_id: int, body: Callable[[Progress], dict]) -> dict | None:
    """Run a job body: the actor is the job's creator, any exception becomes the job's error."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    progress = Progress(job_id)
    progress.start()
    with acting_as(job.created_by, "后台任务"):
        try:
            result = body(progress)
        except JobError as exc:
            progress.fail(str(exc), result=exc.result)
            return None
        except Exception as exc:
            log.exception("job %s failed", job_id)
            progress.fail(f"内部错误：{exc}\n{traceback.format_exc(limit=5)}")
            return None
    progress.succeed(result)
    return result


def visible_jobs(user):
    """Jobs a user may watch: their own, those over their region, and all of them for the administrators."""
    from django.db.models import Q

    from shuangyong.accounts.scope import scope_q

    if user is None or not user.is_authenticated:
        return Job.objects.none()
    if user.is_global_role:
        return Job.objects.all()
    return Job.objects.filter(Q(created_by=user) | scope_q(user, Job)).distinct()
