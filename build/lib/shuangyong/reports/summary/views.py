"""Pages of the yearly summary: 生成总结 (scope and year), the draft editor, the Word download, the wording."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ensure_can_read, visible
from shuangyong.figures.catalogue import SECTIONS
from shuangyong.refusals import refusal
from shuangyong.reports.models import DraftParagraph, SummaryDraft, SummaryTemplate
from shuangyong.reports.summary import drafts
from shuangyong.reports.summary.forms import SummaryForm, WordingForm
from shuangyong.reports.summary.generate import EXTRA_SECTIONS
from shuangyong.reports.summary.links import figure_records_url

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SECTION_NAMES = {**SECTIONS, **EXTRA_SECTIONS, "title": "标题", "opening": "开头", "closing": "结语"}


def _require(user, cap, what):
    if not user.can(cap):
        raise PermissionDenied(f"您的角色不能{what}")


@page(Cap.VIEW_RECORDS)
def start(request):
    can_write = request.user.can(Cap.EDIT_RECORDS)
    form = SummaryForm(request.POST or None, user=request.user)
    if request.method == "POST":
        _require(request.user, Cap.EDIT_RECORDS, "生成工作总结")
        if form.is_valid():
            with refusal(request) as refused:
                made = drafts.create_draft(form.scope(), with_plan=form.cleaned_data["with_plan"], user=request.user)
            if not refused:
                messages.success(request, f"已生成《{made.title}》，可逐段修改后下载 Word")
                return redirect("reports:summary_draft", made.pk)
    listed = visible(request.user, SummaryDraft.objects.select_related("region", "unit", "created_by"))[:50]
    return render(
        request,
        "reports/summary/start.html",
        {"form": form, "drafts": listed, "can_write": can_write, "nav_current": "reports"},
    )


def _figures_of(draft: SummaryDraft) -> dict[str, dict]:
    scope = {"region": draft.region_id} if draft.region_id else {"unit": draft.unit.code}
    found = {}
    for row in draft.figures:
        found[row["key"]] = {
            **row,
            "printed": f"{row['value']}{row['unit']}",
            "url": figure_records_url(row["key"], draft.year, **scope),
        }
    return found


def _paragraph_context(paragraph: DraftParagraph, figures: dict, can_write: bool) -> dict:
    return {
        "p": paragraph,
        "cited": [figures[k] for k in paragraph.figure_keys if k in figures],
        "can_write": can_write,
        "section_name": SECTION_NAMES.get(paragraph.section, ""),
    }


@page(Cap.VIEW_RECORDS)
def draft(request, pk):
    item = get_object_or_404(SummaryDraft.objects.select_related("region", "unit"), pk=pk)
    ensure_can_read(request.user, item)
    can_write = request.user.can(Cap.EDIT_RECORDS)
    figures = _figures_of(item)
    paragraphs = [_paragraph_context(p, figures, can_write) for p in item.paragraphs.order_by("position")]
    return render(
        request,
        "reports/summary/draft.html",
        {"draft": item, "paragraphs": paragraphs, "can_write": can_write, "nav_current": "reports"},
    )


@page(Cap.EDIT_RECORDS)
@require_POST
def paragraph(request, pk):
    item = get_object_or_404(DraftParagraph.objects.select_related("draft", "draft__unit"), pk=pk)
    ensure_can_read(request.user, item.draft)
    with refusal(request):
        item = drafts.edit_paragraph(item, request.POST.get("text", ""), user=request.user)
    if request.headers.get("HX-Request"):
        context = _paragraph_context(item, _figures_of(item.draft), True)
        return render(request, "reports/summary/_paragraph.html", {**context, "saved": True})
    return redirect(reverse("reports:summary_draft", args=[item.draft_id]) + f"#p{item.pk}")


@page(Cap.VIEW_RECORDS)
def download(request, pk):
    item = get_object_or_404(SummaryDraft, pk=pk)
    data = drafts.draft_docx(item, user=request.user)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(item.title + '.docx')}"
    return response


@page(Cap.EDIT_RECORDS)
@require_POST
def delete(request, pk):
    item = get_object_or_404(SummaryDraft, pk=pk)
    ensure_can_read(request.user, item)
    title = item.title
    drafts.delete_draft(item, user=request.user)
    messages.success(request, f"已删除草稿《{title}》")
    return redirect("reports:summary_start")


@page(Cap.VIEW_RECORDS)
def wording(request):
    rows = SummaryTemplate.objects.all()
    return render(
        request,
        "reports/summary/wording.html",
        {
            "rows": rows,
            "can_edit": request.user.can(Cap.MANAGE_STANDARDS),
            "section_names": SECTION_NAMES,
            "nav_current": "reports",
        },
    )


@page(Cap.MANAGE_STANDARDS)
def wording_edit(request, pk):
    item = get_object_or_404(SummaryTemplate, pk=pk)
    form = WordingForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"已保存措辞 {item.key}")
        return redirect("reports:summary_wording")
    return render(
        request,
        "reports/summary/wording_form.html",
        {"form": form, "item": item, "title": f"修改措辞 {item.key}", "nav_current": "reports"},
    )
