"""待办 from 目标考核: the year's targets in the user's scope not yet met (a unit's own; a county's, all it issued),
due at the year's end."""

from datetime import date

from django.urls import reverse

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.assessment.models import Target
from shuangyong.assessment.progress import progress_of
from shuangyong.figures import catalogue
from shuangyong.todo.registry import Todo, register_todo


@register_todo
def targets_behind(user, today: date) -> list[Todo]:
    if not user.can(Cap.VIEW_RECORDS):
        return []
    targets = visible(user, Target.objects.filter(year=today.year))
    with catalogue.memo():
        behind = sum(1 for target in targets if progress_of(target).met is False)
    return [Todo("assessment.targets_behind", f"{today.year}年尚未完成的考核目标", behind, date(today.year, 12, 31),
                 reverse("assessment:index") + f"?year={today.year}&state=unmet")]  # fmt: skip
