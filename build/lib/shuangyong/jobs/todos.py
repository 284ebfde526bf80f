"""待办 from the background jobs: the user's own jobs that failed in the last fortnight."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from shuangyong.jobs.models import Job, JobStatus
from shuangyong.todo.registry import Todo, register_todo

RECENT = timedelta(days=14)


@register_todo
def failed_jobs(user, today: date) -> list[Todo]:
    since = timezone.now() - RECENT  # a moment, not a __date lookup (which SQLite evaluates row by row)
    failed = Job.objects.filter(created_by=user, status=JobStatus.FAILED, created_at__gte=since)
    return [Todo("jobs.failed", "近两周失败的后台任务（导入等）", failed.count(), None, reverse("jobs:list"))]
