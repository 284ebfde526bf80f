"""慰问 many households at once: the registry's own filters pick them, each row ticked with its amount (editable),
one post adds them all or none."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.activities.forms import yuan_to_fen
from shuangyong.activities.services import visits
from shuangyong.activities.services.records import ActivitiesError
from shuangyong.activities.views import visit_or_404
from shuangyong.refusals import refusal
from shuangyong.registry import idnumber
from shuangyong.registry.forms import PersonFilterForm
from shuangyong.registry.models import Person
from shuangyong.registry.services.export import may_see_full_numbers
from shuangyong.registry.services.search import search_persons

LIMIT = 300  # a village's or a category's list; more than this is narrowed first


def _fen(text: str, person: Person) -> int:
    try:
        amount = Decimal(text.strip() or "0")
    except InvalidOperation:
        raise ActivitiesError(f"{person.name}：慰问金“{text}”不是金额（元，如 500 或 500.00）") from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ActivitiesError(f"{person.name}：慰问金须为不小于0、最多两位小数的金额（元）")
    return yuan_to_fen(amount)


@page(Cap.EDIT_RECORDS)
def recipients_batch(request, pk: int):
    activity = visit_or_404(request, pk)
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("person") if i.isdigit()]
        chosen = {p.pk: p for p in visible(request.user, Person.objects.filter(pk__in=ids))}
        if len(chosen) != len(set(ids)):
            raise Http404("所选人员不在您的管辖范围内")
        with refusal(request) as refused:
            amounts = {chosen[i]: _fen(request.POST.get(f"money_{i}", ""), chosen[i]) for i in ids}
            added = visits.add_households(activity, amounts=amounts, gifts=request.POST.get("gifts", ""),
                                          user=request.user)  # fmt: skip
        if not refused:
            messages.success(
                request, f"已添加慰问对象{added}户" + ("（已在名单中的未重复添加）" if added < len(ids) else "")
            )
            return redirect("activities:detail", pk)
    form = PersonFilterForm(request.GET or None)
    persons = list(search_persons(request.user, form.to_filter()).filter(death_date__isnull=True)[: LIMIT + 1])
    listed = set(activity.recipients.values_list("person_id", flat=True))
    full = may_see_full_numbers(request.user)
    for person in persons:
        person.shown_id = person.id_number if full else idnumber.mask(person.id_number)
        person.listed = person.pk in listed
    context = {"activity": activity, "form": form, "persons": persons[:LIMIT], "more": len(persons) > LIMIT,
               "amount": request.GET.get("amount", ""), "limit": LIMIT}  # fmt: skip
    return render(request, "activities/recipients_batch.html", context)
