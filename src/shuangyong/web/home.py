"""What each role sees first: small counts over its own scope, each linking to the list behind it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import UNIT_ROLES, Cap, Role
from shuangyong.accounts.scope import visible
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.choices import OPEN_RUN_STATUSES, FindingState
from shuangyong.benefits.models import Finding
from shuangyong.creation.models import AssessmentState, ItemHelper, ItemScore
from shuangyong.jobs.services import visible_jobs
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Entitlement, Person, Transfer
from shuangyong.registry.services.transfers import incoming
from shuangyong.units.models import Unit


@dataclass
class Stat:
    label: str
    value: int
    url: str = ""


def _region_stats(user) -> list[Stat]:
    regions = visible(user, Region.objects.all())
    persons = visible(user, Person.objects.all())
    active = visible(user, Entitlement.objects.filter(status=Status.ACTIVE))
    stats = [
        Stat("在册优抚对象", persons.filter(death_date__isnull=True).count(), reverse("registry:list")),
        Stat("享受待遇人次", active.count(), reverse("registry:list") + "?status=active"),
        Stat(
            "待年度确认",
            active.exclude(confirmed_year__gte=_this_year()).count(),
            reverse("registry:list") + "?confirmed=no",
        ),
        Stat("乡镇（街道）", regions.filter(level=Level.TOWN).count(), reverse("regions:browse")),
        Stat("村（社区）", regions.filter(level=Level.VILLAGE).count(), reverse("regions:browse")),
        Stat("可见单位", visible(user, Unit.objects.all()).count(), reverse("units:list")),
    ]
    pending = incoming(user).filter(state=Transfer.State.SENT).count()
    if pending:
        stats.insert(2, Stat("待接收迁入", pending, reverse("registry:transfers")))
    for stat in _creation_stats(user):
        stats.insert(2, stat)
    open_findings = visible(user, Finding.objects.filter(state=FindingState.OPEN, run__status__in=OPEN_RUN_STATUSES))
    findings = open_findings.count()
    if findings:
        stats.insert(2, Stat("待处理发放检查问题", findings, reverse("benefits:findings")))
    return stats


def _creation_stats(user) -> list[Stat]:
    """创建 reminders in self-assessments still open: for a member unit or a town, the items it leads below full
    marks and those it helps with; for anyone, the items past their due month still below full marks."""
    rows = visible(user, ItemScore.objects.filter(assessment__state=AssessmentState.OPEN)).select_related("item")
    short = [row for row in rows if (row.score or 0) < row.item.points]
    link = reverse("creation:index")
    found = []
    first_of_month = timezone.localdate().replace(day=1)
    overdue = sum(1 for row in short if row.due and row.due < first_of_month)
    if overdue:
        found.append(Stat("创建考评：已过完成时限、尚未得满分的考评内容", overdue, link + "?gaps=1"))
    if user.role in UNIT_ROLES or user.region_id and level_of(user.region_id) == Level.TOWN:
        helped = visible(user, ItemHelper.objects.filter(score__assessment__state=AssessmentState.OPEN)).count()
        if helped:
            found.append(Stat("创建考评：本单位配合的考评内容", helped, link))
        if short:
            found.append(Stat("创建考评：本单位牵头、未得满分的考评内容", len(short), link))
    return found


def _this_year() -> int:
    return timezone.localdate().year


def home_context(user) -> dict:
    context: dict = {"stats": [], "recent_jobs": visible_jobs(user)[:5]}
    if user.can(Cap.VIEW_RECORDS):
        context["stats"] = _region_stats(user)
    elif user.role == Role.SYSADMIN:
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
