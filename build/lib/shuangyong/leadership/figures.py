"""What the leadership group and its meetings offer to the yearly summary (section 加强组织领导).

The group's figures are about the scope's own region (the county's group for the county); meetings and
decisions add up over the region's subtree (the county's and its towns'). A unit's scope counts the decisions
it was charged with."""

from django.db.models import Count, Q

from shuangyong.figures.catalogue import Figure, Scope, register
from shuangyong.figures.examples import Example, register_examples
from shuangyong.leadership.choices import Body, DecisionStatus, Post
from shuangyong.leadership.kinds import kind_rows
from shuangyong.leadership.models import Decision, GroupMember, Meeting

SECTION = "leadership"
BOTH = frozenset({"region", "unit"})


def _in_office_at_year_end(scope: Scope, body: str, **extra):
    return GroupMember.objects.filter(
        Q(end__isnull=True) | Q(end__gte=scope.end), region_id=scope.region, body=body, start__lte=scope.end, **extra
    )


def _leaders(scope: Scope):
    return GroupMember.objects.filter(
        Q(end__isnull=True) | Q(end__gte=scope.start),
        region_id=scope.region,
        body=Body.GROUP,
        post=Post.LEADER,
        start__lte=scope.end,
    )


def _new_members(scope: Scope):
    return GroupMember.objects.filter(scope.in_year("start"), region_id=scope.region, body=Body.GROUP)


def _meetings(scope: Scope, kind: str | None = None):
    meetings = Meeting.objects.filter(scope.in_region("region"), scope.in_year("date"))
    return meetings.filter(kind_id=kind) if kind else meetings


def _decisions(scope: Scope):
    decisions = Decision.objects.filter(scope.in_year("meeting__date"))
    if scope.is_region:
        return decisions.filter(scope.in_region("meeting__region"))
    return decisions.filter(owner_unit__code=scope.unit)


def _done(scope: Scope):
    return _decisions(scope).filter(status=DecisionStatus.DONE)


def _count(records):
    return lambda scope: records(scope).count()


def _declare(key, label, unit, records, source, scopes=frozenset({"region"})):
    register(Figure(key, label, unit, SECTION, _count(records), source, records, scopes))


_declare(
    "leadership.group_members",
    "双拥工作领导小组成员人数",
    "人",
    lambda s: _in_office_at_year_end(s, Body.GROUP),
    "领导小组成员：本级领导小组年末在任的组长、副组长和成员",
)
_declare(
    "leadership.group_leaders",
    "本年担任领导小组组长人数",
    "人",
    _leaders,
    "领导小组成员：本年内任过组长的人（组长调整时为 2 人，名单见明细）",
)
_declare(
    "leadership.group_new_members",
    "领导小组本年调整（新任）人数",
    "人",
    _new_members,
    "领导小组成员：任职日期在本年的成员",
)
_declare(
    "leadership.office_staff",
    "双拥办工作人员",
    "人",
    lambda s: _in_office_at_year_end(s, Body.OFFICE),
    "双拥办人员：本级双拥办年末在岗人员",
)
_declare(
    "leadership.office_military_staff",
    "双拥办中的军队人员",
    "人",
    lambda s: _in_office_at_year_end(s, Body.OFFICE, is_military=True),
    "双拥办人员：年末在岗且为军队人员",
)
_declare("leadership.meetings", "召开双拥工作会议", "次", _meetings, "会议：本区划及下辖乡镇本年召开的各类会议")
for row in kind_rows():
    _declare(
        f"leadership.meetings.{row['code']}",
        f"召开{row['name']}",
        "次",
        lambda s, code=row["code"]: _meetings(s, code),
        f"会议：类型为“{row['name']}”的会议",
    )
_declare(
    "leadership.decisions",
    "会议议定事项",
    "项",
    _decisions,
    "议定事项：本年会议议定的事项（单位：责任单位为本单位的事项）",
    BOTH,
)
_declare(
    "leadership.decisions_done",
    "议定事项已落实",
    "项",
    _done,
    "议定事项：本年会议议定、已标记完成的事项",
    BOTH,
)


def _meeting_examples(scope: Scope) -> list[Example]:
    if not scope.is_region:
        return []
    rows = (
        _meetings(scope)
        .annotate(settled=Count("decisions"))
        .filter(settled__gt=0)
        .order_by("-settled", "-date", "pk")[:1]
    )
    return [
        Example(f"{meeting.date.month}月召开{meeting.title}，议定事项{meeting.settled}项", "leadership.meetings")
        for meeting in rows
    ]


register_examples("leadership", "leadership.meetings", _meeting_examples)
