from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible, writable
from shuangyong.refusals import refusal
from shuangyong.units.forms import UnitForm
from shuangyong.units.models import Unit, UnitKind
from shuangyong.units.services import create_unit, update_unit


def _can_manage(user) -> bool:
    return user.can(Cap.MANAGE_UNITS)


@page()
def unit_list(request):
    units = visible(request.user, Unit.objects.select_related("region"))
    kind, query = request.GET.get("kind", ""), request.GET.get("q", "").strip()
    if kind:
        units = units.filter(kind=kind)
    if query:
        units = units.filter(Q(name__contains=query) | Q(code__icontains=query) | Q(short_name__contains=query))
    page = Paginator(units.order_by("kind", "code"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "units/list.html",
        {
            "page": page,
            "kinds": UnitKind.choices,
            "kind": kind,
            "query": query,
            "can_create": _can_manage(request.user),
        },
    )


@page()
def unit_detail(request, pk: int):
    unit = get_object_or_404(visible(request.user, Unit.objects.select_related("region")), pk=pk)
    can_edit = _can_manage(request.user) and writable(request.user, Unit.objects.filter(pk=pk)).exists()
    return render(request, "units/detail.html", {"unit": unit, "can_edit": can_edit})


def _save(request, form, unit=None):
    fields = form.cleaned_data
    with refusal(request, form):
        if unit is None:
            return create_unit(user=request.user, **fields)
        return update_unit(unit, user=request.user, **fields)
    return None


@page(Cap.MANAGE_UNITS)
def unit_create(request):
    form = UnitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        unit = _save(request, form)
        if unit is not None:
            messages.success(request, f"已新增单位：{unit.name}")
            return redirect("units:detail", unit.pk)
    return render(request, "web/form.html", {"form": form, "title": "新增单位"})


@page(Cap.MANAGE_UNITS)
def unit_edit(request, pk: int):
    unit = get_object_or_404(visible(request.user, Unit.objects.all()), pk=pk)
    if not _can_manage(request.user) or not writable(request.user, Unit.objects.filter(pk=pk)).exists():
        raise PermissionDenied("该单位不在您的管辖范围内")
    form = UnitForm(request.POST or None, instance=Unit.objects.get(pk=pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, unit)
        if saved is not None:
            messages.success(request, f"已保存：{saved.name}")
            return redirect("units:detail", saved.pk)
    return render(request, "web/form.html", {"form": form, "title": f"编辑：{unit.name}"})
