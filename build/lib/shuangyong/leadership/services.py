"""The leadership group, the office and their meetings. Each function checks the actor's scope, locks what it
changes and is audited by the models (AuditedModel) in the same transaction."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.errors import RuleError
from shuangyong.leadership.choices import POST_ORDER, POSTS_OF, SINGLE_POSTS, Body, DecisionStatus, Post
from shuangyong.leadership.models import Decision, GroupMember, Meeting, MeetingKind
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region


class LeadershipError(RuleError):
    pass


def serving_q(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start__lte": day}) & (Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day}))


def group_on(region: Region | str, day: date, body: str = Body.GROUP) -> list[GroupMember]:
    """The group (or office) of `region` on `day`: 组长 first, then 副组长, then 成员, each by start date."""
    code = region if isinstance(region, str) else region.code
    members = GroupMember.objects.filter(serving_q(day), region_id=code, body=body).select_related("unit")
    return sorted(members, key=lambda m: (POST_ORDER[m.post], m.start, m.pk))


def _check_member(member: GroupMember) -> None:
    if level_of(member.region_id) not in (Level.COUNTY, Level.TOWN):
        raise LeadershipError("领导小组只设在县和乡镇两级")
    if member.post not in POSTS_OF[Body(member.body)]:
        allowed = "、".join(Post(p).label for p in POSTS_OF[Body(member.body)])
        raise LeadershipError(f"{Body(member.body).label}的职务只能是{allowed}")
    if not member.name.strip():
        raise LeadershipError("请填写姓名")
    if member.end is not None and member.end < member.start:
        raise LeadershipError("离任日期不能早于任职日期")
    if member.post in SINGLE_POSTS:
        others = GroupMember.objects.filter(region_id=member.region_id, body=member.body, post=member.post).exclude(
            pk=member.pk
        )
        overlap = others.filter(Q(end__isnull=True) | Q(end__gte=member.start))
        if member.end is not None:
            overlap = overlap.filter(start__lte=member.end)
        if clash := overlap.first():
            raise LeadershipError(
                f"{member.get_post_display()}同一时间只能有一人：{clash.name}（{clash.start:%Y-%m-%d} 起）在任，"
                "请先办理其离任或使用“替换”"
            )


def appoint_member(*, region: Region, post: str, name: str, start: date, user, body: str = Body.GROUP, **fields):
    member = GroupMember(region=region, body=body, post=post, name=name.strip(), start=start, **fields)
    ensure_can_write(user, member)
    with transaction.atomic():
        # one writer at a time per region, so two appointments of a 组长 cannot both pass the check
        Region.objects.select_for_update().filter(code=region.code).first()
        _check_member(member)
        member.save()
    return member


EDITABLE_MEMBER_FIELDS = ("post", "name", "title", "unit", "is_military", "phone", "start", "end", "note")


def update_member(member: GroupMember, *, user, **fields) -> GroupMember:
    with transaction.atomic():
        Region.objects.select_for_update().filter(code=member.region_id).first()
        current = GroupMember.objects.select_for_update().get(pk=member.pk)
        ensure_can_write(user, current)
        for name, value in fields.items():
            if name in EDITABLE_MEMBER_FIELDS:
                setattr(current, name, value)
        _check_member(current)
        current.save()
    return current


def end_term(member: GroupMember, end: date, *, user) -> GroupMember:
    if member.end is not None:
        raise LeadershipError(f"{member.name}已于 {member.end:%Y-%m-%d} 离任")
    return update_member(member, end=end, user=user)


def replace_member(member: GroupMember, *, on: date, name: str, user, **fields) -> GroupMember:
    """The successor takes the post on `on`; the predecessor's term ends the day before (history is kept)."""
    with transaction.atomic():
        current = GroupMember.objects.select_for_update().get(pk=member.pk)
        if current.end is not None and current.end < on:
            raise LeadershipError(f"{current.name}已于 {current.end:%Y-%m-%d} 离任，无需替换")
        if on <= current.start:
            raise LeadershipError(f"接任日期须晚于{current.name}的任职日期 {current.start:%Y-%m-%d}")
        update_member(current, end=on - timedelta(days=1), user=user)
        return appoint_member(
            region=current.region, body=current.body, post=current.post, name=name, start=on, user=user, **fields
        )


# meetings


MEETING_FIELDS = ("kind", "date", "title", "place", "chaired_by", "other_attendees", "minutes")


def _check_meeting(meeting: Meeting, attendees) -> None:
    if level_of(meeting.region_id) not in (Level.COUNTY, Level.TOWN):
        raise LeadershipError("会议只能登记在县或乡镇")
    if not meeting.title.strip():
        raise LeadershipError("请填写会议名称")
    strangers = [m.name for m in attendees if m.region_id != meeting.region_id or not m.serves_on(meeting.date)]
    if strangers:
        raise LeadershipError(f"会议当天不是本级领导小组或双拥办成员：{'、'.join(strangers)}（请填入“其他参会人员”）")


def record_meeting(*, region: Region, kind: MeetingKind, user, attendees=(), **fields) -> Meeting:
    meeting = Meeting(region=region, kind=kind, **{k: v for k, v in fields.items() if k in MEETING_FIELDS})
    ensure_can_write(user, meeting)
    attendees = list(attendees)
    _check_meeting(meeting, attendees)
    with transaction.atomic():
        meeting.save()
        meeting.attendees.set(attendees)
    return meeting


def update_meeting(meeting: Meeting, *, user, attendees=None, **fields) -> Meeting:
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        ensure_can_write(user, current)
        for name, value in fields.items():
            if name in MEETING_FIELDS:
                setattr(current, name, value)
        attendees = list(current.attendees.all()) if attendees is None else list(attendees)
        _check_meeting(current, attendees)
        current.save()
        current.attendees.set(attendees)
    return current


def add_decision(meeting: Meeting, *, text: str, user, owner_unit=None, owner_person="", due=None) -> Decision:
    if not text.strip():
        raise LeadershipError("请填写议定事项")
    if not owner_unit and not owner_person.strip():
        raise LeadershipError("请填写责任单位或责任人")
    if due is not None and due < meeting.date:
        raise LeadershipError(f"完成时限不能早于会议日期 {meeting.date:%Y-%m-%d}")
    ensure_can_write(user, meeting)
    decision = Decision(meeting=meeting, text=text.strip(), owner_unit=owner_unit, owner_person=owner_person, due=due)
    decision.save()
    return decision


def _writable_decision(decision: Decision, user) -> Decision:
    current = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    ensure_can_write(user, current)  # the meeting's region, or the unit charged with it
    return current


def complete_decision(decision: Decision, *, done_on: date, user, outcome: str = "") -> Decision:
    with transaction.atomic():
        current = _writable_decision(decision, user)
        if current.status == DecisionStatus.DONE:
            raise LeadershipError(f"该事项已于 {current.done_on:%Y-%m-%d} 完成")
        if done_on < current.meeting.date:
            raise LeadershipError(f"完成日期不能早于会议日期 {current.meeting.date:%Y-%m-%d}")
        current.status, current.done_on, current.outcome = DecisionStatus.DONE, done_on, outcome.strip()
        current.save()
    return current


def reopen_decision(decision: Decision, *, user) -> Decision:
    with transaction.atomic():
        current = _writable_decision(decision, user)
        current.status, current.done_on = DecisionStatus.OPEN, None
        current.save()
    return current


def overdue(decisions: QuerySet, today: date) -> QuerySet:
    return decisions.filter(status=DecisionStatus.OPEN, due__lt=today)
