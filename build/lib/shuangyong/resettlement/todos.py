"""待办 from resettlement: returning soldiers past their 报到 deadline who have not reported, and those assigned
work past their 上岗 deadline who have not started (the earliest deadline as the due date)."""

from datetime import date

from django.db.models import Min
from django.urls import reverse

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import writable
from shuangyong.resettlement.models import Arrival
from shuangyong.todo.registry import Todo, register_todo


@register_todo
def overdue_steps(user, today: date) -> list[Todo]:
    if not user.can(Cap.VIEW_RECORDS):
        return []
    mine = writable(user, Arrival.objects.all())  # the arrivals this user's office must act on
    unreported = mine.filter(reported_on__isnull=True, report_due__lt=today)
    unplaced = mine.filter(assigned_on__isnull=False, placed_on__isnull=True, placement_due__lt=today)
    link = reverse("resettlement:index")
    return [
        Todo("resettlement.report_overdue", "逾期未报到的退役士兵", unreported.count(),
             unreported.aggregate(d=Min("report_due"))["d"], link),
        Todo("resettlement.placement_overdue", "逾期未上岗的退役士兵", unplaced.count(),
             unplaced.aggregate(d=Min("placement_due"))["d"], link),
    ]  # fmt: skip
