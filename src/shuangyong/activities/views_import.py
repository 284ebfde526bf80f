"""The upload page of the activity-list import: stores the file and starts the background job."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap, Role
from shuangyong.activities.forms import ImportForm
from shuangyong.activities.tasks import import_activities_job
from shuangyong.jobs.services import start_job
from shuangyong.sheets.uploads import store_upload


@page(Cap.EDIT_RECORDS)
def activity_import(request):
    user = request.user
    if not user.can(Cap.EDIT_RECORDS):
        raise PermissionDenied("您的角色不能导入双拥活动")
    form = ImportForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        unit = user.unit if user.role == Role.UNIT_STAFF else form.cleaned_data.get("unit")
        region = user.unit.region if user.role == Role.UNIT_STAFF else user.region
        upload = form.cleaned_data["file"]
        path = store_upload(upload)
        job = start_job(
            import_activities_job,
            kind="import_activities",
            title=f"导入双拥活动：{upload.name}",
            user=user,
            region=region,
            unit=unit,
            path=str(path),
            unit_id=unit.pk if unit else None,
            region_code=region.code,
            dry_run=form.cleaned_data["dry_run"],
        )
        messages.success(request, "已开始导入：逐行校验完成后，本页显示结果。")
        return redirect("jobs:detail", job.pk)
    return render(request, "activities/import.html", {"form": form})
