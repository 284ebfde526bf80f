import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.figures.catalogue import Scope, figures, memo
from shuangyong.money import yuan_text
from shuangyong.refusals import refusal
from shuangyong.regions.models import subtree_q
from shuangyong.registry import idnumber
from shuangyong.registry.services.export import may_see_full_numbers
from shuangyong.resettlement import forms
from shuangyong.resettlement.exports import export_arrivals, export_overdue, overdue_rows
from shuangyong.resettlement.models import Arrival
from shuangyong.resettlement.services import steps
from shuangyong.resettlement.services.arrivals import register_arrival
from shuangyong.resettlement.services.payments import payment_state, set_arrival_grant
from shuangyong.resettlement.services.rules import ResettlementError

LIST_LIMIT = 500


def _filtered(request):
    """The user's arrivals of the chosen year (and town), with the year and the region the figures cover."""
    form = forms.YearForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or timezone.localdate().year
    arrivals = visible(request.user, Arrival.objects.all()).in_year(year)
    region = data.get("region")
    if region:
        arrivals = arrivals.filter(subtree_q("region", region.code))
    return form, year, arrivals, (region.code if region else request.user.region_id)


@page(Cap.VIEW_RECORDS)
def index(request):
    form, year, arrivals, region = _filtered(request)
    today = timezone.localdate()
    stats = []
    if region:
        scope = Scope(year=year, region=region)
        with memo():
            stats = [
                {"label": f.label, "unit": f.unit, "value": f.value(scope), "key": f.key}
                for f in figures()
                if f.section == "resettlement"
            ]
    rows = list(arrivals.select_related("person", "region", "method", "employer").order_by("arrival_date", "id"))
    full = may_see_full_numbers(request.user)
    for a in rows:
        a.shown_id = a.person.id_number if full else idnumber.mask(a.person.id_number)
        a.late = a.report_late(today)
        a.overdue = a.placement_overdue(today)
    return render(
        request,
        "resettlement/index.html",
        {
            "form": form,
            "year": year,
            "stats": [s for s in stats if s["value"] is not None and (s["value"] or "method" not in s["key"])],
            "arrivals": rows[:LIST_LIMIT],
            "more": len(rows) > LIST_LIMIT,
            "late": [a for a in rows if a.late],
            "overdue": [row for row in overdue_rows(rows, today) if row[1].startswith("安排工作")],
            "query": request.GET.urlencode(),
            "can_edit": request.user.can(Cap.EDIT_RECORDS),
        },
    )


@page(Cap.VIEW_RECORDS)
def export(request, what: str):
    _, year, arrivals, _ = _filtered(request)
    handle = io.BytesIO()
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if what == "overdue":
        title = f"{request.user.scope_label}{year}年退役士兵逾期未办结名单"
        export_overdue(arrivals, handle, user=request.user, title=title, today=timezone.localdate())
    else:
        title = f"{request.user.scope_label}{year}年退役士兵花名册"
        export_arrivals(arrivals, handle, user=request.user, title=title)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{title}-{stamp}.xlsx")


@page(Cap.EDIT_RECORDS)
def create(request):
    form = forms.ArrivalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        with refusal(request, form) as refused:
            arrival = register_arrival(user=request.user, **data)
        if not refused:
            messages.success(request, f"已登记：{arrival.person.name}")
            return redirect("resettlement:detail", arrival.pk)
    return render(request, "web/form.html", {"form": form, "title": "登记退役士兵"})


def _step_forms(user, today):
    initial = {"on": today}
    return {
        "report": forms.OnForm(initial=initial, prefix="report"),
        "archive": forms.OnForm(initial=initial, prefix="archive"),
        "method": forms.MethodForm(initial=initial, prefix="method"),
        "assign": forms.AssignForm(initial=initial, prefix="assign", user=user),
        "place": forms.OnForm(initial=initial, prefix="place"),
        "visit": forms.VisitForm(initial={"visited_on": today, "visitor": user.get_full_name()}, prefix="visit"),
        "grant": forms.GrantForm(initial=initial, prefix="grant"),
    }


@page(Cap.VIEW_RECORDS)
def detail(request, pk: int):
    arrival = get_object_or_404(
        visible(request.user, Arrival.objects.select_related("person", "region", "method", "employer", "grant")),
        pk=pk,
    )
    today = timezone.localdate()
    payment = payment_state(arrival)
    for key in ("amount_fen", "paid_fen"):
        payment[key.replace("_fen", "_yuan")] = yuan_text(payment[key]) if payment[key] is not None else ""
    full = may_see_full_numbers(request.user)
    return render(
        request,
        "resettlement/detail.html",
        {
            "a": arrival,
            "shown_id": arrival.person.id_number if full else idnumber.mask(arrival.person.id_number),
            "late": arrival.report_late(today),
            "overdue": arrival.placement_overdue(today),
            "payment": payment,
            "paid_before_yuan": yuan_text(arrival.paid_before_system_fen or 0),
            "visits": arrival.visits.all(),
            "forms": _step_forms(request.user, today),
            "can_edit": request.user.can(Cap.EDIT_RECORDS),
        },
    )


def _run_step(step: str, arrival: Arrival, post, user):
    if step == "visit":
        form = forms.VisitForm(post, prefix="visit")
    elif step == "method":
        form = forms.MethodForm(post, prefix="method")
    elif step == "assign":
        form = forms.AssignForm(post, prefix="assign", user=user)
    elif step == "grant":
        form = forms.GrantForm(post, prefix="grant")
    else:
        form = forms.OnForm(post, prefix=step)
    if not form.is_valid():
        raise ResettlementError("；".join(str(e) for errors in form.errors.values() for e in errors))
    d = form.cleaned_data
    actions = {
        "report": lambda: steps.record_report(arrival, on=d["on"], user=user),
        "archive": lambda: steps.record_archive(arrival, on=d["on"], user=user),
        "method": lambda: steps.choose_method(arrival, method=d["method"], on=d["on"], user=user),
        "assign": lambda: steps.assign_employer(
            arrival, on=d["on"], employer=d["employer"], employer_name=d["employer_name"], user=user
        ),
        "place": lambda: steps.record_placement(arrival, on=d["on"], user=user),
        "visit": lambda: steps.add_visit(arrival, user=user, **d),
        "grant": lambda: set_arrival_grant(
            arrival, on=d["on"], amount_fen=form.amount_fen(), note=d["note"], user=user
        ),
    }
    if step not in actions:
        raise PermissionDenied("未知操作")
    actions[step]()


@page(Cap.EDIT_RECORDS)
def step(request, pk: int, step: str):
    """One step from the arrival page; the service checks scope and rules, the view reports."""
    if request.method != "POST":
        return redirect("resettlement:detail", pk)
    arrival = get_object_or_404(visible(request.user, Arrival.objects.all()), pk=pk)
    with refusal(request) as refused:
        _run_step(step, arrival, request.POST, request.user)
    if not refused:
        messages.success(request, "已登记")
    return redirect("resettlement:detail", pk)
