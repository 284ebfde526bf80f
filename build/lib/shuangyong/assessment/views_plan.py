"""The 工作计划 page: a region's plan items for a year, added by hand, taken from the proposals the last year's
open problems suggest, or imported (/sheets/plan/); thin views over assessment.plans."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page, year_shown
from shuangyong.accounts.roles import REGION_ROLES, Cap
from shuangyong.accounts.scope import visible
from shuangyong.activities.forms import DATE_INPUT, units_of
from shuangyong.assessment import plans
from shuangyong.assessment.models import PlanItem
from shuangyong.assessment.scores import unit_scores
from shuangyong.figures.catalogue import SECTIONS
from shuangyong.refusals import refusal
from shuangyong.regions.models import Region
from shuangyong.units.models import UnitKind


class PlanItemForm(forms.Form):
    title = forms.CharField(label="计划事项", max_length=200)
    section = forms.ChoiceField(label="工作领域", choices=[("", "（不限）"), *SECTIONS.items()], required=False)
    lead_unit = forms.ModelChoiceField(None, label="牵头单位", required=False, empty_label="（本级）")
    due = forms.DateField(label="完成时限", required=False, widget=DATE_INPUT, help_text="该月底前完成")
    measure = forms.CharField(label="关联指标", max_length=64, required=False, help_text="统计指标代码，可不填")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units_of(user, UnitKind.MEMBER)


def _region(request) -> Region:
    return get_object_or_404(Region, code=request.user.region_id)


def _back(year: int):
    return redirect(f"{reverse('assessment:plan')}?year={year}")


@page(Cap.VIEW_RECORDS, roles=REGION_ROLES)
def plan(request):
    year, region = year_shown(request, ahead=1), _region(request)
    can_edit = request.user.can(Cap.EDIT_RECORDS)
    form = PlanItemForm(request.POST or None, user=request.user)
    if request.method == "POST" and can_edit and form.is_valid():
        with refusal(request, form) as refused:
            item = plans.add_plan_item(region=region, year=year, user=request.user, **form.cleaned_data)
        if not refused:
            messages.success(request, f"已列入计划：{item.title}")
            return _back(year)
    items = visible(request.user, PlanItem.objects.filter(region=region, year=year)).select_related("lead_unit")
    return render(
        request,
        "assessment/plan.html",
        {
            "year": year,
            "region": region,
            "items": items.order_by("due", "pk"),
            "proposals": plans.proposals(region, year) if can_edit else [],
            "form": form if can_edit else None,
            "can_edit": can_edit,
            "sections": SECTIONS,
        },
    )


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
@require_POST
def plan_take(request):
    year, region = year_shown(request, ahead=1), _region(request)
    with refusal(request) as refused:
        item = plans.take_proposal(region, year, request.POST.get("source", ""), user=request.user)
    if not refused:
        messages.success(request, f"已列入计划：{item.title}")
    return _back(year)


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
@require_POST
def plan_remove(request, pk: int):
    item = get_object_or_404(visible(request.user, PlanItem.objects.all()), pk=pk)
    with refusal(request) as refused:
        plans.remove_plan_item(item, user=request.user)
    if not refused:
        messages.success(request, f"已移出计划：{item.title}")
    return _back(item.year)


@page(Cap.VIEW_RECORDS, roles=REGION_ROLES)
def scores(request):
    """成员单位考核得分: the county's member units ranked by the points of their targets met."""
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and len(raw) == 4 else timezone.localdate().year
    county = get_object_or_404(Region, code=request.user.region_id[:6] + "000000")
    return render(
        request, "assessment/scores.html", {"year": year, "county": county, "rows": unit_scores(county, year)}
    )
