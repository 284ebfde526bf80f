"""待办 from 帮扶: cases open longer than the region's time limit (local setting `help_case_days`)."""

from datetime import date, timedelta

from django.db.models import Min
from django.urls import reverse

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import writable
from shuangyong.activities.models import CaseStatus, HelpCase
from shuangyong.regions.local_settings import get_setting
from shuangyong.todo.registry import Todo, register_todo


@register_todo
def long_open_cases(user, today: date) -> list[Todo]:
    if not user.can(Cap.VIEW_RECORDS):
        return []
    region = user.home_region_id
    limit = timedelta(days=int(get_setting("help_case_days", region, today))) if region else timedelta(days=60)
    late = writable(user, HelpCase.objects.filter(status=CaseStatus.OPEN, opened__lt=today - limit))
    first = late.aggregate(d=Min("opened"))["d"]
    return [Todo("activities.cases_overdue", f"超过{limit.days}天未办结的帮扶事项", late.count(),
                 first + limit if first else None, reverse("activities:cases") + "?status=open")]  # fmt: skip
