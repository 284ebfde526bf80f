"""抚恤补助标准 and 护理费工资基数: read by everyone who works with records, changed by those who may
manage standards (county_admin), always through the services (audited; a past date schedules 补发)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.benefits.forms import StandardFilterForm, StandardForm, StandardImportForm, WageBaseForm
from shuangyong.benefits.models import Standard, WageBase
from shuangyong.benefits.presenters import standard_amount, with_yuan
from shuangyong.benefits.services import standards as svc
from shuangyong.benefits.views import PAGE_SIZE
from shuangyong.refusals import refusal
from shuangyong.sheets.uploads import store_upload


def _filtered(form: StandardFilterForm):
    standards = Standard.objects.select_related("kind", "category", "region")
    if not form.is_valid():
        return standards
    data = form.cleaned_data
    if data["kind"]:
        standards = standards.filter(kind_id=data["kind"])
    if data["category"]:
        standards = standards.filter(category_id=data["category"])
    if data["region"] == StandardFilterForm.NATIONAL:
        standards = standards.filter(region=None)
    elif data["region"]:
        standards = standards.filter(region_id=data["region"])
    if data["on"]:
        on = data["on"]
        standards = standards.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    return standards


@page(Cap.VIEW_RECORDS)
def standard_list(request):
    form = StandardFilterForm(request.GET or None)
    page = Paginator(_filtered(form), PAGE_SIZE).get_page(request.GET.get("page"))
    for standard in page:
        standard.shown_amount = standard_amount(standard)
    return render(
        request,
        "benefits/standard_list.html",
        {
            "form": form,
            "page": page,
            "can_manage": request.user.can(Cap.MANAGE_STANDARDS),
            "missing_rises": svc.missing_rises(request.user.region_id, timezone.localdate()),
        },
    )


def _save(request, form, title: str, extra=None):
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            svc.save_standard(form.instance, user=request.user)
        if not refused:
            messages.success(request, f"已保存：{form.instance}")
            return redirect("benefits:standards")
    back = {"back_url": reverse("benefits:standards"), "back_label": "抚恤补助标准"}
    return render(request, "benefits/standard_form.html", {"form": form, "title": title, **back, **(extra or {})})


@page(Cap.MANAGE_STANDARDS)
def standard_create(request):
    return _save(request, StandardForm(request.POST or None), "录入抚恤补助标准")


@page(Cap.MANAGE_STANDARDS)
def standard_edit(request, pk: int):
    standard = get_object_or_404(Standard, pk=pk)
    form = StandardForm(request.POST or None, instance=standard)
    return _save(request, form, f"修改标准：{standard}", extra={"standard": standard})


@page(Cap.MANAGE_STANDARDS)
@require_POST
def standard_delete(request, pk: int):
    standard = get_object_or_404(Standard, pk=pk)
    label = str(standard)
    with refusal(request) as refused:
        svc.delete_standard(standard, user=request.user)
    if refused:
        return redirect("benefits:standard_edit", pk)
    messages.success(request, f"已删除：{label}")
    return redirect("benefits:standards")


@page(Cap.MANAGE_STANDARDS)
def standard_import(request):
    """Upload a standards table: a dry run shows what would be created, changed or left, and each bad row."""
    form = StandardImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        from shuangyong.benefits.services.standards_import import import_standards

        upload = form.cleaned_data["file"]
        path = store_upload(upload)
        dry_run = form.cleaned_data["dry_run"]
        with refusal(request):
            result = import_standards(path, user=request.user, dry_run=dry_run).as_dict()
            result["dry_run"] = dry_run
    return render(request, "benefits/standard_import.html", {"form": form, "result": result})


@page(Cap.VIEW_RECORDS)
def wage_list(request):
    wages = list(WageBase.objects.select_related("region").order_by("region_id", "-valid_from"))
    with_yuan(wages, "monthly_fen")
    return render(
        request, "benefits/wage_list.html", {"wages": wages, "can_manage": request.user.can(Cap.MANAGE_STANDARDS)}
    )


def _save_wage(request, form, title: str):
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            svc.save_wage_base(form.instance, user=request.user)
        if not refused:
            messages.success(request, f"已保存：{form.instance}")
            return redirect("benefits:wages")
    back = {"back_url": reverse("benefits:wages"), "back_label": "护理费工资基数"}
    return render(request, "benefits/standard_form.html", {"form": form, "title": title, **back})


@page(Cap.MANAGE_STANDARDS)
def wage_create(request):
    return _save_wage(request, WageBaseForm(request.POST or None), "录入护理费工资基数")


@page(Cap.MANAGE_STANDARDS)
def wage_edit(request, pk: int):
    wage = get_object_or_404(WageBase, pk=pk)
    return _save_wage(request, WageBaseForm(request.POST or None, instance=wage), f"修改工资基数：{wage}")
