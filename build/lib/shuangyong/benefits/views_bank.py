"""A run's files: the 发放花名册, the bank's 代发文件 and the bank's return file (回盘) it is reconciled from.
The services write the files, check rights and states, and record the exports; these views only carry bytes."""

import tempfile

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.benefits.forms import BankExportForm, BankReturnForm
from shuangyong.benefits.views_runs import run_for
from shuangyong.refusals import refusal
from shuangyong.regions.codes import normalize_code
from shuangyong.regions.models import Region


@page(Cap.VIEW_RECORDS)
def roster(request, pk: int):
    """下载发放花名册 (.xlsx), the whole run or one town of it."""
    from shuangyong.benefits.services.rosters import write_payment_roster

    run = run_for(request, pk)
    town = request.GET.get("town", "").strip() or None  # checked by the service: a town of this run
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
    with refusal(request) as refused:
        write_payment_roster(run, handle, user=request.user, town_code=town)
    if refused:
        handle.close()
        return redirect("benefits:run", run.pk)
    handle.seek(0)
    where = Region.objects.get(code=normalize_code(town)).name if town else run.region.name
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return FileResponse(handle, as_attachment=True, filename=f"{where}{run.period_label}发放花名册-{stamp}.xlsx")


@page(Cap.APPROVE_PAYMENTS)
@require_POST
def bank_file(request, pk: int):
    """导出银行代发文件 in the chosen layout (an approved run; the service marks it exported)."""
    from shuangyong.benefits.services.bankfiles import export_bank_file

    run = run_for(request, pk)
    form = BankExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择代发文件格式")
        return redirect("benefits:run", run.pk)
    with refusal(request) as refused:
        content, file_name = export_bank_file(run, layout=form.cleaned_data["layout"], user=request.user)
    if refused:
        return redirect("benefits:run", run.pk)
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    return response


@page(Cap.APPROVE_PAYMENTS)
@require_POST
def bank_return(request, pk: int):
    """上传银行回盘文件: paid and failed payees; unmatched rows listed for the office to look at."""
    from shuangyong.benefits.services.bankfiles import reconcile_run

    run = run_for(request, pk)
    form = BankReturnForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("benefits:run", run.pk)
    upload = form.cleaned_data["file"]
    with refusal(request) as refused:
        result = reconcile_run(run, upload.read(), upload.name, user=request.user)
    if refused:
        return redirect("benefits:run", run.pk)
    run.refresh_from_db()
    return render(request, "benefits/reconciled.html", {"run": run, "result": result, "file_name": upload.name})
