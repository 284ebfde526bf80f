"""Pages for moves between counties: the list of incoming and outgoing transfers, one transfer with the
destination's 迁入 / 退回, and 迁出 or 迁入（系统外） from the person page. The services decide; these report."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.refusals import refusal
from shuangyong.registry.forms_transfers import AcceptTransferForm, ArrivalForm, ReturnTransferForm, SendTransferForm
from shuangyong.registry.models import Person, Transfer
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services import transfers as moves


def _form_errors(form) -> str:
    return "；".join(str(e) for errors in form.errors.values() for e in errors)


@page(Cap.VIEW_RECORDS)
def transfer_list(request):
    related = ("person", "from_region", "to_county", "to_region")
    incoming = moves.incoming(request.user).select_related(*related)
    outgoing = visible(request.user, Transfer.objects.all()).select_related(*related)
    return render(
        request,
        "registry/transfers.html",
        {
            "pending": incoming.filter(state=Transfer.State.SENT),
            "received": incoming.exclude(state=Transfer.State.SENT)[:100],
            "outgoing": outgoing[:200],
        },
    )


@page(Cap.VIEW_RECORDS)
def transfer_detail(request, pk: int):
    transfer = get_object_or_404(moves.related_to(request.user).select_related("person", "from_region"), pk=pk)
    destination_side = moves.incoming(request.user).filter(pk=pk).exists()
    can_decide = destination_side and transfer.state == Transfer.State.SENT and request.user.can(Cap.EDIT_RECORDS)
    accept = AcceptTransferForm(transfer=transfer, user=request.user) if can_decide else None
    return render(
        request,
        "registry/transfer.html",
        {
            "transfer": transfer,
            "entitlements": transfer.person.entitlements.select_related("category"),
            "accept_form": accept,
            "return_form": ReturnTransferForm() if can_decide else None,
        },
    )


@page(Cap.EDIT_RECORDS)
def transfer_accept(request, pk: int):
    if request.method != "POST":
        return redirect("registry:transfer", pk)
    transfer = get_object_or_404(moves.incoming(request.user), pk=pk)
    form = AcceptTransferForm(request.POST, transfer=transfer, user=request.user)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("registry:transfer", pk)
    with refusal(request) as refused:
        moves.accept_transfer(
            transfer, on=form.cleaned_data["on"], region=form.cleaned_data["region"], user=request.user
        )
    if refused:
        return redirect("registry:transfer", pk)
    messages.success(request, f"已接收：{transfer.person.name}自{transfer.pay_until:%Y}年12月后由本县发放")
    return redirect("registry:detail", transfer.person_id)


@page(Cap.EDIT_RECORDS)
def transfer_return(request, pk: int):
    if request.method != "POST":
        return redirect("registry:transfer", pk)
    transfer = get_object_or_404(moves.incoming(request.user), pk=pk)
    form = ReturnTransferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("registry:transfer", pk)
    with refusal(request) as refused:
        moves.return_transfer(transfer, reason=form.cleaned_data["reason"], user=request.user)
    if not refused:
        messages.success(request, "已退回迁出地")
    return redirect("registry:transfers")


@page(Cap.EDIT_RECORDS)
def transfer_send(request, pk: int):
    """迁出 from the person page."""
    person = get_object_or_404(visible(request.user, Person.objects.all()), pk=pk)
    form = SendTransferForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal(request, form) as refused:
            moves.send_transfer(
                person,
                on=data["on"],
                to_county=data["to_county"],
                destination=(data["destination"] or "").strip(),
                files_handed=data["files_handed"],
                user=request.user,
            )
        if not refused:
            messages.success(request, "已登记迁出：迁出当年12月前仍由本县发放")
            return redirect("registry:detail", pk)
    return render(request, "web/form.html", {"form": form, "title": f"迁出（跨县迁移）：{person.name}"})


@page(Cap.EDIT_RECORDS)
def arrival(request, pk: int):
    """迁入 from outside this system, for a person registered here."""
    person = get_object_or_404(visible(request.user, Person.objects.all()), pk=pk)
    form = ArrivalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal(request, form) as refused:
            life.record_arrival(
                person, on=data["on"], origin=data["origin"], paid_through=data["paid_through"], user=request.user
            )
        if not refused:
            messages.success(request, "已登记迁入")
            return redirect("registry:detail", pk)
    return render(request, "web/form.html", {"form": form, "title": f"迁入（自本系统以外）：{person.name}"})


@page(Cap.EDIT_RECORDS)
def entitlement_change(request, pk: int, entitlement_id: int):
    """变更类别、等级与性质、供养方式 of one entitlement, effective from a date."""
    from shuangyong.registry.forms import EntitlementChangeForm
    from shuangyong.registry.models import Entitlement

    person = get_object_or_404(visible(request.user, Person.objects.all()), pk=pk)
    ent = get_object_or_404(Entitlement.objects.select_related("category"), pk=entitlement_id, person=person)
    form = EntitlementChangeForm(request.POST or None, entitlement=ent)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal(request, form) as refused:
            life.change_entitlement(
                ent,
                on=data["on"],
                category=data["category"],
                grade=data.get("disability_grade"),
                nature=data.get("disability_nature"),
                support_mode=data.get("support_mode"),
                certificate_no=data.get("certificate_no") or None,
                user=request.user,
            )
        if not refused:
            messages.success(request, "已变更：自生效日期起按新的条件计发，已发月份下次计算时补发或追缴差额")
            return redirect("registry:detail", pk)
    return render(request, "web/form.html", {"form": form, "title": f"变更待遇资格：{person.name}·{ent.category.name}"})
