"""The dashboard page (ECharts, drawn in the browser) and its JSON chart endpoints."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.replica import replica_reads
from shuangyong.reports import dashboard
from shuangyong.reports.views_scope import pick


@page(Cap.VIEW_RECORDS)
@replica_reads
def dashboard_page(request):
    picked = pick(request)
    query = picked.query()
    charts = [
        {"name": name, "url": reverse("reports:chart", args=[name]) + "?" + query}
        for name in dashboard.available(picked.scope)
    ]
    return render(request, "reports/dashboard.html", {"picked": picked, "charts": charts, "query": query})


@page(Cap.VIEW_RECORDS)
@replica_reads
def chart_data(request, chart: str):
    picked = pick(request)
    if chart not in dashboard.CHARTS:
        raise Http404("没有这个图表")
    data = dashboard.chart(chart, picked.scope)
    return JsonResponse(
        data or {"title": "", "categories": [], "series": []}, json_dumps_params={"ensure_ascii": False}
    )
