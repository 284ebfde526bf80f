"""Pages of 双拥活动: thin views over the services; every list through accounts.scope.visible."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from shuangyong.accounts.pages import page, year_shown
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ScopeDenied, visible
from shuangyong.activities import forms as f
from shuangyong.activities.models import Activity, HelpCase, Occasion, Pair, VisitRecipient
from shuangyong.activities.services import cases, pairs, visits
from shuangyong.activities.services.records import (
    ActivitiesError,
    build_data,
    create_activity,
    delete_activity,
    update_activity,
)
from shuangyong.money import yuan_capital
from shuangyong.refusals import refusal
from shuangyong.registry import idnumber
from shuangyong.registry.models import Person
from shuangyong.registry.services.export import may_see_full_numbers

PAGE_SIZE = 30
REFUSALS = (ActivitiesError, ScopeDenied)


def _require_edit(user):
    if not user.can(Cap.EDIT_RECORDS):
        raise PermissionDenied("您的角色不能登记双拥活动")


def _archive_ready() -> bool:
    """The archive app offers an attachments include; until it lands, the pages show none."""
    try:
        get_template("archive/_attachments.html")
    except TemplateDoesNotExist:
        return False
    return True


def find_person(user, text: str) -> Person:
    """A person of the user's scope by ID number or by a unique name."""
    text = "".join(text.split()).upper()
    persons = visible(user, Person.objects.all())
    if len(text) in (15, 18) and text[:-1].isdigit():
        found = list(persons.filter(id_number=text)[:2])
    else:
        found = list(persons.filter(name=text)[:6])
    if not found:
        raise ActivitiesError(f"在您的管辖范围内未找到优抚对象“{text}”")
    if len(found) > 1:
        raise ActivitiesError(f"“{text}”有 {len(found)} 人同名，请输入身份证号")
    return found[0]


# -- activities ---------------------------------------------------------------------------------------------------


@page(Cap.VIEW_RECORDS)
def activity_list(request):
    year = year_shown(request)
    form = f.FilterForm(request.GET or None, user=request.user, initial={"year": year})
    qs = visible(request.user, Activity.objects.filter(date__year=year))
    if form.is_valid():
        data = form.cleaned_data
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if data.get("occasion"):
            qs = qs.filter(occasion=data["occasion"])
        if data.get("unit"):
            qs = qs.filter(organiser=data["unit"])
        if data.get("q"):
            qs = qs.filter(title__contains=data["q"].strip())
    totals = qs.aggregate(count=Count("id"), money=Sum("money_fen"))
    by_kind = qs.values("kind__name").annotate(n=Count("id")).order_by("-n", "kind__name")
    page = Paginator(
        qs.select_related("kind", "occasion", "organiser", "region").order_by("-date", "-id"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/list.html",
        {
            "form": form,
            "year": year,
            "page": page,
            "totals": totals,
            "by_kind": by_kind,
            "can_edit": request.user.can(Cap.EDIT_RECORDS),
        },
    )


def _activity_forms(request, user, initial=None, quantities=None):
    form = f.ActivityForm(request.POST or None, user=user, initial=initial)
    formset = f.QuantityFormSet(request.POST or None, prefix="q", initial=quantities)
    return form, formset


def _data_from(form, formset):
    organiser, region_id = form.placement()
    data = form.cleaned_data
    return build_data(
        kind=data["kind"],
        date=data["date"],
        title=data["title"],
        unit=organiser,
        region=region_id,
        occasion=data.get("occasion"),
        quantities=f.quantities_of(formset),
        money_fen=f.yuan_to_fen(data.get("money")),
        narrative=data.get("narrative", ""),
        leaders=data.get("leaders", ""),
        partner_units=data.get("partner_units") or (),
        garrison_units=data.get("garrison_units") or (),
        pair=data.get("pair"),
    )


@page(Cap.EDIT_RECORDS)
def activity_new(request):
    form, formset = _activity_forms(request, request.user)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with refusal(request) as refused:
            activity = create_activity(_data_from(form, formset), user=request.user)
        if not refused:
            messages.success(request, f"已登记：{activity.title}")
            return redirect("activities:detail", activity.pk)
    return render(request, "activities/form.html", {"form": form, "formset": formset, "title": "登记双拥活动"})


@page(Cap.EDIT_RECORDS)
def activity_edit(request, pk: int):
    activity = get_object_or_404(visible(request.user, Activity.objects.all()), pk=pk)
    initial = {
        "kind": activity.kind_id,
        "date": activity.date,
        "title": activity.title,
        "occasion": activity.occasion_id,
        "organiser": activity.organiser_id,
        "region": activity.region_id,
        "garrison_units": list(activity.garrison_units.values_list("pk", flat=True)),
        "partner_units": list(activity.partner_units.values_list("pk", flat=True)),
        "pair": activity.pair_id,
        "leaders": activity.leaders,
        "money": Decimal(activity.money_fen) / 100 if activity.money_fen else None,
        "narrative": activity.narrative,
    }
    quantities = [{"kind": q.kind_id, "amount": q.amount} for q in activity.quantities.all()]
    form, formset = _activity_forms(request, request.user, initial, quantities)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with refusal(request) as refused:
            update_activity(activity, _data_from(form, formset), user=request.user)
        if not refused:
            messages.success(request, "已保存")
            return redirect("activities:detail", activity.pk)
    return render(
        request,
        "activities/form.html",
        {"form": form, "formset": formset, "title": f"修改：{activity.title}", "activity": activity},
    )


@page(Cap.VIEW_RECORDS)
def activity_detail(request, pk: int):
    activity = get_object_or_404(
        visible(request.user, Activity.objects.select_related("kind", "occasion", "organiser", "region", "pair")),
        pk=pk,
    )
    recipients = _shown_recipients(activity, request.user)
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "quantities": activity.quantities.select_related("kind"),
            "recipients": recipients,
            "recipient_totals": {
                "households": sum(1 for r in recipients if r.is_household),
                "money": sum(r.money_fen for r in recipients),
            },
            "recipient_form": f.RecipientForm(user=request.user),
            "can_edit": request.user.can(Cap.EDIT_RECORDS),
            "archive_ready": _archive_ready(),
        },
    )


def _shown_recipients(activity: Activity, user) -> list:
    """The visit's recipients, each registry person's ID number as the user may see it (`shown_id`)."""
    recipients = list(activity.recipients.select_related("person__region", "garrison"))
    full = may_see_full_numbers(user)
    for recipient in recipients:
        if recipient.person_id:
            number = recipient.person.id_number
            recipient.shown_id = number if full else idnumber.mask(number)
    return recipients


def visit_or_404(request, pk: int) -> Activity:
    """A 慰问 activity the user may see (another kind has no recipients to list or add)."""
    related = ("kind", "organiser", "region")
    activity = get_object_or_404(visible(request.user, Activity.objects.select_related(*related)), pk=pk)
    if not activity.kind.is_visit:
        raise Http404("该活动不是慰问活动")
    return activity


@page(Cap.VIEW_RECORDS)
def sign_sheet(request, pk: int):
    """慰问金签领表: a printable list of the visit's recipients with their money and a column to sign."""
    activity = visit_or_404(request, pk)
    recipients = _shown_recipients(activity, request.user)
    money = sum(r.money_fen for r in recipients)
    context = {"activity": activity, "recipients": recipients, "money": money, "capital": yuan_capital(money)}
    return render(request, "activities/sign_sheet.html", {**context, "office": request.user.office_name})


@page(Cap.EDIT_RECORDS)
def activity_delete(request, pk: int):
    activity = get_object_or_404(visible(request.user, Activity.objects.all()), pk=pk)
    if request.method != "POST":
        return redirect("activities:detail", pk)
    try:
        delete_activity(activity, user=request.user)
    except REFUSALS as exc:
        messages.error(request, str(exc))
        return redirect("activities:detail", pk)
    messages.success(request, f"已删除：{activity.title}")
    return redirect("activities:index")


@page(Cap.EDIT_RECORDS)
def recipient_add(request, pk: int):
    activity = get_object_or_404(visible(request.user, Activity.objects.all()), pk=pk)
    form = f.RecipientForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal(request) as refused:
            person = find_person(request.user, data["who"]) if data.get("who") else None
            visits.add_recipient(
                activity,
                person=person,
                household=data.get("household", ""),
                garrison=data.get("garrison"),
                money_fen=f.yuan_to_fen(data.get("money")),
                gifts=data.get("gifts", ""),
                user=request.user,
            )
        if not refused:
            messages.success(request, "已添加慰问对象")
    elif request.method == "POST":
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("activities:detail", pk)


@page(Cap.EDIT_RECORDS)
def recipient_remove(request, pk: int, recipient: int):
    found = get_object_or_404(visible(request.user, VisitRecipient.objects.filter(activity_id=pk)), pk=recipient)
    if request.method == "POST":
        with refusal(request) as refused:
            visits.remove_recipient(found, user=request.user)
        if not refused:
            messages.success(request, "已移除慰问对象")
    return redirect("activities:detail", pk)


# -- visits -------------------------------------------------------------------------------------------------------


@page(Cap.VIEW_RECORDS)
def visit_overview(request):
    """慰问: households and money by occasion for the year, and the visits themselves."""
    year = year_shown(request)
    recipients = visible(request.user, VisitRecipient.objects.filter(activity__date__year=year))
    names = dict(Occasion.objects.values_list("code", "name"))
    by_occasion = [
        {
            "occasion": names.get(row["activity__occasion"], "（未注明时机）"),
            "households": row["households"],
            "garrisons": row["garrisons"],
            "money": row["money"] or 0,
        }
        for row in recipients.values("activity__occasion")
        .annotate(
            households=Count("id", filter=Q(garrison__isnull=True)),
            garrisons=Count("id", filter=Q(garrison__isnull=False)),
            money=Sum("money_fen"),
        )
        .order_by("activity__occasion")
    ]
    visit_list = (
        visible(request.user, Activity.objects.filter(date__year=year, kind__is_visit=True))
        .select_related("occasion", "organiser", "region")
        .annotate(n=Count("recipients"), money=Sum("recipients__money_fen"))
        .order_by("-money", "-date")
    )
    return render(
        request,
        "activities/visits.html",
        {
            "year": year,
            "by_occasion": by_occasion,
            "totals": {
                "households": sum(r["households"] for r in by_occasion),
                "garrisons": sum(r["garrisons"] for r in by_occasion),
                "money": sum(r["money"] for r in by_occasion),
            },
            "visits": visit_list[:200],
        },
    )


# -- pairs --------------------------------------------------------------------------------------------------------


@page(Cap.VIEW_RECORDS)
def pair_list(request):
    qs = visible(request.user, Pair.objects.select_related("partner", "garrison", "region", "organiser"))
    qs = qs.annotate(n=Count("activities")).order_by("status", "region", "partner__name")
    return render(request, "activities/pairs.html", {"pairs": qs, "can_edit": request.user.can(Cap.EDIT_RECORDS)})


@page(Cap.EDIT_RECORDS)
def pair_new(request):
    form = f.PairForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with refusal(request) as refused:
            pair = pairs.open_pair(**form.cleaned_data, user=request.user)
        if not refused:
            messages.success(request, f"已登记共建对子：{pair}")
            return redirect("activities:pair", pair.pk)
    return render(request, "activities/simple_form.html", {"form": form, "title": "登记军民共建对子"})


@page(Cap.VIEW_RECORDS)
def pair_detail(request, pk: int):
    pair = get_object_or_404(visible(request.user, Pair.objects.select_related("partner", "garrison")), pk=pk)
    form = f.EndPairForm(request.POST or None)
    if request.method == "POST":
        _require_edit(request.user)
        if form.is_valid():
            with refusal(request) as refused:
                pairs.end_pair(pair, on=form.cleaned_data["on"], note=form.cleaned_data["note"], user=request.user)
            if not refused:
                messages.success(request, "已终止该共建对子")
            return redirect("activities:pair", pk)
    return render(
        request,
        "activities/pair_detail.html",
        {
            "pair": pair,
            "activities": visible(request.user, pair.activities.select_related("kind")).order_by("-date"),
            "end_form": form,
            "can_edit": request.user.can(Cap.EDIT_RECORDS),
        },
    )


# -- 帮扶 cases -----------------------------------------------------------------------------------------------------


@page(Cap.VIEW_RECORDS)
def case_list(request):
    form = f.CaseFilterForm(request.GET or None, initial={"status": "open"})
    qs = visible(request.user, HelpCase.objects.select_related("person", "person__region", "kind", "unit"))
    data = form.cleaned_data if form.is_valid() else {"status": "open"}
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("year"):
        qs = qs.filter(opened__year=data["year"])
    totals = qs.aggregate(count=Count("id"), money=Sum("money_fen"))
    page = Paginator(qs.order_by("-opened", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/cases.html",
        {"form": form, "page": page, "totals": totals, "can_edit": request.user.can(Cap.EDIT_RECORDS)},
    )


@page(Cap.EDIT_RECORDS)
def case_new(request):
    form = f.CaseForm(request.POST or None, user=request.user, initial={"who": request.GET.get("who", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal(request) as refused:
            case = cases.open_case(
                person=find_person(request.user, data["who"]),
                kind=data["kind"],
                opened=data["opened"],
                description=data["description"],
                unit=data.get("unit"),
                user=request.user,
            )
        if not refused:
            messages.success(request, f"已受理：{case}")
            return redirect("activities:case", case.pk)
    return render(request, "activities/simple_form.html", {"form": form, "title": "受理帮扶事项"})


@page(Cap.VIEW_RECORDS)
def case_detail(request, pk: int):
    case = get_object_or_404(
        visible(request.user, HelpCase.objects.select_related("person", "person__region", "kind", "unit")), pk=pk
    )
    number = case.person.id_number
    return render(
        request,
        "activities/case_detail.html",
        {
            "case": case,
            "shown_id": number if may_see_full_numbers(request.user) else idnumber.mask(number),
            "steps": case.steps.select_related("recorded_by"),
            "step_form": f.StepForm(),
            "close_form": f.CloseForm(),
            "can_edit": request.user.can(Cap.EDIT_RECORDS),
            "archive_ready": _archive_ready(),
        },
    )


@page(Cap.EDIT_RECORDS)
def case_action(request, pk: int, action: str):
    case = get_object_or_404(visible(request.user, HelpCase.objects.all()), pk=pk)
    if request.method != "POST":
        return redirect("activities:case", pk)
    form = (f.StepForm if action == "step" else f.CloseForm)(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("activities:case", pk)
    data = form.cleaned_data
    with refusal(request) as refused:
        if action == "step":
            cases.add_step(
                case, on=data["on"], action=data["action"], money_fen=f.yuan_to_fen(data["money"]), user=request.user
            )
        elif action == "close":
            cases.close_case(case, on=data["on"], outcome=data["outcome"], user=request.user)
        else:
            raise PermissionDenied("未知操作")
    if not refused:
        messages.success(request, "已登记")
    return redirect("activities:case", pk)
