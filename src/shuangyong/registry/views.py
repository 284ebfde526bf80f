import tempfile
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import REGION_ROLES, Cap
from shuangyong.accounts.scope import visible
from shuangyong.privacy import mask_number
from shuangyong.refusals import refusal
from shuangyong.registry import idnumber
from shuangyong.registry.forms import EventForm, PersonFilterForm, PersonForm
from shuangyong.registry.models import Category, Entitlement, Person
from shuangyong.registry.presenters import person_timeline
from shuangyong.registry.rules import family_after_death
from shuangyong.registry.sections import person_sections
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services.confirmation import confirm_many, stop_overdue
from shuangyong.registry.services.export import export_roster, reveal_full_numbers
from shuangyong.registry.services.persons import register_person, update_person
from shuangyong.registry.services.search import search_persons
from shuangyong.registry.services.transfers import readable_person, related_to
from shuangyong.replica import replica_reads

PAGE_SIZE = 50
COUNT_CAP = 2000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows: an exact count visits every person of a county (~250 ms at a million on
    PostgreSQL), and the list only needs to know whether there is more. Totals belong to the statistics."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


@page(Cap.VIEW_RECORDS)
@replica_reads
def person_list(request):
    form = PersonFilterForm(request.GET or None)
    filters = form.to_filter()
    persons = search_persons(request.user, filters)
    page = CappedPaginator(persons, PAGE_SIZE).get_page(request.GET.get("page"))
    full = reveal_full_numbers(request.user, what="优抚对象列表", count=len(page), where=request.get_full_path())
    for person in page:
        person.shown_id = person.id_number if full else idnumber.mask(person.id_number)
    return render(
        request,
        "registry/list.html",
        {
            "form": form,
            "page": page,
            "query": request.GET.urlencode(),
            "overdue": filters.confirmed == "overdue",
            "unconfirmed": filters.confirmed in ("no", "overdue"),
            "year": timezone.localdate().year,
            "can_edit": request.user.can(Cap.EDIT_RECORDS),
        },
    )


@page(Cap.VIEW_RECORDS)
def person_detail(request, pk: int):
    person = readable_person(request.user, pk)
    if person is None:
        raise Http404
    in_scope = visible(request.user, Person.objects.filter(pk=pk)).exists()
    # a person linked only by a transfer is read masked: the full numbers belong to the county that holds them
    full = in_scope and reveal_full_numbers(request.user, what=f"优抚对象 {person.name}（{person.pk}）")
    return render(
        request,
        "registry/detail.html",
        {
            "person": person,
            "shown_id": person.id_number if full else idnumber.mask(person.id_number),
            "shown_account": person.bank_account if full else idnumber.mask_account(person.bank_account),
            "shown_phone": person.phone if full else mask_number(person.phone) if person.phone else "",
            "entitlements": person.entitlements.select_related("category").order_by("category_id"),
            "timeline": person_timeline(person),
            "person_sections": person_sections(person, request.user),
            "can_edit": in_scope and request.user.can(Cap.EDIT_RECORDS),
            "family": _family_offer(person),
            "transfers": related_to(request.user).filter(person=person).select_related("from_region"),
            "event_form": EventForm(initial={"on": timezone.localdate(), "year": timezone.localdate().year}),
        },
    )


def _family_offer(person: Person) -> dict | None:
    """After a death that entitles the family: the category, the reason and the prefilled registration link."""
    found = family_after_death(person, list(person.entitlements.all()))
    if found is None:
        return None
    code, reason = found
    query = urlencode({"category": code, "soldier_name": person.name, "region": person.region_id})
    return {
        "category": Category.objects.get(pk=code).name,
        "reason": reason,
        "url": f"{reverse('registry:create')}?{query}",
    }


EVENTS = {
    "approve": lambda ent, d, user: life.approve_entitlement(ent, on=d["on"], approval_no=d["approval_no"], user=user),
    "suspend": lambda ent, d, user: life.suspend_entitlement(ent, on=d["on"], reason=d["reason"] or "停发", user=user),
    "resume": lambda ent, d, user: life.resume_entitlement(ent, on=d["on"], user=user),
    "cancel": lambda ent, d, user: life.cancel_entitlement(ent, on=d["on"], reason=d["reason"] or "取消", user=user),
    "grade": lambda ent, d, user: life.change_grade(ent, grade=d["grade"], on=d["on"], user=user),
}
PERSON_EVENTS = {
    "death": lambda p, d, user: life.record_death(p, on=d["on"], cause=d["reason"], user=user),
    "confirm": lambda p, d, user: life.confirm_year(p, year=d["year"] or d["on"].year, on=d["on"], user=user),
}


@page(Cap.EDIT_RECORDS)
def person_event(request, pk: int, event: str):
    """One life event from the person page; the service checks scope and rules, the view reports."""
    if request.method != "POST":
        return redirect("registry:detail", pk)
    person = get_object_or_404(visible(request.user, Person.objects.all()), pk=pk)
    form = EventForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写日期：" + "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("registry:detail", pk)
    with refusal(request) as refused:
        if event in PERSON_EVENTS:
            PERSON_EVENTS[event](person, form.cleaned_data, request.user)
        elif event in EVENTS:
            ent = get_object_or_404(person.entitlements, pk=request.POST.get("entitlement"))
            EVENTS[event](ent, form.cleaned_data, request.user)
        else:
            raise PermissionDenied("未知操作")
    if not refused:
        messages.success(request, "已登记")
    return redirect("registry:detail", pk)


@page(Cap.VIEW_RECORDS)
def person_export(request):
    form = PersonFilterForm(request.GET or None)
    persons = search_persons(request.user, form.to_filter())
    scope = request.user.home_region_id
    if not scope:
        raise PermissionDenied("您没有可导出的管辖区划")
    category = form.cleaned_data.get("category") if form.is_valid() else None
    title = f"{request.user.scope_label}优抚对象花名册"
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
    export_roster(
        persons,
        handle,
        user=request.user,
        title=title,
        scope_code=scope,
        category_codes=[category] if category else None,
    )
    handle.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return FileResponse(handle, as_attachment=True, filename=f"{title}-{stamp}.xlsx")


@page(Cap.EDIT_RECORDS)
def person_create(request):
    prefill = {k: request.GET[k] for k in ("category", "soldier_name", "region") if request.GET.get(k)}
    form = PersonForm(request.POST or None, user=request.user, initial=prefill)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        names = ("category", "disability_grade", "disability_nature", "relation", "soldier_name", "enlistment_date",
                 "discharge_date", "certificate_no")  # fmt: skip
        entitlement = {k: data.pop(k) for k in names}
        today = timezone.localdate()
        with refusal(request, form) as refused, transaction.atomic():
            person = register_person(user=request.user, on=today, **data)
            life.register_entitlement(
                person,
                on=today,
                user=request.user,
                category=entitlement["category"],
                disability_grade=entitlement["disability_grade"],
                disability_nature=entitlement["disability_nature"] or "",
                relation=entitlement["relation"] or "",
                soldier_name=entitlement["soldier_name"] or "",
                enlistment_date=entitlement["enlistment_date"],
                discharge_date=entitlement["discharge_date"],
                certificate_no=entitlement["certificate_no"] or "",
            )
        if not refused:
            messages.success(request, f"已受理：{person.name}")
            return redirect("registry:detail", person.pk)
    return render(request, "web/form.html", {"form": form, "title": "登记优抚对象（受理）"})


@page(Cap.EDIT_RECORDS)
def person_edit(request, pk: int):
    person = get_object_or_404(visible(request.user, Person.objects.all()), pk=pk)
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            update_person(person, user=request.user, on=timezone.localdate(), **form.cleaned_data)
        if not refused:
            messages.success(request, "已保存")
            return redirect("registry:detail", pk)
    return render(request, "web/form.html", {"form": form, "title": f"修改信息：{person.name}"})


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
@require_POST
def confirm_selected(request):
    """年度确认 of the persons ticked on the list (a village's, say), all at once."""
    ids = [int(i) for i in request.POST.getlist("person") if i.isdigit()]
    persons = list(visible(request.user, Person.objects.filter(pk__in=ids)))
    if len(persons) != len(set(ids)):
        raise Http404("所选人员不在您的管辖范围内")
    today = timezone.localdate()
    with refusal(request) as refused:
        confirmed = confirm_many(persons, year=today.year, on=today, user=request.user)
    if not refused:
        messages.success(request, f"已完成 {confirmed} 人的{today.year}年度确认")
    return redirect(reverse("registry:list") + "?" + request.POST.get("query", "confirmed=no"))


@page(Cap.EDIT_RECORDS, roles=REGION_ROLES)
@require_POST
def stop_overdue_view(request):
    """停发 every entitlement left unconfirmed past the local deadline, within the user's scope."""
    today = timezone.localdate()
    entitlements = visible(request.user, Entitlement.objects.all())
    stopped = stop_overdue(
        entitlements, year=today.year, region_code=request.user.region_id, today=today, user=request.user
    )
    messages.success(request, f"已停发 {stopped} 项逾期未年度确认的待遇")
    return redirect(reverse("registry:list") + "?confirmed=overdue")
