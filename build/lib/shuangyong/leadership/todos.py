"""待办 from the meetings: decisions still open whose due date has passed or falls within a fortnight."""

from datetime import date, timedelta

from django.db.models import Min
from django.urls import reverse

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import writable
from shuangyong.leadership.choices import DecisionStatus
from shuangyong.leadership.models import Decision
from shuangyong.todo.registry import Todo, register_todo

SOON = timedelta(days=14)


@register_todo
def decisions_due(user, today: date) -> list[Todo]:
    if not user.can(Cap.VIEW_RECORDS):
        return []
    due = writable(user, Decision.objects.filter(status=DecisionStatus.OPEN, due__lte=today + SOON))
    return [Todo("leadership.decisions_due", "到期或两周内到期的会议议定事项", due.count(),
                 due.aggregate(d=Min("due"))["d"], reverse("leadership:index"))]  # fmt: skip
