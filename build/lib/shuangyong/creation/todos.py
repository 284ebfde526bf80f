"""待办 from 创建: in a self-assessment still open, the items past their due month below full marks (anyone
responsible for them sees these); for a member unit or a town, the items it leads below full marks and those it
helps with."""

from datetime import date

from django.urls import reverse

from shuangyong.accounts.roles import UNIT_ROLES, Cap
from shuangyong.accounts.scope import visible
from shuangyong.creation.models import AssessmentState, ItemHelper, ItemScore
from shuangyong.regions.codes import Level, level_of
from shuangyong.todo.registry import Todo, register_todo


@register_todo
def creation_items(user, today: date) -> list[Todo]:
    if not user.can(Cap.VIEW_RECORDS):
        return []
    rows = visible(user, ItemScore.objects.filter(assessment__state=AssessmentState.OPEN)).select_related("item")
    short = [row for row in rows if (row.score or 0) < row.item.points]
    first_of_month = today.replace(day=1)
    late = [row.due for row in short if row.due and row.due < first_of_month]
    link = reverse("creation:index")
    label = "创建考评：已过完成时限、尚未得满分的考评内容"
    found = [Todo("creation.overdue", label, len(late), min(late, default=None), link + "?gaps=1")]
    if user.role in UNIT_ROLES or (user.region_id and level_of(user.region_id) == Level.TOWN):
        helped = visible(user, ItemHelper.objects.filter(score__assessment__state=AssessmentState.OPEN)).count()
        dues = [row.due for row in short if row.due]
        found.append(Todo("creation.led", "创建考评：本单位牵头、未得满分的考评内容", len(short),
                          min(dues, default=None), link))  # fmt: skip
        found.append(Todo("creation.helped", "创建考评：本单位配合的考评内容", helped, None, link))
    return found
