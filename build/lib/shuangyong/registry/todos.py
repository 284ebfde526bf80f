"""待办 from the registry: the 年度确认 of the year (the unconfirmed count, due by the region's deadline) and the
transfers from other counties waiting to be received."""

from datetime import date

from django.urls import reverse

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import writable
from shuangyong.registry.models import Entitlement, Transfer
from shuangyong.registry.services.confirmation import deadline_for, unconfirmed
from shuangyong.registry.services.transfers import incoming
from shuangyong.todo.registry import Todo, register_todo


@register_todo
def registry_work(user, today: date) -> list[Todo]:
    if not user.can(Cap.VIEW_RECORDS) or not user.region_id:
        return []
    waiting = unconfirmed(writable(user, Entitlement.objects.all()), today.year, user.region_id).count()
    arriving = incoming(user).filter(state=Transfer.State.SENT).count()
    return [
        Todo("registry.confirmation", f"{today.year}年度确认：尚未确认的待遇", waiting,
             deadline_for(user.region_id, today.year), reverse("registry:list") + "?confirmed=no"),
        Todo("registry.transfers", "待接收迁入", arriving, None, reverse("registry:transfers")),
    ]  # fmt: skip
