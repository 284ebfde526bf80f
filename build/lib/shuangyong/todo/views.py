"""工作日历: the year's seasons for the user's region (shipped or the region's own), and — for those who manage the
region's settings — the region's own dates; thin views over todo.services."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page, year_shown
from shuangyong.accounts.roles import REGION_ROLES, Cap
from shuangyong.accounts.scope import visible
from shuangyong.refusals import refusal
from shuangyong.todo import services
from shuangyong.todo.calendar import seasons
from shuangyong.todo.forms import SeasonForm
from shuangyong.todo.models import CalendarDate


@page(Cap.VIEW_RECORDS)
def calendar(request):
    year = year_shown(request)
    user = request.user
    manages = user.can(Cap.MANAGE_SETTINGS) and bool(user.region_id)
    form = SeasonForm(request.POST or None) if manages else None
    if request.method == "POST" and form is not None and form.is_valid():
        with refusal(request, form) as refused:
            services.set_season(user.region, user=user, **form.cleaned_data)
        if not refused:
            messages.success(request, "已保存本地工作日历")
            return redirect(f"{request.path}?year={year}")
    rows = [(row, start, end, row.region_id == user.region_id and manages) for row, start, end in seasons(user, year)]
    return render(request, "todo/calendar.html", {"year": year, "rows": rows, "form": form})


@page(Cap.VIEW_RECORDS, roles=REGION_ROLES)
@require_POST
def drop(request, pk: int):
    row = get_object_or_404(visible(request.user, CalendarDate.objects.all()), pk=pk)
    with refusal(request) as refused:
        services.drop_season(row, user=request.user)
    if not refused:
        messages.success(request, "已恢复通用安排")
    return redirect("todo:calendar")
