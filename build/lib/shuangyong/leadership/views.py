from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible, writable
from shuangyong.leadership import services
from shuangyong.leadership.choices import Body, DecisionStatus
from shuangyong.leadership.forms import CompleteForm, DecisionForm, EndTermForm, MeetingForm, MemberForm, SuccessorForm
from shuangyong.leadership.models import Decision, GroupMember, Meeting
from shuangyong.leadership.places import can_keep, default_region, readable_regions
from shuangyong.refusals import refusal


def _viewer(user):
    if not user.can(Cap.VIEW_RECORDS):
        raise PermissionDenied("您的角色不能查看领导小组")


def _region(request, code: str | None = None):
    regions = readable_regions(request.user)
    code = code or request.GET.get("region", "")
    chosen = next((r for r in regions if r.code == code), None) if code else default_region(request.user, regions)
    if chosen is None:
        raise Http404("未找到该区划，或不在您的管辖范围内")
    return regions, chosen


@page(Cap.VIEW_RECORDS)
def index(request):
    _viewer(request.user)
    regions, region = _region(request)
    today = timezone.localdate()
    history = GroupMember.objects.filter(region=region, end__lt=today).select_related("unit").order_by("-end")
    meetings = visible(request.user, Meeting.objects.filter(region=region).select_related("kind"))
    decisions = visible(request.user, Decision.objects.filter(meeting__region=region, status=DecisionStatus.OPEN))
    decisions = decisions.select_related("meeting", "owner_unit").order_by("due", "pk")
    return render(
        request,
        "leadership/index.html",
        {
            "regions": regions,
            "region": region,
            "today": today,
            "group": services.group_on(region, today),
            "office": services.group_on(region, today, Body.OFFICE),
            "history": history,
            "meetings": meetings.prefetch_related("decisions")[:30],
            "decisions": [(d, d.is_overdue(today)) for d in decisions],
            "can_keep": can_keep(request.user, region),
        },
    )


def _back(code: str):
    return redirect(f"{reverse('leadership:index')}?region={code}")


def _keeper(request, region):
    if not can_keep(request.user, region):
        raise PermissionDenied("该区划的领导小组不在您的维护范围内")


@page(Cap.EDIT_RECORDS)
def member_create(request, code: str):
    _, region = _region(request, code)
    _keeper(request, region)
    form = MemberForm(request.POST or None, initial={"body": request.GET.get("body", Body.GROUP)})
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            fields = form.cleaned_data
            member = services.appoint_member(region=region, user=request.user, **fields)
        if not refused:
            messages.success(request, f"已登记：{member}")
            return _back(region.code)
    return render(request, "web/form.html", {"form": form, "title": f"{region.name}：登记领导小组或双拥办成员"})


def _member(request, pk: int) -> GroupMember:
    member = get_object_or_404(visible(request.user, GroupMember.objects.select_related("region")), pk=pk)
    _keeper(request, member.region)
    return member


@page(Cap.EDIT_RECORDS)
def member_edit(request, pk: int):
    member = _member(request, pk)
    form = MemberForm(request.POST or None, instance=GroupMember.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            services.update_member(member, user=request.user, **form.cleaned_data)
        if not refused:
            messages.success(request, f"已保存：{member.name}")
            return _back(member.region_id)
    return render(request, "web/form.html", {"form": form, "title": f"修改：{member}"})


@page(Cap.EDIT_RECORDS)
def member_end(request, pk: int):
    member = _member(request, pk)
    form = EndTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            services.end_term(member, form.cleaned_data["end"], user=request.user)
        if not refused:
            messages.success(request, f"{member.name}已离任")
            return _back(member.region_id)
    return render(request, "web/form.html", {"form": form, "title": f"离任：{member}"})


@page(Cap.EDIT_RECORDS)
def member_replace(request, pk: int):
    member = _member(request, pk)
    form = SuccessorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            successor = services.replace_member(member, user=request.user, **form.cleaned_data)
        if not refused:
            messages.success(request, f"{successor.name}接任{successor.get_post_display()}，{member.name}的任职已结束")
            return _back(member.region_id)
    return render(request, "web/form.html", {"form": form, "title": f"替换：{member}"})


def _meeting_fields(form):
    fields = dict(form.cleaned_data)
    return fields.pop("attendees"), fields


@page(Cap.EDIT_RECORDS)
def meeting_create(request, code: str):
    _, region = _region(request, code)
    _keeper(request, region)
    form = MeetingForm(request.POST or None, region_code=region.code, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        attendees, fields = _meeting_fields(form)
        with refusal(request, form) as refused:
            meeting = services.record_meeting(region=region, user=request.user, attendees=attendees, **fields)
        if not refused:
            messages.success(request, f"已登记会议：{meeting.title}")
            return redirect("leadership:meeting", meeting.pk)
    return render(request, "leadership/meeting_form.html", {"form": form, "title": f"{region.name}：登记会议"})


@page(Cap.EDIT_RECORDS)
def meeting_edit(request, pk: int):
    meeting = get_object_or_404(writable(request.user, Meeting.objects.all()), pk=pk)
    _keeper(request, meeting.region)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk), region_code=meeting.region_id)
    if request.method == "POST" and form.is_valid():
        attendees, fields = _meeting_fields(form)
        with refusal(request, form) as refused:
            services.update_meeting(meeting, user=request.user, attendees=attendees, **fields)
        if not refused:
            messages.success(request, "会议已保存")
            return redirect("leadership:meeting", meeting.pk)
    return render(request, "leadership/meeting_form.html", {"form": form, "title": f"修改会议：{meeting.title}"})


def _has_archive() -> bool:
    try:
        get_template("archive/_attachments.html")
    except TemplateDoesNotExist:
        return False
    return True


@page(Cap.VIEW_RECORDS)
def meeting_detail(request, pk: int):
    _viewer(request.user)
    meeting = get_object_or_404(visible(request.user, Meeting.objects.select_related("region", "kind")), pk=pk)
    today = timezone.localdate()
    decisions = visible(request.user, meeting.decisions.select_related("owner_unit"))
    writable_ids = set(writable(request.user, meeting.decisions.all()).values_list("pk", flat=True))
    keeper = can_keep(request.user, meeting.region)
    return render(
        request,
        "leadership/meeting.html",
        {
            "meeting": meeting,
            "attendees": meeting.attendees.order_by("body", "post"),
            "decisions": [(d, d.is_overdue(today), d.pk in writable_ids) for d in decisions],
            "can_keep": keeper,
            "decision_form": DecisionForm() if keeper else None,
            "complete_form": CompleteForm(initial={"done_on": today}),
            "has_archive": _has_archive(),
            "object": meeting,
        },
    )


@page(Cap.EDIT_RECORDS)
@require_POST
def decision_add(request, pk: int):
    meeting = get_object_or_404(visible(request.user, Meeting.objects.all()), pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        with refusal(request):
            services.add_decision(meeting, user=request.user, **form.cleaned_data)
            messages.success(request, "已添加议定事项")
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("leadership:meeting", meeting.pk)


@page(Cap.EDIT_RECORDS)
@require_POST
def decision_complete(request, pk: int):
    decision = get_object_or_404(visible(request.user, Decision.objects.all()), pk=pk)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写完成日期")
    else:
        with refusal(request):
            services.complete_decision(decision, user=request.user, **form.cleaned_data)
            messages.success(request, "事项已标记完成")
    return redirect("leadership:meeting", decision.meeting_id)


@page(Cap.EDIT_RECORDS)
@require_POST
def decision_reopen(request, pk: int):
    decision = get_object_or_404(visible(request.user, Decision.objects.all()), pk=pk)
    with refusal(request):
        services.reopen_decision(decision, user=request.user)
        messages.success(request, "事项已改回未完成")
    return redirect("leadership:meeting", decision.meeting_id)
