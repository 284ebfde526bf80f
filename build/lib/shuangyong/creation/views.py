"""The 创建 pages: the year's self-assessment item by item (scores, status, evidence, who is responsible), the
actions on it, the gap list download, and the namings; thin views over creation.services."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page, year_shown
from shuangyong.accounts.roles import REGION_ROLES, Cap, Role
from shuangyong.accounts.scope import visible
from shuangyong.creation import services
from shuangyong.creation.book import evidence_docx, evidence_zip
from shuangyong.creation.forms import AssignForm, JudgeForm, NamingForm, NoteForm, UnlockForm
from shuangyong.creation.models import ItemHelper, ItemRecord, ItemScore, Naming, Rubric, RubricLevel, SelfAssessment
from shuangyong.creation.report import STATUS_LABELS, gap_items, gaps_docx, in_rubric_order, report, write_xlsx
from shuangyong.creation.rubric_sheet import export_rubric
from shuangyong.creation.rubrics import NATIONAL
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, Scope
from shuangyong.figures.fields import figure_label
from shuangyong.refusals import refusal
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region
from shuangyong.reports.summary.word import write_docx

NAMED_LEVELS = (RubricLevel.NATIONAL, RubricLevel.PROVINCIAL)


def _county(user) -> Region | None:
    code = user.home_region_id
    if not code:
        return None
    return Region.objects.filter(code=code[:6] + "000000").first()


TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".zip": "application/zip",
}


def _download(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=TYPES[Path(name).suffix])
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _back(year: int, anchor: str = ""):
    return redirect(f"{reverse('creation:index')}?year={year}{anchor}")


@page(Cap.VIEW_RECORDS)
def index(request):
    year, county = year_shown(request), _county(request.user)
    if county is None or level_of(county.code) != Level.COUNTY:
        raise Http404("未找到您所在的县")
    assessment = visible(request.user, SelfAssessment.objects.filter(region=county, year=year)).first()
    led = helped = None
    if assessment is None and request.user.region_id != county.code:
        # a member unit or a town sees the items it leads (its gaps to close) and helps with, not the whole
        led = in_rubric_order(visible(request.user, ItemScore.objects.filter(assessment__year=year)))
        led = led.select_related("item__parent", "assessment")
        helped = visible(request.user, ItemHelper.objects.filter(score__assessment__year=year))
        helped = helped.select_related("score__item__parent", "score__lead_unit", "score__lead_town")
    full = report(assessment) if assessment else None
    only, found = request.GET.get("unit", ""), full
    if full and (request.GET.get("gaps") or only):  # 逐条查缺补漏: the gaps, of one unit when asked
        found = {**full, "items": gap_items(full, only)}
    namings = Naming.objects.filter(region=county).order_by("-year")
    history = [
        (past, report(past))
        for past in visible(request.user, SelfAssessment.objects.filter(region=county)).order_by("-year")[:8]
    ]
    return render(
        request,
        "creation/index.html",
        {
            "year": year,
            "county": county,
            "assessment": assessment,
            "found": found,
            "labels": STATUS_LABELS,
            "led": led,
            "helped": helped,
            "keeps": request.user.role == Role.COUNTY_ADMIN,
            "only": only,
            "units": sorted({u for i in full["items"] for u in i["units"]}) if full else [],
            "namings": namings,
            "history": history,
            "streaks": [(RubricLevel(level).label, services.streak(county, level)) for level in NAMED_LEVELS],
        },
    )


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
@require_POST
def open_year(request):
    year, county = year_shown(request), _county(request.user)
    rubric = get_object_or_404(Rubric, code=request.POST.get("rubric") or NATIONAL)
    with refusal(request) as refused:
        assessment = services.open_assessment(rubric=rubric, region=county, year=year, user=request.user)
        services.score_automatic(assessment, user=request.user)
    if not refused:
        messages.success(request, f"已开始{year}年创建自评，自动评分项已按统计指标评分")
    return _back(year)


def _assessment(request, pk: int) -> SelfAssessment:
    return get_object_or_404(visible(request.user, SelfAssessment.objects.all()), pk=pk)


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
@require_POST
def rescore(request, pk: int):
    assessment = _assessment(request, pk)
    with refusal(request) as refused:
        changed = services.score_automatic(assessment, user=request.user)
    if not refused:
        messages.success(request, f"已按最新统计指标重新评分（{changed}项有变化）")
    return _back(assessment.year)


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
@require_POST
def submit(request, pk: int):
    assessment = _assessment(request, pk)
    with refusal(request) as refused:
        services.submit_assessment(assessment, user=request.user)
    if not refused:
        messages.success(request, f"{assessment.year}年自评已提交并锁定")
    return _back(assessment.year)


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
def unlock(request, pk: int):
    assessment = _assessment(request, pk)
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            services.unlock_assessment(assessment, reason=form.cleaned_data["reason"], user=request.user)
        if not refused:
            messages.success(request, f"{assessment.year}年自评已解锁")
            return _back(assessment.year)
    return render(request, "web/form.html", {"form": form, "title": f"解锁{assessment}"})


@page(Cap.VIEW_RECORDS)
def gaps_xlsx(request, pk: int):
    assessment = _assessment(request, pk)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gaps.xlsx"
        write_xlsx(report(assessment), path)
        data = path.read_bytes()
    name = f"{assessment.year}年创建自评与差距清单.xlsx"
    return _download(data, name)


@page(Cap.VIEW_RECORDS)
def rubric_xlsx(request, pk: int):
    rubric = get_object_or_404(Rubric, pk=pk)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rubric.xlsx"
        export_rubric(rubric, path)
        data = path.read_bytes()
    return _download(data, f"{rubric.title}.xlsx")


@page(Cap.VIEW_RECORDS, roles=REGION_ROLES)
def book_docx(request, pk: int):
    assessment = _assessment(request, pk)
    name = f"{assessment.year}年创建台账.docx"
    return _download(evidence_docx(assessment), name)


@page(Cap.VIEW_RECORDS, roles=REGION_ROLES)
def book_zip(request, pk: int):
    assessment = _assessment(request, pk)
    name = f"{assessment.year}年创建台账资料.zip"
    return _download(evidence_zip(assessment, user=request.user), name)


@page(Cap.VIEW_RECORDS, roles=REGION_ROLES)
def gaps_word(request, pk: int):
    assessment = _assessment(request, pk)
    unit = request.GET.get("unit", "")
    data = gaps_docx(report(assessment), assessment.region.name, unit)
    return _download(data, f"{assessment.year}年创建差距清单.docx")


@page(Cap.VIEW_RECORDS)
def unit_gaps(request):
    """A member unit's or a town's own gap list (.docx): the items it leads below full marks or lacking evidence."""
    user, year = request.user, year_shown(request)
    name = user.office_name
    row = visible(user, ItemScore.objects.filter(assessment__year=year)).select_related("assessment").first()
    if row is None:
        data = write_docx(
            [("title", f"{year}年创建差距清单（{name}）"), ("body", "本年度没有分配给本单位的考评内容。")]
        )
    else:  # the county's assessment read through the unit's own row; the list keeps the unit's items only
        data = gaps_docx(report(row.assessment), row.assessment.region.name, name)
    return _download(data, f"{year}年创建差距清单（{name}）.docx")


def _row(request, pk: int) -> ItemScore:
    """An item the user may see: in their region (a town lead's item is placed there) or led by their unit."""
    found = visible(request.user, _ROWS).filter(pk=pk).first()
    if found is None:
        raise Http404("未找到该考评内容")
    return found


_ROWS = ItemScore.objects.select_related("item__section", "item__parent", "assessment", "lead_unit", "lead_town")


@page(Cap.VIEW_RECORDS)
def item(request, pk: int):
    row = _row(request, pk)
    fills = request.user.can(Cap.EDIT_RECORDS)
    note = NoteForm(request.POST or None, initial={"note": row.note})
    if request.method == "POST" and fills and note.is_valid():
        with refusal(request, note) as refused:
            services.note_evidence(row, note=note.cleaned_data["note"], user=request.user)
        if not refused:
            messages.success(request, "台账说明已保存")
            return redirect("creation:item", row.pk)
    context = {"note_form": note, "fills": fills, **_item_context(row)}
    context.update(_candidates(request, row) if fills and not row.assessment.locked else {})
    return render(request, "creation/item.html", context)


@page(Cap.VIEW_RECORDS)
def helping(request, pk: int):
    """A 配合 unit or town reads the item it helps with through its own helper row (read-only)."""
    helper = get_object_or_404(visible(request.user, ItemHelper.objects.all()), pk=pk)
    row = _ROWS.get(pk=helper.score_id)
    return render(request, "creation/item.html", {"fills": False, "helping": True, **_item_context(row)})


def _item_context(row: ItemScore) -> dict:
    return {
        "row": row,
        "figures": _figures_of(row),
        "kept": [(record, figure_label(record.figure)) for record in row.records.all()],
        "helpers": row.helpers.select_related("unit", "town"),
    }


PICK_LIMIT = 50


def _candidates(request, row: ItemScore) -> dict:
    """The figures whose records may be picked, and the latest records of the one chosen (?figure=)."""
    scope = Scope(row.assessment.year, region=row.assessment.region_id)
    own = [rule.figure for rule in row.item.rules.all()]
    choices = sorted(
        (f for f in catalogue.figures() if f.records is not None and f.applies_to(scope)),
        key=lambda f: (f.key not in own, f.section, f.key),
    )
    chosen = request.GET.get("figure", "")
    records = services.figure_records(chosen, row.assessment, user=request.user) if chosen else None
    listed = list(records.order_by("-pk")[:PICK_LIMIT]) if records is not None else []
    return {"choices": choices, "chosen": chosen, "listed": listed}


@page(Cap.EDIT_RECORDS)
@require_POST
def pick(request, pk: int):
    row = _row(request, pk)
    with refusal(request) as refused:
        added = services.pick_records(
            row, figure=request.POST.get("figure", ""), ids=request.POST.getlist("ids"), user=request.user
        )
    if not refused:
        messages.success(request, f"已添加{added}条台账记录")
    return redirect("creation:item", row.pk)


@page(Cap.EDIT_RECORDS)
@require_POST
def drop(request, pk: int):
    record = get_object_or_404(visible(request.user, ItemRecord.objects.all()), pk=pk)
    with refusal(request) as refused:
        services.drop_record(record, user=request.user)
    if not refused:
        messages.success(request, "已移除该台账记录")
    return redirect("creation:item", record.score_id)


def _figures_of(row: ItemScore) -> list[dict]:
    """Each figure an automatic item is scored by: its value for the year and the link to the records behind it."""
    scope = Scope(row.assessment.year, region=row.assessment.region_id)
    shown = []
    for rule in row.item.rules.all():
        try:
            figure = catalogue.get(rule.figure)
        except CatalogueError:
            continue
        link = reverse("reports:records", args=[figure.key]) + f"?year={scope.year}&region={scope.region}"
        shown.append({"figure": figure, "levels": rule.levels, "value": catalogue.compute(figure.key, scope),
                      "link": link if figure.records else ""})  # fmt: skip
    return shown


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
def judge(request, pk: int):
    row = _row(request, pk)
    form = JudgeForm(request.POST or None, initial={"score": row.score, "reason": row.reason})
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            services.judge_item(row, user=request.user, **form.cleaned_data)
        if not refused:
            messages.success(request, f"第{row.item.code}项已评分")
            return _back(row.assessment.year)
    title = f"评分：第{row.item.code}项（{row.item.points.normalize():f}分）{row.item.text}"
    return render(request, "web/form.html", {"form": form, "title": title})


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
def assign(request, pk: int):
    row = _row(request, pk)
    helpers = list(row.helpers.all())
    initial = {"lead_unit": row.lead_unit, "lead_town": row.lead_town, "due": row.due,
               "helper_units": [h.unit_id for h in helpers if h.unit_id],
               "helper_towns": [h.town_id for h in helpers if h.town_id]}  # fmt: skip
    form = AssignForm(request.POST or None, user=request.user, county=row.assessment.region_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            services.assign_item(row, user=request.user, **form.cleaned_data)
        if not refused:
            messages.success(request, f"第{row.item.code}项已分工")
            return _back(row.assessment.year)
    return render(request, "web/form.html", {"form": form, "title": f"分工：第{row.item.code}项 {row.item.text}"})


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
def naming_add(request):
    county = _county(request.user)
    form = NamingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            services.record_naming(region=county, user=request.user, **form.cleaned_data)
        if not refused:
            messages.success(request, "已登记命名")
            return _back(timezone.localdate().year, "#namings")
    return render(request, "web/form.html", {"form": form, "title": f"{county.name}：登记双拥模范命名"})
