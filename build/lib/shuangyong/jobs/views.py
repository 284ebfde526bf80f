from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.audit.context import actor_for
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record
from shuangyong.jobs.presenters import job_extras
from shuangyong.jobs.services import rerun_job, visible_jobs
from shuangyong.refusals import refusal


def _job(request, pk: int):
    return get_object_or_404(visible_jobs(request.user), pk=pk)


@page()
def job_list(request):
    return render(request, "jobs/list.html", {"jobs": visible_jobs(request.user).select_related("created_by")[:200]})


@page()
def job_detail(request, pk: int):
    job = _job(request, pk)
    return render(request, "jobs/detail.html", {"job": job, **job_extras(job)})


@page()
def job_progress(request, pk: int):
    job = _job(request, pk)
    return render(request, "jobs/progress.html", {"job": job, **job_extras(job)})


@page()
def job_file(request, pk: int, name: str):
    """Files a job produced (an import's error report): only to those who may see the job; audited."""
    job = _job(request, pk)
    if job.created_by_id != request.user.pk and not request.user.can(Cap.VIEW_FULL_IDS):
        # the file is the uploaded sheet marked up: its numbers in full, for its uploader and those with the right
        raise PermissionDenied("错误报告含完整证件号与账号，只有上传者和有权查看完整号码的用户可以下载")
    path = job_extras(job).get("files", {}).get(name)
    if path is None or not path.exists():
        raise Http404
    with actor_for(request.user):
        record(AuditAction.DOWNLOAD, job, note=f"下载 {path.name}")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


@page()
@require_POST
def job_rerun(request, pk: int):
    job = _job(request, pk)
    with refusal(request) as refused:
        fresh = rerun_job(job, user=request.user)
    if refused:
        return redirect("jobs:detail", job.pk)
    messages.success(request, "已重新运行")
    return redirect("jobs:detail", fresh.pk)
