from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from shuangyong.audit.context import actor_for
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record
from shuangyong.jobs.presenters import job_extras
from shuangyong.jobs.services import visible_jobs


def _job(request, pk: int):
    return get_object_or_404(visible_jobs(request.user), pk=pk)


@login_required
def job_list(request):
    return render(request, "jobs/list.html", {"jobs": visible_jobs(request.user).select_related("created_by")[:200]})


@login_required
def job_detail(request, pk: int):
    job = _job(request, pk)
    return render(request, "jobs/detail.html", {"job": job, **job_extras(job)})


@login_required
def job_progress(request, pk: int):
    job = _job(request, pk)
    return render(request, "jobs/progress.html", {"job": job, **job_extras(job)})


@login_required
def job_file(request, pk: int, name: str):
    """Files a job produced (an import's error report): only to those who may see the job; audited."""
    job = _job(request, pk)
    path = job_extras(job).get("files", {}).get(name)
    if path is None or not path.exists():
        raise Http404
    with actor_for(request.user):
        record(AuditAction.DOWNLOAD, job, note=f"下载 {path.name}")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
