"""征兵与优待 pages: thin views over the services; refusals become messages, scope refusals 403."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.conscription import exports
from shuangyong.conscription.forms import (
    AwardForm,
    CandidateForm,
    FamilyForm,
    FilterForm,
    HonorForm,
    MemberForm,
    QuotaForm,
    RuleForm,
    StepForm,
)
from shuangyong.conscription.models import (
    Allowance,
    Award,
    Candidate,
    FamilyMember,
    MeritIncrement,
    MeritReward,
    Quota,
    ServiceMember,
)
from shuangyong.conscription.presenters import allowance_rows, shown_account, shown_id, town_table
from shuangyong.conscription.services import awards as award_svc
from shuangyong.conscription.services import candidates as svc
from shuangyong.conscription.services import members as member_svc
from shuangyong.conscription.services.allowances import percent_text, refresh_allowances
from shuangyong.conscription.services.errors import ConscriptionError
from shuangyong.money import yuan_text
from shuangyong.refusals import refusal
from shuangyong.regions.models import Region
from shuangyong.registry.services.export import reveal_full_numbers
from shuangyong.registry.services.search import id_number_q

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _candidates(request, form: FilterForm, year: int):
    rows = visible(request.user, Candidate.objects.filter(year=year))
    if form.is_valid():
        if form.cleaned_data["season"]:
            rows = rows.filter(season=form.cleaned_data["season"])
        q = form.cleaned_data["q"].strip()
        if q:
            rows = rows.filter(Q(name__contains=q) | id_number_q(q))
    return rows


def _quality(sent) -> dict:
    total = sent.count()

    def pct(n):
        return f"{Decimal(n * 100) / total:.1f}%" if total else "—"

    return {
        "sent": total,
        "senior": pct(sent.filter(education__senior_high_or_above=True).count()),
        "college": pct(sent.filter(Q(education__college=True) | ~Q(student_status="")).count()),
        "party": pct(sent.filter(political__in=["party", "league"]).count()),
    }


@page(Cap.VIEW_RECORDS)
def index(request):
    form = FilterForm(request.GET or None)
    year = form.year_or_now()
    candidates = _candidates(request, form, year)
    quotas = visible(request.user, Quota.objects.filter(year=year))
    if form.is_valid() and form.cleaned_data["season"]:
        quotas = quotas.filter(season=form.cleaned_data["season"])
    page = Paginator(candidates.select_related("region", "education"), PAGE_SIZE).get_page(request.GET.get("page"))
    reveal_full_numbers(request.user, what="征兵对象列表", count=len(page), where=request.get_full_path())
    for c in page:
        c.shown_id = shown_id(request.user, c.id_number)
    sent = candidates.filter(dispatched_on__isnull=False, returned_on__isnull=True)
    context = {
        "form": form,
        "year": year,
        "towns": town_table(candidates, quotas),
        "quality": _quality(sent),
        "returned": candidates.filter(returned_on__isnull=False).count(),
        "page": page,
        "can_edit": request.user.can(Cap.EDIT_RECORDS),
        "quota_form": QuotaForm(user=request.user, initial={"year": year}),
    }
    return render(request, "conscription/index.html", context)


@page(Cap.EDIT_RECORDS)
@require_POST
def quota_set(request):
    form = QuotaForm(request.POST, user=request.user)
    if form.is_valid():
        d = form.cleaned_data
        with refusal(request):
            region = get_object_or_404(Region, code=d["region"])
            svc.set_quota(region, year=d["year"], season=d["season"], quota=d["quota"], user=request.user)
            messages.success(request, f"已保存 {region.name} {d['year']} 年任务数 {d['quota']} 人")
    else:
        messages.error(request, "任务数填写有误：" + "；".join(e for errs in form.errors.values() for e in errs))
    return redirect(reverse("conscription:index") + f"?year={form.data.get('year', '')}")


@page(Cap.EDIT_RECORDS)
def candidate_new(request):
    today = timezone.localdate()
    form = CandidateForm(
        request.POST or None,
        user=request.user,
        initial={"year": today.year, "season": "autumn", "registered_on": today, "political": "masses"},
    )
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        d["region"] = get_object_or_404(Region, code=d["region"])
        with refusal(request, form) as refused:
            candidate = svc.register_candidate(user=request.user, **d)
        if not refused:
            messages.success(request, f"已登记报名：{candidate.name}")
            return redirect("conscription:candidate", pk=candidate.pk)
    return render(request, "conscription/candidate_form.html", {"form": form})


@page(Cap.VIEW_RECORDS)
def candidate_detail(request, pk: int):
    candidate = get_object_or_404(visible(request.user, Candidate.objects.all()), pk=pk)
    reveal_full_numbers(request.user, what=f"征兵对象 {candidate.name}（{candidate.pk}）")
    context = {
        "c": candidate,
        "shown_id": shown_id(request.user, candidate.id_number),
        "can_edit": request.user.can(Cap.EDIT_RECORDS),
        "step_form": StepForm(initial={"on": timezone.localdate()}),
        "member": ServiceMember.objects.filter(candidate=candidate).first(),
    }
    return render(request, "conscription/candidate_detail.html", context)


@page(Cap.EDIT_RECORDS)
@require_POST
def candidate_step(request, pk: int, step: str):
    candidate = get_object_or_404(visible(request.user, Candidate.objects.all()), pk=pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写日期")
        return redirect("conscription:candidate", pk=pk)
    d, user = form.cleaned_data, request.user
    actions = {
        "exam": lambda: svc.record_exam(candidate, on=d["on"], passed=bool(d["passed"]), user=user),
        "review": lambda: svc.record_review(candidate, on=d["on"], passed=bool(d["passed"]), user=user),
        "approve": lambda: svc.approve_candidate(candidate, on=d["on"], user=user),
        "dispatch": lambda: svc.dispatch_candidate(
            candidate, on=d["on"], military_unit=d["military_unit"] or "", user=user
        ),
        "return": lambda: svc.return_recruit(
            candidate, on=d["on"], reason=d["reason"], responsibility=d["responsibility"] or "", user=user
        ),
    }
    if step not in actions:
        raise PermissionDenied("未知的办理环节")
    with refusal(request):
        actions[step]()
        candidate.refresh_from_db()
        messages.success(request, f"{candidate.name}：{candidate.get_stage_display()}")
    return redirect("conscription:candidate", pk=pk)


@page(Cap.VIEW_RECORDS)
def member_list(request):
    q = request.GET.get("q", "").strip()
    members = visible(request.user, ServiceMember.objects.select_related("region"))
    if request.GET.get("serving") != "all":
        members = members.filter(discharge_date__isnull=True)
    if q:
        members = members.filter(Q(name__contains=q) | id_number_q(q))
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    reveal_full_numbers(request.user, what="现役军人列表", count=len(page), where=request.get_full_path())
    for m in page:
        m.shown_id = shown_id(request.user, m.id_number)
    return render(
        request, "conscription/member_list.html", {"page": page, "q": q, "can_edit": request.user.can(Cap.EDIT_RECORDS)}
    )


@page(Cap.VIEW_RECORDS)
def member_detail(request, pk: int):
    member = get_object_or_404(visible(request.user, ServiceMember.objects.select_related("region")), pk=pk)
    family = list(FamilyMember.objects.filter(member=member).select_related("entitlement__person"))
    reveal_full_numbers(request.user, what=f"现役军人 {member.name}（{member.pk}）及家属", count=1 + len(family))
    for f in family:
        person = f.entitlement.person
        f.shown_id = shown_id(request.user, person.id_number)
        f.shown_account = shown_account(request.user, person.bank_account)
        f.is_payee = f.entitlement_id == member.payee_id
    awards = list(Award.objects.filter(member=member).select_related("kind", "reward_grant", "delivery"))
    for a in awards:
        a.reward_yuan = yuan_text(a.reward_grant.amount_fen) if a.reward_grant_id else "—"
    context = {
        "m": member,
        "shown_id": shown_id(request.user, member.id_number),
        "family": family,
        "allowances": allowance_rows(member),
        "awards": awards,
        "can_edit": request.user.can(Cap.EDIT_RECORDS),
        "family_form": FamilyForm(initial={"on": timezone.localdate()}),
        "member_form": MemberForm(
            initial={
                "military_unit": member.military_unit,
                "rank_kind": member.rank_kind,
                "plaque_hung_on": member.plaque_hung_on,
                "discharge_date": member.discharge_date,
            }
        ),
        "award_form": AwardForm(initial={"awarded_on": timezone.localdate(), "military_unit": member.military_unit}),
        "honor_form": HonorForm(initial={"on": timezone.localdate()}),
    }
    return render(request, "conscription/member_detail.html", context)


@page(Cap.EDIT_RECORDS)
@require_POST
def member_action(request, pk: int, action: str):
    member = get_object_or_404(visible(request.user, ServiceMember.objects.all()), pk=pk)
    user = request.user
    with refusal(request):
        if action == "family":
            form = FamilyForm(request.POST)
            if not form.is_valid():
                raise ConscriptionError("家属信息填写有误：" + "；".join(e for es in form.errors.values() for e in es))
            d = form.cleaned_data
            member_svc.add_family_member(
                member,
                id_number=d["id_number"],
                name=d["name"],
                relation=d["relation"],
                on=d["on"],
                payee=d["payee"],
                bank_name=d["bank_name"],
                bank_account=d["bank_account"],
                phone=d["phone"],
                user=user,
            )
            messages.success(request, f"已登记家属：{d['name']}")
        elif action == "update":
            form = MemberForm(request.POST)
            if not form.is_valid():
                raise ConscriptionError("填写有误：" + "；".join(e for es in form.errors.values() for e in es))
            d = form.cleaned_data
            member_svc.update_member(
                member,
                military_unit=d["military_unit"],
                rank_kind=d["rank_kind"],
                plaque_hung_on=d["plaque_hung_on"],
                user=user,
            )
            if d["discharge_date"] and d["discharge_date"] != member.discharge_date:
                member_svc.discharge_member(member, on=d["discharge_date"], user=user)
            messages.success(request, "已保存")
        elif action == "award":
            form = AwardForm(request.POST)
            if not form.is_valid():
                raise ConscriptionError("奖励信息填写有误：" + "；".join(e for es in form.errors.values() for e in es))
            d = form.cleaned_data
            award_svc.record_award(
                member, kind=d["kind"], awarded_on=d["awarded_on"], military_unit=d["military_unit"], user=user
            )
            messages.success(request, f"已登记{d['kind'].name}")
        elif action == "honor":
            award = get_object_or_404(Award, pk=request.POST.get("award"), member=member)
            form = HonorForm(request.POST)
            if not form.is_valid():
                raise ConscriptionError("请填写送喜报日期和领导及单位")
            award_svc.deliver_honor(
                award, on=form.cleaned_data["on"], delivered_by=form.cleaned_data["delivered_by"], user=user
            )
            messages.success(request, "已登记送喜报")
        elif action == "allowances":
            refresh_allowances(member, user=user)
            messages.success(request, "已核算优待金与奖励金")
        else:
            raise PermissionDenied("未知的办理事项")
    return redirect("conscription:member", pk=pk)


@page(Cap.VIEW_RECORDS)
def tables(request):
    can_manage = request.user.can(Cap.MANAGE_STANDARDS)
    form = RuleForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("您的角色无权维护优待金与奖励标准")
        if form.is_valid():
            d = form.cleaned_data
            region = request.user.region
            with refusal(request):
                if d["table"] == "increment":
                    award_svc.save_increment(
                        award_kind=d["award_kind"],
                        region=region,
                        valid_from=d["valid_from"],
                        increment_bp=int(d["value"] * 100),
                        note=d["note"],
                        user=request.user,
                    )
                else:
                    award_svc.save_reward(
                        award_kind=d["award_kind"],
                        region=region,
                        valid_from=d["valid_from"],
                        amount_fen=int(d["value"] * 100),
                        note=d["note"],
                        user=request.user,
                    )
                messages.success(request, "已保存")
            return redirect("conscription:tables")
    increments = list(visible(request.user, MeritIncrement.objects.select_related("award_kind", "region")))
    rewards = list(visible(request.user, MeritReward.objects.select_related("award_kind", "region")))
    for r in increments:
        r.shown = percent_text(r.increment_bp)
    for r in rewards:
        r.shown = yuan_text(r.amount_fen)
    context = {
        "increments": increments,
        "rewards": rewards,
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "conscription/tables.html", context)


@page(Cap.VIEW_RECORDS)
def export_candidates(request):
    form = FilterForm(request.GET or None)
    year = form.year_or_now()
    data = exports.candidate_roster(request.user, _candidates(request, form, year), year)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="candidates-{year}.xlsx"'
    return response


@page(Cap.VIEW_RECORDS)
def export_allowances(request):
    year = FilterForm(request.GET or None).year_or_now()
    rows = visible(request.user, Allowance.objects.filter(year_start__year=year, amount_fen__gt=0))
    data = exports.allowance_roster(request.user, rows.order_by("member__name", "service_year"), year)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="allowances-{year}.xlsx"'
    return response
