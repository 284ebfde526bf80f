"""检查问题 by town: the open runs' findings the user may see (a town's staff see their own town's), grouped by
town, resolvable there (豁免 with a reason, or 剔除), and downloadable as .xlsx for the town that must act."""

import io

from django import forms
from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import REGION_ROLES, Cap
from shuangyong.accounts.scope import visible
from shuangyong.benefits.choices import OPEN_RUN_STATUSES, FindingCode, FindingState
from shuangyong.benefits.models import Finding
from shuangyong.benefits.services.findings import send_findings
from shuangyong.refusals import refusal
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region, subtree_q
from shuangyong.xlsx import for_print, new_workbook

TOWN_DIGITS = 9


def _findings(request, params=None):
    rows = visible(request.user, Finding.objects.filter(run__status__in=OPEN_RUN_STATUSES))
    params = request.GET if params is None else params
    if params.get("run", "").isdigit():
        rows = rows.filter(run_id=int(params["run"]))
    if params.get("code") in FindingCode.values:
        rows = rows.filter(code=params["code"])
    state = params.get("state", FindingState.OPEN)
    if state in FindingState.values:
        rows = rows.filter(state=state)
    return rows.select_related("person", "run__region", "region", "resolved_by").order_by("region_id", "code", "id")


def _county_level(user) -> bool:
    return bool(user.region_id) and level_of(user.region_id) <= Level.COUNTY


def _town_names(findings) -> dict[str, str]:
    codes = {f.region_id[:TOWN_DIGITS].ljust(12, "0") for f in findings if f.region_id}
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def _grouped(findings) -> list[dict]:
    names = _town_names(findings)
    groups: dict[str, dict] = {}
    for finding in findings:
        town = (finding.region_id or "")[:TOWN_DIGITS].ljust(12, "0")
        group = groups.setdefault(town, {"code": town, "town": names.get(town, "县本级"), "findings": []})
        group["findings"].append(finding)
    return list(groups.values())


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
@require_POST
def finding_send(request):
    """下发: the findings listed (the page's filters), of one town when `town` is given, sent to their towns."""
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写核实时限（日期）")
        return redirect(f"{reverse('benefits:findings')}?{request.POST.get('query', '')}")
    rows = _findings(request, QueryDict(request.POST.get("query", "")))
    town = request.POST.get("town", "")
    if town.isdigit() and len(town) == 12:
        rows = rows.filter(subtree_q("region", town))
    with refusal(request) as refused:
        sent = send_findings(rows, due=form.cleaned_data["due"], user=request.user)
    if not refused:
        messages.success(request, f"已下发{sent}个问题，请各乡镇在{form.cleaned_data['due']:%Y-%m-%d}前核实处理")
    return redirect(f"{reverse('benefits:findings')}?{request.POST.get('query', '')}")


class SendForm(forms.Form):
    due = forms.DateField(label="核实时限")


@page(Cap.VIEW_RECORDS)
def finding_list(request):
    findings = list(_findings(request)[:2000])
    if request.GET.get("format") == "xlsx":
        return _export(findings)
    return render(
        request,
        "benefits/findings.html",
        {
            "groups": _grouped(findings),
            "count": len(findings),
            "codes": FindingCode.choices,
            "states": FindingState.choices,
            "can_edit": request.user.can(Cap.EDIT_RECORDS),
            "can_send": request.user.can(Cap.EDIT_RECORDS) and _county_level(request.user),
            "today": timezone.localdate(),
            "query": request.GET.urlencode(),
        },
    )


def _export(findings) -> HttpResponse:
    names = _town_names(findings)
    out = io.BytesIO()
    book = new_workbook(out)
    sheet = book.add_worksheet("检查问题")
    head = ["乡镇", "所在区划", "姓名", "检查项", "问题", "处理状态", "处理说明", "发放批次"]
    bold = book.add_format({"bold": True})
    for col, title in enumerate(head):
        sheet.write(0, col, title, bold)
    for row, f in enumerate(findings, start=1):
        town = (f.region_id or "")[:TOWN_DIGITS].ljust(12, "0")
        values = [
            names.get(town, "县本级"),
            f.region.name if f.region_id else "",
            f.person.name if f.person_id else "",
            f.get_code_display(),
            f.message,
            f.get_state_display(),
            f.resolution,
            f"{f.run.region.name} {f.run.period_label}",
        ]
        for col, value in enumerate(values):
            sheet.write_string(row, col, value)
    sheet.set_column(0, 1, 14)
    sheet.set_column(4, 4, 60)
    for_print(sheet, columns=len(head), header_rows=1)
    book.close()
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''findings-{stamp}.xlsx"
    return response
