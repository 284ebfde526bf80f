from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page, year_shown
from shuangyong.accounts.roles import REGION_ROLES, Cap
from shuangyong.accounts.scope import in_subtree, visible
from shuangyong.assessment import services
from shuangyong.assessment.forms import TargetEditForm, TargetForm
from shuangyong.assessment.models import LIST_ORDER, Target
from shuangyong.assessment.presenters import rows, summary
from shuangyong.refusals import refusal
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit


def _viewer(user):
    if not user.can(Cap.VIEW_RECORDS):
        raise PermissionDenied("您的角色不能查看考核目标")


def _can_set(user) -> bool:
    return user.role in REGION_ROLES and user.can(Cap.EDIT_RECORDS) and bool(user.region_id)


def _targets(user, year: int):
    return visible(user, Target.objects.filter(year=year).select_related("unit", "region", "issuer"))


def _years(user, year: int) -> list[int]:
    years = set(visible(user, Target.objects.all()).values_list("year", flat=True).distinct())
    return sorted(years | {year, timezone.localdate().year}, reverse=True)


@page(Cap.VIEW_RECORDS)
def index(request):
    _viewer(request.user)
    year = year_shown(request)
    targets = _targets(request.user, year)
    unit_id, town = request.GET.get("unit", ""), request.GET.get("town", "")
    if unit_id.isdigit():
        targets = targets.filter(unit_id=int(unit_id))
    if town:
        targets = targets.filter(region_id=town, unit__isnull=True)
    shown = rows(targets.order_by(*LIST_ORDER))
    if request.GET.get("state") in ("met", "unmet"):
        shown = [r for r in shown if bool(r.progress.met) == (request.GET["state"] == "met")]
    assigned = _targets(request.user, year)
    return render(
        request,
        "assessment/index.html",
        {
            "year": year,
            "years": _years(request.user, year),
            "rows": shown,
            "summary": summary(shown),
            "units": Unit.objects.filter(pk__in=assigned.values("unit_id")).order_by("code"),
            "towns": Region.objects.filter(pk__in=assigned.filter(unit__isnull=True).values("region_id")),
            "unit_id": unit_id,
            "town": town,
            "state": request.GET.get("state", ""),
            "can_set": _can_set(request.user),
        },
    )


def _assignee_page(request, name: str, year: int, shown):
    context = {"name": name, "year": year, "years": _years(request.user, year), "rows": shown}
    return render(request, "assessment/assignee.html", {**context, "summary": summary(shown)})


@page(Cap.VIEW_RECORDS)
def unit_page(request, pk: int):
    """One unit's own targets and progress (unit staff see only their own unit)."""
    _viewer(request.user)
    unit = get_object_or_404(visible(request.user, Unit.objects.all()), pk=pk)
    year = year_shown(request)
    shown = rows(_targets(request.user, year).filter(unit=unit).order_by("measure"))
    if request.user.unit_id and request.user.unit_id != unit.pk:
        raise PermissionDenied("只能查看本单位的考核目标")
    return _assignee_page(request, unit.name, year, shown)


@page(Cap.VIEW_RECORDS)
def town_page(request, code: str):
    _viewer(request.user)
    region = get_object_or_404(Region.objects.filter(level=Level.TOWN), code=code)
    if request.user.role not in REGION_ROLES or not (
        in_subtree(region.code, request.user.region_id) or in_subtree(request.user.region_id, region.code)
    ):
        raise PermissionDenied("该乡镇不在您的管辖范围内")
    year = year_shown(request)
    shown = rows(_targets(request.user, year).filter(region=region, unit__isnull=True).order_by("measure"))
    return _assignee_page(request, region.name, year, shown)


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
def target_create(request):
    if not _can_set(request.user):
        raise PermissionDenied("考核目标由县（乡镇）双拥办下达，您的角色不能设置")
    issuer = Region.objects.get(code=request.user.region_id)
    form = TargetForm(request.POST or None, issuer=issuer, initial={"year": year_shown(request)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal(request, form) as refused:
            counts = services.assign_target(
                year=data["year"], measure=data["measure"], comparator=data["comparator"],
                threshold=data["threshold"], points=data["points"], note=data["note"],
                units=data["units"], regions=data["regions"], issuer=issuer, user=request.user,
            )  # fmt: skip
        if not refused:
            messages.success(
                request, f"已下达：新增 {counts.created} 个，更新 {counts.updated} 个，未变 {counts.unchanged} 个"
            )
            return redirect(f"{reverse('assessment:index')}?year={data['year']}")
    return render(request, "assessment/target_form.html", {"form": form, "title": "下达考核目标"})


def _writable_target(request, pk: int) -> Target:
    target = get_object_or_404(visible(request.user, Target.objects.select_related("unit", "region")), pk=pk)
    if not _can_set(request.user) or not in_subtree(target.issuer_id, request.user.region_id):
        raise PermissionDenied("该目标由上级下达，您不能修改")
    return target


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
def target_edit(request, pk: int):
    target = _writable_target(request, pk)
    initial = {k: getattr(target, k) for k in ("comparator", "threshold", "points", "note")}
    form = TargetEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            services.update_target(target, user=request.user, **form.cleaned_data)
        if not refused:
            messages.success(request, "目标已保存")
            return redirect(f"{reverse('assessment:index')}?year={target.year}")
    return render(
        request, "assessment/target_form.html", {"form": form, "title": f"修改目标：{target}", "target": target}
    )


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
@require_POST
def target_withdraw(request, pk: int):
    target = _writable_target(request, pk)
    with refusal(request):
        services.withdraw_target(target, user=request.user)
        messages.success(request, f"已撤销目标：{target.assignee_name}")
    return redirect(f"{reverse('assessment:index')}?year={target.year}")
