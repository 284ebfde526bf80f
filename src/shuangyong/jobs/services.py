"""Starting background jobs and running their bodies with progress, audit actor and error capture."""

import logging
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from shuangyong.audit.context import acting_as
from shuangyong.errors import RuleError
from shuangyong.jobs.files import discard_upload
from shuangyong.jobs.models import Job, JobStatus
from shuangyong.jobs.progress import Progress
from shuangyong.logs import log_context

log = logging.getLogger(__name__)


class JobError(Exception):
    """A failure the user can act on: its message is shown as the job's error, `result` kept beside it."""

    def __init__(self, message: str, result=None):
        super().__init__(message)
        self.result = result


def start_job(task, *, kind: str, title: str, user, region=None, unit=None, rerun_of=None, **task_kwargs) -> Job:
    """Create the visible Job row, then enqueue `task(job_id=..., **task_kwargs)` once it is committed."""
    job = Job.objects.create(
        kind=kind,
        title=title,
        created_by=user,
        region=region,
        unit=unit,
        task_name=task.module_path,
        task_kwargs=task_kwargs,
        rerun_of=rerun_of,
    )

    def enqueue():
        result = task.enqueue(job_id=job.pk, **task_kwargs)
        Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))

    transaction.on_commit(enqueue)
    return job


def run_job(job_id: int, body: Callable[[Progress], dict]) -> dict | None:
    """Run a job body: the actor is the job's creator, any exception becomes the job's error. The uploaded file
    it read is deleted when it ends, whatever the outcome (a worker that dies leaves it, for a rerun)."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    progress = Progress(job_id)
    progress.start()
    try:
        with acting_as(job.created_by, "后台任务"), log_context(request_id=f"job-{job_id}", user_id=job.created_by_id):
            try:
                result = body(progress)
            except JobError as exc:
                progress.fail(str(exc), result=exc.result)
                return None
            except Exception:
                # the traceback goes to the server's log; the user sees a Chinese sentence and the job's number
                log.exception("job %s failed", job_id)
                progress.fail(f"内部错误：任务 {job_id} 未能完成，未写入任何数据。请联系系统管理员查看服务器日志。")
                return None
        progress.succeed(result)
        return result
    finally:
        discard_upload(job.task_kwargs.get("path"))


def visible_jobs(user):
    """Jobs a user may watch: their own, and, for those who may read records, the jobs over their region or unit.
    The three administrators read no records, so they see only the jobs they started (a region import)."""
    from django.db.models import Q

    from shuangyong.accounts.roles import Cap
    from shuangyong.accounts.scope import scope_q

    if user is None or not user.is_authenticated or not user.is_active:
        return Job.objects.none()
    if not user.can(Cap.VIEW_RECORDS):
        return Job.objects.filter(created_by=user)
    return Job.objects.filter(Q(created_by=user) | scope_q(user, Job))


class RerunRefused(RuleError):
    pass


def rerun_job(job: Job, *, user) -> Job:
    """Run a failed job again with the same inputs, as a new job (the failed one stays as it was)."""
    from django.utils.module_loading import import_string

    from shuangyong.accounts.roles import Cap

    if not visible_jobs(user).filter(pk=job.pk).exists():
        raise RerunRefused("该任务不存在或不在您的范围内")
    if job.created_by_id != user.pk and not user.can(Cap.EDIT_RECORDS):
        raise RerunRefused("只有任务的发起人或有编辑权限的工作人员可以重新运行")
    if job.status != JobStatus.FAILED or not job.task_name:
        raise RerunRefused("只有失败的任务可以重新运行")
    path = job.task_kwargs.get("path")
    if path and not Path(path).exists():
        raise RerunRefused("原上传文件已在任务结束时删除（含个人信息，不留存），请修正后重新上传")
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.reruns.exists():
            raise RerunRefused("该任务已重新运行过，请查看最新的任务")
        return start_job(
            import_string(job.task_name),
            kind=job.kind,
            title=job.title,
            user=user,
            region=job.region,
            unit=job.unit,
            rerun_of=job,
            **job.task_kwargs,
        )
