"""增发项目 of one entitlement: the enrolments with their dates, a new one, or an end — through the service."""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.benefits.models import BenefitKind, Enrolment
from shuangyong.benefits.services.enrolments import end_enrolment, enrol
from shuangyong.refusals import refusal
from shuangyong.registry.models import Entitlement

DATE = forms.DateInput(attrs={"type": "date"})


class EnrolForm(forms.Form):
    kind = forms.ModelChoiceField(label="增发项目", queryset=BenefitKind.objects.filter(requires_enrolment=True))
    valid_from = forms.DateField(label="起始日期", widget=DATE)
    note = forms.CharField(label="依据或说明", required=False, max_length=200)


class EndForm(forms.Form):
    valid_to = forms.DateField(label="终止日期", widget=DATE)
    reason = forms.CharField(label="原因", required=False, max_length=200)


@page(Cap.VIEW_RECORDS)
def enrolments(request, entitlement_id: int):
    ent = get_object_or_404(
        visible(request.user, Entitlement.objects.select_related("person", "category")), pk=entitlement_id
    )
    can_edit = request.user.can(Cap.EDIT_RECORDS)
    form = EnrolForm(request.POST or None, initial={"valid_from": date.today()})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("您的角色不能登记增发项目")
        if form.is_valid():
            data = form.cleaned_data
            with refusal(request, form) as refused:
                enrol(ent, kind=data["kind"], valid_from=data["valid_from"], note=data["note"], user=request.user)
            if not refused:
                messages.success(request, f"已登记{data['kind'].name}：自起始日期起随待遇发放，已发月份下次计算时补发")
                return redirect("benefits:enrolments", ent.pk)
    return render(
        request,
        "benefits/enrolments.html",
        {
            "ent": ent,
            "rows": Enrolment.objects.filter(entitlement=ent).select_related("kind").order_by("-valid_from"),
            "form": form if can_edit else None,
            "end_form": EndForm(initial={"valid_to": date.today()}) if can_edit else None,
        },
    )


@page(Cap.EDIT_RECORDS)
def enrolment_end(request, pk: int):
    if request.method != "POST" or not request.user.can(Cap.EDIT_RECORDS):
        raise PermissionDenied("您的角色不能终止增发项目")
    row = get_object_or_404(visible(request.user, Enrolment.objects.select_related("entitlement")), pk=pk)
    form = EndForm(request.POST)
    if form.is_valid():
        with refusal(request) as refused:
            end_enrolment(
                row, valid_to=form.cleaned_data["valid_to"], reason=form.cleaned_data["reason"], user=request.user
            )
        if not refused:
            messages.success(request, "已终止：终止日期所在月之后不再发放，已发月份下次计算时追缴")
    else:
        messages.error(request, "请填写终止日期")
    return redirect("benefits:enrolments", row.entitlement_id)
