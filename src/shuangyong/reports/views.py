"""The reports index: every figure of the catalogue for the picked year and region (or unit), by section."""

from django.shortcuts import render

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import SECTIONS
from shuangyong.replica import replica_reads
from shuangyong.reports.views_scope import pick


def shown(value, unit: str) -> str:
    """A figure's value as printed: thousands separators, money with two places, '—' when it does not apply."""
    if value is None:
        return "—"
    return f"{value:,}"


@page(Cap.VIEW_RECORDS)
@replica_reads
def index(request):
    picked = pick(request)
    sections = {key: [] for key in SECTIONS}
    with catalogue.memo():
        for figure in catalogue.figures():
            if figure.applies_to(picked.scope):
                value = figure.value(picked.scope)
                sections[figure.section].append(
                    {
                        "figure": figure,
                        "value": value,
                        "shown": shown(value, figure.unit),
                        "linked": figure.records is not None and value is not None,
                    }
                )
    return render(
        request,
        "reports/index.html",
        {
            "picked": picked,
            "sections": [(SECTIONS[key], rows) for key, rows in sections.items() if rows],
            "query": picked.query(),
        },
    )
