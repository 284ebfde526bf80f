"""What each role sees first: the to-do list from the records (todo.registry) with the calendar's seasons near, and
small counts over its own scope, each linking to the list behind it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Cap, Role
from shuangyong.accounts.scope import visible
from shuangyong.audit.models import AuditEntry
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope
from shuangyong.health import worker_check
from shuangyong.jobs.services import visible_jobs
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.registry.models import Entitlement
from shuangyong.registry.services.confirmation import unconfirmed
from shuangyong.todo.registry import todos_for
from shuangyong.units.models import Unit


@dataclass
class Stat:
    label: str
    value: int
    url: str = ""


def _region_stats(user) -> list[Stat]:
    regions = visible(user, Region.objects.all())
    waiting = unconfirmed(visible(user, Entitlement.objects.all()), _this_year(), user.home_region_id or None).count()
    stats = [
        Stat("在册优抚对象", _headline(user, "registry.all_persons"), reverse("registry:list")),
        Stat("享受待遇人次", _headline(user, "registry.entitlements"), reverse("registry:list") + "?status=active"),
        Stat("待年度确认", waiting, reverse("registry:list") + "?confirmed=no"),
        Stat("乡镇（街道）", regions.filter(level=Level.TOWN).count(), reverse("regions:browse")),
        Stat("村（社区）", regions.filter(level=Level.VILLAGE).count(), reverse("regions:browse")),
        Stat("可见单位", visible(user, Unit.objects.all()).count(), reverse("units:list")),
    ]
    return stats


def _headline(user, key: str) -> int:
    """A headline count by the one definition the reports and the summary use (the catalogue's figure); a member
    unit, placed at no region, counts what it may see of the figure's records."""
    if user.region_id:
        return catalogue.compute(key, Scope(_this_year(), region=user.region_id)) or 0
    records = catalogue.get(key).records(Scope(_this_year(), region=user.home_region_id or None))
    return visible(user, records).count() if records is not None else 0


def _this_year() -> int:
    return timezone.localdate().year


def home_context(user) -> dict:
    today = timezone.localdate()
    todos = todos_for(user, today)
    context: dict = {"stats": [], "recent_jobs": visible_jobs(user)[:5], "today": today}
    context["todos"] = [t for t in todos if not t.calendar]
    context["seasons"] = [t for t in todos if t.calendar]
    if user.can(Cap.VIEW_RECORDS):
        context["stats"] = _region_stats(user)
    elif user.role == Role.SYSADMIN:
        context["worker"] = worker_check()  # the system administrator watches the background worker
        context["stats"] = [
            Stat("行政区划", Region.objects.count(), reverse("regions:browse")),
            Stat("单位", Unit.objects.count(), reverse("units:list")),
        ]
    elif user.can(Cap.MANAGE_USERS):
        users = User.objects.filter(is_active=True)
        context["stats"] = [
            Stat(Role(role).label, users.filter(role=role).count(), reverse("accounts:users")) for role in Role.values
        ]
    if user.can(Cap.VIEW_AUDIT):
        context["recent_audit"] = AuditEntry.objects.select_related("actor")[:10]
    return context
