"""The list of records behind a figure: any model's rows, its fields shown sensibly, numbers masked by role.

A few models the figures of this project return have chosen columns; any other model (a later app's) shows its
own concrete fields, foreign keys by name. ID numbers and bank accounts are masked unless the role may see them.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError
from shuangyong.figures.fields import FigureKeyField, figure_label
from shuangyong.money import yuan_text
from shuangyong.registry import idnumber
from shuangyong.registry.services.export import may_see_full_numbers
from shuangyong.registry.views import CappedPaginator
from shuangyong.replica import replica_reads
from shuangyong.reports.views_scope import pick

PAGE_SIZE = 50
MASKED = {"id_number": idnumber.mask, "bank_account": idnumber.mask_account}
SKIPPED = {"id", "name_initials", "created_by", "import_batch", "updated_at", "bank_holder", "details"}
# chosen columns (lookup paths) for the rows the registry and benefits figures return
COLUMNS = {
    "registry.person": ["name", "sex", "id_number", "birth_date", "region", "hukou", "death_date"],
    "registry.entitlement": [
        "person__name",
        "person__id_number",
        "person__region",
        "category",
        "status",
        "disability_grade",
        "disability_nature",
        "approval_date",
        "status_date",
    ],
    "registry.personevent": ["person__name", "person__id_number", "person__region", "kind", "date"],
    "benefits.paymentline": [
        "person__name",
        "person__id_number",
        "region",
        "kind",
        "month",
        "line_type",
        "amount_fen",
        "run",
    ],
    "benefits.payee": ["name", "id_number", "region", "bank_name", "bank_account", "total_fen", "bank_status", "run"],
    "benefits.standard": ["kind", "category", "disability_nature", "disability_grade", "hukou", "region", "amount_fen"]
    + ["basis", "valid_from", "note"],
}
# the date that places a row in a month, for a chart's "this month" link
MONTH_FIELDS = {"benefits.paymentline": "run__period_start", "registry.personevent": "date"}


def _field(model, path: str) -> models.Field:
    *hops, last = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    return model._meta.get_field(last)


def default_columns(model) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in SKIPPED and not isinstance(f, models.JSONField | models.TextField)
    ][:10]


def columns_for(model) -> list[str]:
    return COLUMNS.get(model._meta.label_lower) or default_columns(model)


def month_field(model) -> str | None:
    label = model._meta.label_lower
    if label in MONTH_FIELDS:
        return MONTH_FIELDS[label]
    try:
        return "date" if isinstance(model._meta.get_field("date"), models.DateField) else None
    except FieldDoesNotExist:
        return None


def _related_paths(model, paths: list[str]) -> list[str]:
    """select_related for every foreign key a column passes through or shows."""
    found = set()
    for path in paths:
        parts = path.split("__")
        for i in range(1, len(parts) + 1):
            if _field(model, "__".join(parts[:i])).is_relation:
                found.add("__".join(parts[:i]))
    return sorted(found)


def _cell(obj, path: str, field: models.Field, full: bool) -> str:
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return ""
    if field.choices:
        return getattr(obj, f"get_{last}_display")()
    if isinstance(field, FigureKeyField):
        return figure_label(getattr(obj, last))
    value = getattr(obj, last)
    if value is None:
        return ""
    if last in MASKED and not full:
        return MASKED[last](value)
    if last.endswith("_fen") and isinstance(value, int):
        return yuan_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _header(field: models.Field, path: str) -> str:
    label = str(field.verbose_name)
    if path.endswith("_fen"):
        label = label.replace("（分）", "") + "（元）"
    return label


def _person_link(obj) -> str | None:
    person_id = obj.pk if obj._meta.label_lower == "registry.person" else getattr(obj, "person_id", None)
    if person_id is None:
        return None
    try:
        return reverse("registry:detail", args=[person_id])
    except NoReverseMatch:
        return None


@page(Cap.VIEW_RECORDS)
@replica_reads
def figure_records(request, key: str):
    picked = pick(request)
    try:
        figure = catalogue.get(key)
    except CatalogueError:
        raise Http404("没有这个统计指标") from None
    if figure.records is None or not figure.applies_to(picked.scope):
        raise Http404("该指标没有可列出的记录")
    rows = figure.records(picked.scope)
    model = rows.model
    month = request.GET.get("month")
    if month and month.isdigit() and 1 <= int(month) <= 12 and month_field(model):
        rows = rows.filter(**{f"{month_field(model)}__month": int(month)})
    paths = columns_for(model)
    fields = [_field(model, path) for path in paths]
    if getattr(model, "scope_region_field", None) or getattr(model, "scope_unit_field", None):
        rows = visible(request.user, rows)  # the scope was checked; this keeps a figure's rows inside it too
    rows = rows.select_related(*_related_paths(model, paths))
    page = CappedPaginator(rows.order_by(*(model._meta.ordering or ["pk"])), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    full = may_see_full_numbers(request.user)
    table = [
        {"link": _person_link(obj), "cells": [_cell(obj, p, f, full) for p, f in zip(paths, fields, strict=True)]}
        for obj in page
    ]
    with catalogue.memo():
        value = figure.value(picked.scope)
    return render(
        request,
        "reports/records.html",
        {
            "picked": picked,
            "figure": figure,
            "value": "—" if value is None else f"{value:,}",
            "month": month if month and month.isdigit() else "",
            "headers": [_header(f, p) for p, f in zip(paths, fields, strict=True)],
            "table": table,
            "page": page,
            "query": picked.query(month=month),
            "model_name": model._meta.verbose_name,
        },
    )
