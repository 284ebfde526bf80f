"""发放批次 pages: the list and the compute form, a run with its totals, findings and actions, its lines."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ensure_can_write, visible
from shuangyong.benefits.choices import CLOSED_FINDING_STATES, FindingCode, RunStatus
from shuangyong.benefits.forms import ComputeRunForm, LineFilterForm, ReasonForm, RunFilterForm
from shuangyong.benefits.models import BankFileLayout, Finding, PaymentLine, PaymentRun
from shuangyong.benefits.presenters import line_reason, run_steps, with_yuan
from shuangyong.benefits.services import approval
from shuangyong.benefits.services.rosters import run_totals
from shuangyong.benefits.tasks import CHECK_JOB_KIND, JOB_KIND, check_run_job, compute_run_job
from shuangyong.benefits.views import PAGE_SIZE
from shuangyong.jobs.models import JobStatus
from shuangyong.jobs.services import start_job, visible_jobs
from shuangyong.refusals import refusal
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region, subtree_q
from shuangyong.registry import idnumber
from shuangyong.registry.services.export import may_see_full_numbers

FINDINGS_SHOWN = 100  # per check; a county's run can have thousands, the rest are handled "all at once"


def may_handle_bank_files(user) -> bool:
    """Bank files carry full account numbers: only who may see them and approve (as bankfiles.py requires)."""
    return user.can(Cap.VIEW_FULL_IDS) and user.can(Cap.APPROVE_PAYMENTS)


def run_for(request, pk: int) -> PaymentRun:
    runs = PaymentRun.objects.select_related("region", "computed_by", "approved_by")
    return get_object_or_404(visible(request.user, runs), pk=pk)


def _start_compute(request, region, month):
    ensure_can_write(request.user, PaymentRun(region=region))
    job = start_job(
        compute_run_job,
        kind=JOB_KIND,
        title=f"计算发放批次：{region.name} {month:%Y-%m}",
        user=request.user,
        region=region,
        region_code=region.code,
        month=month.isoformat(),
    )
    messages.success(request, "已开始计算：完成后本页显示结果和批次链接。")
    return redirect("jobs:detail", job.pk)


@page(Cap.VIEW_RECORDS)
def run_list(request):
    form = RunFilterForm(request.GET or None)
    runs = visible(request.user, PaymentRun.objects.select_related("region", "computed_by", "approved_by"))
    if form.is_valid():
        if form.cleaned_data["status"]:
            runs = runs.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["year"]:
            runs = runs.filter(period_start__year=form.cleaned_data["year"])
    page = Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page"))
    can_compute = request.user.can(Cap.EDIT_RECORDS) and bool(request.user.region_id)
    computing = visible_jobs(request.user).filter(kind=JOB_KIND, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
    return render(
        request,
        "benefits/run_list.html",
        {
            "form": form,
            "page": with_yuan(page, "total_fen", "backpay_fen", "recovery_fen"),
            "compute_form": ComputeRunForm(user=request.user) if can_compute else None,
            "computing": computing[:10],
        },
    )


@page(Cap.EDIT_RECORDS)
@require_POST
def run_compute(request):
    form = ComputeRunForm(request.POST, user=request.user)
    if not form.is_valid():
        problems = "；".join(f"{form.fields[f].label}：{e}" for f, errors in form.errors.items() for e in errors)
        messages.error(request, f"未开始计算。{problems}")
        return redirect("benefits:runs")
    return _start_compute(request, form.cleaned_data["region"], form.cleaned_data["month"])


TOTAL_TABLES = [("by_town", "乡镇"), ("by_category", "优抚类别"), ("by_kind", "待遇项目"), ("by_type", "类型")]


def _run_totals(run) -> dict:
    totals = run_totals(run)
    tables = [(title, with_yuan([dict(row) for row in totals[key]], "amount_fen")) for key, title in TOTAL_TABLES]
    return {**totals, "tables": tables}


def _towns(run) -> list[tuple[str, str]]:
    towns = Region.objects.subtree(run.region_id).filter(level=Level.TOWN).order_by("code")
    return list(towns.values_list("code", "name"))


def _finding_groups(run) -> list[dict]:
    counts = {
        row["code"]: row
        for row in run.findings.values("code").annotate(
            total=Count("id"), open=Count("id", filter=~Q(state__in=CLOSED_FINDING_STATES))
        )
    }
    groups = []
    for code in FindingCode:
        if code.value not in counts:
            continue
        findings = run.findings.filter(code=code).select_related("person", "resolved_by").order_by("state", "id")
        groups.append(
            {
                "code": code.value,
                "label": code.label,
                "total": counts[code.value]["total"],
                "open": counts[code.value]["open"],
                "findings": list(findings[:FINDINGS_SHOWN]),
            }
        )
    return groups


@page(Cap.VIEW_RECORDS)
def run_detail(request, pk: int):
    run = run_for(request, pk)
    with_yuan([run], "total_fen", "backpay_fen", "recovery_fen", "one_time_fen")
    user = request.user
    groups = _finding_groups(run)
    can_edit = user.can(Cap.EDIT_RECORDS)
    return render(
        request,
        "benefits/run_detail.html",
        {
            "run": run,
            "steps": run_steps(run),
            "totals": _run_totals(run),
            "groups": groups,
            "open_findings": sum(g["open"] for g in groups),
            "can_edit": can_edit and run.is_open,
            "can_approve": user.can(Cap.APPROVE_PAYMENTS),
            "is_maker": run.computed_by_id is not None and run.computed_by_id == user.pk,
            "can_bank": may_handle_bank_files(user)
            and run.status in (RunStatus.APPROVED, RunStatus.EXPORTED, RunStatus.RECONCILED),
            "layouts": BankFileLayout.objects.all(),
            "towns": _towns(run),
        },
    )


@page(Cap.EDIT_RECORDS)
@require_POST
def run_recompute(request, pk: int):
    run = run_for(request, pk)
    if not run.is_open:
        messages.error(request, f"发放批次已{run.get_status_display()}，不能重新计算")
        return redirect("benefits:run", run.pk)
    return _start_compute(request, run.region, run.period_start)


@page(Cap.EDIT_RECORDS)
@require_POST
def run_check(request, pk: int):
    """运行检查 as a background job (a county's million lines take a while): the job page shows each check."""
    run = run_for(request, pk)
    if not run.is_open:
        messages.error(request, f"发放批次已{run.get_status_display()}，不能再检查")
        return redirect("benefits:run", run.pk)
    job = start_job(
        check_run_job,
        kind=CHECK_JOB_KIND,
        title=f"检查发放批次：{run.region.name} {run.period_label}",
        user=request.user,
        region=run.region,
        run_id=run.pk,
    )
    messages.success(request, "已开始检查：完成后本页显示各项检查的结果和批次链接。")
    return redirect("jobs:detail", job.pk)


@page(Cap.APPROVE_PAYMENTS)
@require_POST
def run_approve(request, pk: int):
    run = run_for(request, pk)
    with refusal(request) as refused:
        approval.approve_run(run, user=request.user)
    if not refused:
        messages.success(request, "已审批：可以导出银行代发文件")
    return redirect("benefits:run", run.pk)


@page(Cap.EDIT_RECORDS)
@require_POST
def run_discard(request, pk: int):
    run = run_for(request, pk)
    label = str(run)
    with refusal(request) as refused:
        approval.discard_run(run, user=request.user)
    if refused:
        return redirect("benefits:run", run.pk)
    messages.success(request, f"已作废：{label}")
    return redirect("benefits:runs")


@page(Cap.EDIT_RECORDS)
@require_POST
def run_waive_all(request, pk: int):
    run = run_for(request, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    code, reason = form.cleaned_data.get("code") or None, form.cleaned_data.get("reason", "")
    with refusal(request) as refused:
        count = approval.waive_open_findings(run, reason=reason, code=code, user=request.user)
    if not refused:
        messages.success(request, f"已豁免 {count} 个问题")
    return redirect("benefits:run", run.pk)


def _finding(request, pk: int) -> Finding:
    return get_object_or_404(visible(request.user, Finding.objects.select_related("run", "person")), pk=pk)


def _finding_answer(request, finding: Finding, refused):
    """htmx swaps the finding's row (with the refusal in it); without htmx, back to the run page."""
    if request.htmx:
        finding.refresh_from_db()
        return render(
            request,
            "benefits/_finding.html",
            {"f": finding, "error": refused.message, "can_edit": finding.run.is_open},
        )
    if not visible(request.user, PaymentRun.objects.filter(pk=finding.run_id)).exists():
        return redirect("benefits:findings")  # a town's staff resolve their findings from the town's list
    return redirect("benefits:run", finding.run_id)


@page(Cap.EDIT_RECORDS)
@require_POST
def finding_waive(request, pk: int):
    finding = _finding(request, pk)
    with refusal(request) as refused:
        approval.waive_finding(finding, reason=request.POST.get("reason", ""), user=request.user)
    if refused and request.htmx:
        list(messages.get_messages(request))  # shown in the row instead
    return _finding_answer(request, finding, refused)


@page(Cap.EDIT_RECORDS)
@require_POST
def finding_exclude(request, pk: int):
    finding = _finding(request, pk)
    with refusal(request) as refused:
        approval.exclude_person(finding, reason=request.POST.get("reason", ""), user=request.user)
    if refused and request.htmx:
        list(messages.get_messages(request))
    if not refused and request.htmx:
        # the run's totals changed too: reload the page rather than patch every figure
        response = _finding_answer(request, finding, refused)
        response["HX-Refresh"] = "true"
        return response
    return _finding_answer(request, finding, refused)


def _filtered_lines(run, user, form):
    lines = visible(user, PaymentLine.objects.filter(run=run))
    if form.is_valid():
        data = form.cleaned_data
        if data["town"]:
            lines = lines.filter(subtree_q("region", data["town"]))
        if data["line_type"]:
            lines = lines.filter(line_type=data["line_type"])
        if data["kind"]:
            lines = lines.filter(kind_id=data["kind"])
        if data["q"]:
            lines = lines.filter(person__name__contains=data["q"].strip())
    return lines.select_related("person", "entitlement", "kind", "region", "standard", "category").order_by(
        "region_id", "person__name", "person_id", "month", "kind_id", "seq"
    )


@page(Cap.VIEW_RECORDS)
def run_lines(request, pk: int):
    run = run_for(request, pk)
    form = LineFilterForm(request.GET or None, run=run)
    page = Paginator(_filtered_lines(run, request.user, form), PAGE_SIZE).get_page(request.GET.get("page"))
    full = may_see_full_numbers(request.user)
    for line in page:
        line.shown_id = line.person.id_number if full else idnumber.mask(line.person.id_number)
        line.reason = line_reason(line, entitlement=line.entitlement, person=line.person)
    with_yuan(page, "amount_fen", "rate_fen")
    return render(request, "benefits/run_lines.html", {"run": run, "form": form, "page": page})
