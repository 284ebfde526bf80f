from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible, writable
from shuangyong.activities.models import ActivityKind, Occasion, QuantityKind
from shuangyong.intake import services
from shuangyong.intake.forms import DetailsForm, UploadForm
from shuangyong.intake.models import ExtractedItem, ItemKind, ItemStatus, SummaryDocument
from shuangyong.intake.presenters import highlighted_runs
from shuangyong.refusals import refusal


@page(Cap.VIEW_RECORDS)
def index(request):
    documents = visible(request.user, SummaryDocument.objects.select_related("unit", "region", "uploaded_by"))
    page = Paginator(documents, 30).get_page(request.GET.get("page"))
    can_edit = request.user.can(Cap.EDIT_RECORDS)
    form = UploadForm(user=request.user) if can_edit else None
    return render(request, "intake/index.html", {"page": page, "form": form, "can_edit": can_edit})


@page(Cap.EDIT_RECORDS)
@require_POST
def upload(request):
    form = UploadForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        with refusal(request) as refused:
            data = form.cleaned_data
            document = services.upload_document(data["file"], user=request.user, unit=data["unit"], year=data["year"])
        if refused:
            return redirect("intake:index")
        messages.success(request, f"已识读“{document.title}”：{document.items.count()} 条待核对")
        return redirect("intake:detail", document.pk)
    messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("intake:index")


@page(Cap.VIEW_RECORDS)
def detail(request, pk: int):
    document = get_object_or_404(visible(request.user, SummaryDocument.objects.select_related("unit", "region")), pk=pk)
    every = list(document.items.select_related("activity", "activity_item"))
    status = request.GET.get("status", "")  # one status, or (the default) every status
    items = [i for i in every if i.status == status] if status in ItemStatus.values else every
    if request.GET.get("unit"):
        items = [i for i in items if i.kind != ItemKind.FIGURE or i.unit == request.GET["unit"]]
    can_edit = (
        request.user.can(Cap.EDIT_RECORDS) and writable(request.user, SummaryDocument.objects.filter(pk=pk)).exists()
    )
    details = DetailsForm(initial={"year": document.year, "unit": document.unit}, user=request.user)
    return render(
        request,
        "intake/detail.html",
        {
            "document": document,
            "runs": highlighted_runs(document.text, every),
            "figures": [i for i in items if i.kind == ItemKind.FIGURE],
            "activities": [i for i in items if i.kind == ItemKind.ACTIVITY],
            "extraction": document.extraction,
            "can_edit": can_edit,
            "details": details,
            "statuses": ItemStatus.choices,
            "units": sorted({i.unit for i in every if i.kind == ItemKind.FIGURE} - {""}),
            "activity_kinds": ActivityKind.objects.filter(is_active=True).order_by("sort_order"),
            "occasions": Occasion.objects.filter(is_active=True).order_by("sort_order"),
            "quantity_kinds": QuantityKind.objects.filter(is_active=True).order_by("sort_order"),
        },
    )


@page(Cap.EDIT_RECORDS)
@require_POST
def confirm_selected(request, pk: int):
    document = get_object_or_404(visible(request.user, SummaryDocument.objects.all()), pk=pk)
    ids = [int(i) for i in request.POST.getlist("items") if i.isdigit()]
    with refusal(request) as refused:
        confirmed = services.confirm_items(document, ids, user=request.user)
    if not refused:
        messages.success(request, f"已确认所选 {confirmed} 条")
    return redirect(reverse("intake:detail", args=[pk]) + "?" + request.POST.get("query", ""))


@page(Cap.EDIT_RECORDS)
@require_POST
def details(request, pk: int):
    document = get_object_or_404(visible(request.user, SummaryDocument.objects.all()), pk=pk)
    form = DetailsForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("intake:detail", pk)
    with refusal(request):
        services.set_document_details(
            document, user=request.user, year=form.cleaned_data["year"], unit=form.cleaned_data["unit"]
        )
        messages.success(request, "已保存年度和报送单位")
    return redirect("intake:detail", pk)


@page(Cap.EDIT_RECORDS)
@require_POST
def review(request, pk: int):
    """One item: 确认 (with the corrections typed beside it), 保存修改, or 不采用."""
    item = get_object_or_404(visible(request.user, ExtractedItem.objects.select_related("document")), pk=pk)
    action = request.POST.get("action", "")
    fields = services.FIGURE_FIELDS if item.kind == ItemKind.FIGURE else services.ACTIVITY_FIELDS
    changes = {f: request.POST[f] for f in fields if f in request.POST}
    with refusal(request):
        if action == "confirm":
            item = services.confirm_item(item, user=request.user, **changes)
            note = "，已登记为活动记录" if item.kind == ItemKind.ACTIVITY else ""
            messages.success(request, f"已确认第 {item.seq} 条{note}")
        elif action == "reject":
            services.reject_item(item, user=request.user)
            messages.success(request, f"第 {item.seq} 条已设为不采用")
        else:
            services.correct_item(item, user=request.user, **changes)
            messages.success(request, f"已保存第 {item.seq} 条的修改")
    return redirect(reverse("intake:detail", args=[item.document_id]) + f"#item-{item.seq}")
