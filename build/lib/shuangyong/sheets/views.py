"""The upload pages of the sheet imports: the one page of every registered import (sheets.uploads), the region
import and the local settings sheet. Each stores the file (or reads it) and starts the background job, whose page
shows the progress, the counts and every problem by row and column; the settings sheet is small and is read at
once, its outcome shown on the settings page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import REGION_ROLES, UNIT_ROLES, Cap
from shuangyong.accounts.scope import ensure_can_write
from shuangyong.jobs.services import start_job
from shuangyong.regions.views import start_region
from shuangyong.sheets.forms import RegionImportForm, SettingImportForm, SheetUploadForm
from shuangyong.sheets.settings import import_settings_text
from shuangyong.sheets.tasks import import_regions_job, import_sheet_job
from shuangyong.sheets.uploads import UPLOADS, SheetUpload, store_upload, template_xlsx


def _upload(name: str) -> SheetUpload:
    try:
        return UPLOADS[name]
    except KeyError:
        raise Http404("没有这种导入") from None


def _upload_for(request, name: str) -> SheetUpload:
    upload = _upload(name)
    if request.user.role not in upload.roles:
        raise PermissionDenied(f"您的角色不能导入{upload.label}")
    return upload


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES | UNIT_ROLES)
def upload_page(request, name: str):
    upload = _upload_for(request, name)
    user = request.user
    form = SheetUploadForm(request.POST or None, request.FILES or None, upload=upload, user=user)
    if request.method == "POST" and form.is_valid():
        region = form.cleaned_data.get("region") or (user.unit.region if user.unit_id else None)
        if region is None:
            raise PermissionDenied("您的账号没有管辖区划或所属单位")
        uploaded = form.cleaned_data["file"]
        path = store_upload(uploaded)
        job = start_job(
            import_sheet_job,
            kind=f"import_{upload.name}",
            title=f"导入{upload.label}：{uploaded.name}",
            user=user,
            region=region,
            unit=user.unit if user.unit_id else None,
            name=upload.name,
            path=str(path),
            region_code=form.cleaned_data["region"].code if "region" in form.fields else None,
            options=form.options(),
            dry_run=form.cleaned_data["dry_run"],
        )
        messages.success(request, "已开始导入：逐行校验完成后，本页显示结果。")
        return redirect("jobs:detail", job.pk)
    table = upload.headers()
    columns = [(table.canonical[key], key in upload.required) for key in upload.template_keys]
    return render(request, "sheets/upload.html", {"form": form, "upload": upload, "columns": columns})


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES | UNIT_ROLES)
def template_download(request, name: str):
    upload = _upload_for(request, name)
    response = HttpResponse(
        template_xlsx(upload), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{upload.name}.xlsx"
    return response


@page(Cap.MANAGE_REGIONS)
def region_import(request):
    form = RegionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        scope = request.user.region or start_region(request.user)
        if scope is None:
            raise PermissionDenied("您没有可导入的管辖区划")
        ensure_can_write(request.user, scope)
        job = start_job(
            import_regions_job,
            kind="import_regions",
            title=f"导入区划：{form.cleaned_data['file'].name}",
            user=request.user,
            region=scope,
            text=form.text(),
            dry_run=form.cleaned_data["dry_run"],
            within=None if request.user.is_global_role else scope.code,
        )
        messages.success(request, "已开始导入，完成后结果显示在本页。")
        return redirect("jobs:detail", job.pk)
    return render(request, "sheets/regions.html", {"form": form})


@page(Cap.MANAGE_SETTINGS)
@require_POST
def settings_import(request):
    """The settings sheet posted from the settings page (regions:settings), which shows the outcome."""
    form = SettingImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("regions:settings")
    result = import_settings_text(form.text(), user=request.user)
    if result.errors:
        shown = [f"第 {p.row} 行 {p.column}：{p.message}" for p in result.errors[:20]]
        messages.error(request, "未导入任何设置：" + "；".join(shown))
    else:
        messages.success(
            request, f"已导入：新增 {result.created} 条，修改 {result.updated} 条，未变 {result.unchanged} 条"
        )
    return redirect("regions:settings")
