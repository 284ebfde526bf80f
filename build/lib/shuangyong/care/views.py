"""Pages of 优待服务与关爱: thin views over the services; every list through accounts.scope.visible."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page, year_shown
from shuangyong.accounts.roles import REGION_ROLES, Cap, Role
from shuangyong.accounts.scope import visible
from shuangyong.activities.forms import yuan_to_fen
from shuangyong.care import services
from shuangyong.care.forms import CareForm, FundForm, SiteForm, initial_of
from shuangyong.care.models import CareKind, CareRecord, Fund, MemorialSite
from shuangyong.refusals import refusal
from shuangyong.regions.models import Region

PAGE_SIZE = 30


def _back(year: int, anchor: str = ""):
    return redirect(f"{reverse('care:index')}?year={year}{anchor}")


@page(Cap.VIEW_RECORDS)
def index(request):
    year = year_shown(request)
    kinds = list(CareKind.objects.all())
    kind = next((k for k in kinds if k.code == request.GET.get("kind")), None)
    records = visible(request.user, CareRecord.objects.filter(date__year=year))
    by_kind = {
        row["kind_id"]: row
        for row in records.values("kind_id").annotate(n=Count("id"), count=Sum("count"), money=Sum("money_fen"))
    }
    if kind is not None:
        records = records.filter(kind=kind)
    listed = Paginator(
        records.select_related("kind", "provider", "region", "site").order_by("-date", "-id"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    funds = visible(request.user, Fund.objects.filter(year=year)).select_related("purpose", "region")
    return render(
        request,
        "care/index.html",
        {
            "year": year,
            "kinds": [(k, by_kind.get(k.code)) for k in kinds],
            "kind": kind,
            "page": listed,
            "sites": visible(request.user, MemorialSite.objects.select_related("region", "keeper")),
            "funds": funds.order_by("region", "purpose__sort_order"),
            "fund_totals": funds.aggregate(budget=Sum("budget_fen"), spent=Sum("spent_fen")),
            "can_edit": request.user.can(Cap.EDIT_RECORDS),
            "keeps_region": request.user.can(Cap.EDIT_RECORDS) and request.user.role != Role.UNIT_STAFF,
        },
    )


@page(Cap.EDIT_RECORDS)
def record_new(request):
    form = CareForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            record = services.record_care(form.data_for_service(), user=request.user)
        if not refused:
            messages.success(request, f"已登记：{record}")
            return _back(record.date.year)
    return render(request, "web/form.html", {"form": form, "title": "登记优待服务与关爱"})


def _record(request, pk: int) -> CareRecord:
    return get_object_or_404(visible(request.user, CareRecord.objects.select_related("kind")), pk=pk)


@page(Cap.EDIT_RECORDS)
def record_edit(request, pk: int):
    record = _record(request, pk)
    form = CareForm(request.POST or None, user=request.user, initial=initial_of(record))
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            record = services.update_care(record, form.data_for_service(), user=request.user)
        if not refused:
            messages.success(request, f"已保存：{record}")
            return _back(record.date.year)
    return render(request, "web/form.html", {"form": form, "title": f"修改：{record}"})


@page(Cap.EDIT_RECORDS)
@require_POST
def record_delete(request, pk: int):
    record = _record(request, pk)
    with refusal(request) as refused:
        services.delete_care(record, user=request.user)
    if not refused:
        messages.success(request, f"已删除：{record}")
    return _back(record.date.year)


def _region_keeper(request):
    if request.user.role == Role.UNIT_STAFF or not request.user.region_id:
        raise PermissionDenied("纪念设施和双拥经费由区划的工作人员登记")


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
def site_new(request):
    return _site_form(request, None)


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
def site_edit(request, pk: int):
    site = get_object_or_404(visible(request.user, MemorialSite.objects.all()), pk=pk)
    return _site_form(request, site)


def _site_form(request, site: MemorialSite | None):
    _region_keeper(request)
    initial = {name: getattr(site, name) for name in ("name", "level", "keeper", "graves", "note")} if site else {}
    if site:
        initial["region"] = site.region_id
    form = SiteForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        region = fields.pop("region")
        with refusal(request, form) as refused:
            saved = services.save_site(site, region=region, user=request.user, **fields)
        if not refused:
            messages.success(request, f"已保存：{saved.name}")
            return redirect(reverse("care:index") + "#sites")
    return render(request, "web/form.html", {"form": form, "title": f"修改：{site}" if site else "登记烈士纪念设施"})


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
def fund_edit(request):
    _region_keeper(request)
    year = year_shown(request)
    region = get_object_or_404(Region, code=request.user.region_id)
    form = FundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal(request, form) as refused:
            services.set_fund(
                region=region,
                year=year,
                purpose=data["purpose"],
                budget_fen=yuan_to_fen(data.get("budget")),
                spent_fen=yuan_to_fen(data.get("spent")),
                source=data.get("source", ""),
                user=request.user,
            )
        if not refused:
            messages.success(request, f"已保存{year}年{data['purpose'].name}经费")
            return _back(year, "#funds")
    return render(request, "web/form.html", {"form": form, "title": f"{region.name}{year}年双拥经费（按用途）"})
