from django.conf import settings
from django.db import models
from django.utils import timezone


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    SUCCEEDED = "succeeded", "已完成"
    FAILED = "failed", "失败"


class Job(models.Model):
    """The visible side of a background task: what it is, how far it got, and what came out.

    django-tasks runs the work; this row is what users watch (percent, counts, messages, result or error).
    """

    kind = models.CharField("任务类型", max_length=60)
    title = models.CharField("任务", max_length=200)
    status = models.CharField("状态", max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField("已处理", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    messages = models.JSONField("消息", default=list, blank=True)
    result = models.JSONField("结果", null=True, blank=True)
    error = models.TextField("错误", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="范围",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    task_result_id = models.CharField("任务编号", max_length=64, blank=True)
    task_name = models.CharField("任务函数", max_length=200, blank=True)  # with task_kwargs: what a rerun enqueues
    task_kwargs = models.JSONField("任务参数", default=dict, blank=True)
    worker = models.CharField("后台进程", max_length=120, blank=True)
    rerun_of = models.ForeignKey(
        "self", verbose_name="重新运行自", null=True, blank=True, on_delete=models.SET_NULL, related_name="reruns"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    scope_region_field = "region"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class WorkerHeartbeat(models.Model):
    """A background worker that is alive says so every few seconds (jobs.workers); a job whose worker stopped
    saying so is marked failed by the reaper."""

    worker = models.CharField("后台进程", max_length=120, primary_key=True)
    host = models.CharField("主机", max_length=100)
    pid = models.PositiveIntegerField("进程号")
    started_at = models.DateTimeField("启动时间", default=timezone.now)
    seen_at = models.DateTimeField("最近心跳", default=timezone.now)

    class Meta:
        verbose_name = "后台进程心跳"
        verbose_name_plural = "后台进程心跳"

    def __str__(self):
        return self.worker
