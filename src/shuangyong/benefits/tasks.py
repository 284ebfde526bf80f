"""Background jobs of benefits: computing a run takes tens of seconds for a county of a million persons."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_tasks import task

from shuangyong.jobs.models import Job
from shuangyong.jobs.services import JobError, run_job
from shuangyong.money import yuan_text
from shuangyong.regions.services import resolve_region

JOB_KIND = "compute_run"


def run_links(run_id: int) -> list[dict]:
    """For the job page (jobs.presenters): the run the job computed or checked."""
    return [{"label": "查看发放批次", "url": reverse("benefits:run", args=[run_id])}]


@task()
def compute_run_job(job_id: int, region_code: str, month: str):
    from shuangyong.benefits.services.engine import BenefitsError, compute_run

    def body(progress):
        job = Job.objects.select_related("created_by").get(pk=job_id)
        region = resolve_region(region_code)
        progress.note(f"开始计算 {region.name} {month[:7]} 的发放批次（含补发、追缴和去世一次性待遇）")
        try:
            run = compute_run(region, date.fromisoformat(month), user=job.created_by, progress=progress)
        except BenefitsError as exc:
            raise JobError(str(exc)) from None
        except PermissionDenied as exc:
            raise JobError(f"无权计算该区划的发放批次：{exc}") from None
        progress.note(
            f"发放批次 {run.pk}（{run.period_label}）：{run.person_count} 人，{run.line_count} 行，"
            f"合计 {yuan_text(run.total_fen)} 元"
        )
        return {
            "run": run.pk,
            "persons": run.person_count,
            "lines": run.line_count,
            "total_fen": run.total_fen,
            "links": run_links(run.pk),
        }

    return run_job(job_id, body)


CHECK_JOB_KIND = "check_run"


@task()
def check_run_job(job_id: int, run_id: int):
    from shuangyong.benefits.models import PaymentRun
    from shuangyong.benefits.services.approval import check_run
    from shuangyong.benefits.services.engine import BenefitsError

    def body(progress):
        job = Job.objects.select_related("created_by").get(pk=job_id)
        run = PaymentRun.objects.get(pk=run_id)
        progress.note(f"开始检查 {run}（不错不漏：逐项检查）")
        try:
            run = check_run(run, user=job.created_by, progress=progress)
        except BenefitsError as exc:
            raise JobError(str(exc)) from None
        except PermissionDenied as exc:
            raise JobError(f"无权检查该发放批次：{exc}") from None
        still_open = run.findings.filter(state="open").count()
        progress.note(f"检查完成：{still_open} 个问题待处理" if still_open else "检查完成：未发现问题")
        return {"run": run.pk, "open_findings": still_open, "links": run_links(run.pk)}

    return run_job(job_id, body)
