"""Chart data for the dashboard, as plain JSON (the page draws it with ECharts).

A chart is {"title", "unit", "categories": [...], "series": [{"name", "values": [...], "links": [...]}]}: every
bar links to the list of records behind it. Charts over other apps' figures appear only when the catalogue
holds such figures (their app is there); nothing is guessed.
"""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.urls import reverse

from shuangyong.benefits.figures import paid_lines
from shuangyong.benefits.models import BenefitKind
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope
from shuangyong.regions.models import Region
from shuangyong.reports.views_records import month_field

MONTHS = [f"{m}月" for m in range(1, 13)]
COUNT_UNITS = {"人", "户", "次", "件", "个", "场", "项", "人次", "份", "期", "篇"}


def _link(key: str, scope: Scope, **extra) -> str:
    params = {"year": scope.year, **({"region": scope.region} if scope.is_region else {"unit": scope.unit}), **extra}
    return reverse("reports:records", args=[key]) + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def _number(value):
    return float(value) if value is not None and not isinstance(value, int) else (value or 0)


def _figures(prefix: str, scope: Scope, units=None) -> list:
    return [
        f
        for f in catalogue.figures()
        if f.key.startswith(prefix) and f.applies_to(scope) and (units is None or f.unit in units)
    ]


def figure_bars(title: str, prefix: str, scope: Scope, *, units=None, skip_zero=True) -> dict | None:
    """One bar per catalogue figure whose key starts with `prefix`; None when the catalogue has none."""
    figures = _figures(prefix, scope, units)
    if not figures:
        return None
    rows = [(f, f.value(scope)) for f in figures]
    rows = [(f, v) for f, v in rows if v is not None and not (skip_zero and not v)] or rows
    return {
        "title": title,
        "unit": "、".join(sorted({f.unit for f, _ in rows})),
        "categories": [f.label for f, _ in rows],
        "series": [
            {
                "name": title,
                "values": [_number(v) for _, v in rows],
                "links": [_link(f.key, scope) if f.records else None for f, _ in rows],
            }
        ],
    }


def persons_by_category(scope: Scope) -> dict | None:
    chart = figure_bars("优抚对象（按类别）", "registry.category.", scope)
    if chart:
        chart["categories"] = [c.removesuffix("人数") for c in chart["categories"]]
    return chart


def persons_by_place(scope: Scope) -> dict | None:
    """重点优抚对象 in each town (or village) of the scope's region."""
    if not scope.is_region:
        return None
    places = list(Region.objects.filter(parent_id=scope.region).order_by("code"))
    if not places:
        return None
    values = [catalogue.compute("registry.key_persons", Scope(scope.year, region=p.code)) for p in places]
    return {
        "title": "重点优抚对象（按区划）",
        "unit": "人",
        "categories": [p.name for p in places],
        "series": [
            {
                "name": "重点优抚对象",
                "values": values,
                "links": [_link("registry.key_persons", Scope(scope.year, region=p.code)) for p in places],
            }
        ],
    }


def money_by_month(scope: Scope) -> dict | None:
    """元 paid per month of the year (the run's period), one series per benefit kind."""
    if not scope.is_region:
        return None
    grouped = (
        paid_lines(scope)
        .order_by()
        .annotate(m=ExtractMonth("run__period_start"))
        .values("m", "kind_id")
        .annotate(fen=Sum("amount_fen"))
    )
    by_kind: dict[str, list[int]] = {}
    for row in grouped:
        by_kind.setdefault(row["kind_id"], [0] * 12)[row["m"] - 1] += row["fen"] or 0
    names = dict(BenefitKind.objects.values_list("code", "name"))
    order = list(BenefitKind.objects.values_list("code", flat=True))
    return {
        "title": "抚恤补助发放金额（按月、项目）",
        "unit": "元",
        "categories": MONTHS,
        "stacked": True,
        "series": [
            {
                "name": names.get(code, code),
                "values": [float(catalogue.yuan(fen)) for fen in by_kind[code]],
                "links": [_link(f"benefits.kind.{code}", scope, month=m) for m in range(1, 13)],
            }
            for code in sorted(by_kind, key=lambda c: order.index(c) if c in order else 999)
        ],
    }


def activities_by_kind(scope: Scope) -> dict | None:
    return figure_bars("双拥活动（按类别）", "activities.kind.", scope)


def activities_by_month(scope: Scope) -> dict | None:
    """Each activity kind's records counted by month of their date."""
    series = []
    for figure in _figures("activities.kind.", scope):
        rows = figure.records(scope) if figure.records else None
        field = month_field(rows.model) if rows is not None else None
        if field is None:
            continue
        counts = [0] * 12
        for row in rows.order_by().annotate(m=ExtractMonth(field)).values("m").annotate(n=Count("pk")):
            counts[row["m"] - 1] = row["n"]
        if any(counts):
            series.append(
                {
                    "name": figure.label,
                    "values": counts,
                    "links": [_link(figure.key, scope, month=m) for m in range(1, 13)],
                }
            )
    if not _figures("activities.kind.", scope):
        return None
    return {"title": "双拥活动（按月、类别）", "unit": "次", "categories": MONTHS, "stacked": True, "series": series}


def targets(scope: Scope) -> dict | None:
    return figure_bars("目标考核", "assessment.", scope, skip_zero=False)


def resettlement(scope: Scope) -> dict | None:
    return figure_bars("退役军人安置", "resettlement.", scope, units=COUNT_UNITS, skip_zero=False)


CHARTS = {
    "persons-by-category": persons_by_category,
    "persons-by-place": persons_by_place,
    "money-by-month": money_by_month,
    "activities-by-kind": activities_by_kind,
    "activities-by-month": activities_by_month,
    "targets": targets,
    "resettlement": resettlement,
}


def available(scope: Scope) -> list[str]:
    """The charts this scope can show: by the catalogue's contents, not by trying."""
    keys = [f.key for f in catalogue.figures() if f.applies_to(scope)]
    prefixes = {
        "persons-by-category": "registry.category.",
        "persons-by-place": "registry.key_persons",
        "money-by-month": "benefits.",
        "activities-by-kind": "activities.kind.",
        "activities-by-month": "activities.kind.",
        "targets": "assessment.",
        "resettlement": "resettlement.",
    }
    return [name for name, prefix in prefixes.items() if any(k.startswith(prefix) for k in keys)]


def chart(name: str, scope: Scope) -> dict | None:
    with catalogue.memo():
        return CHARTS[name](scope)
