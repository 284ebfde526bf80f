"""The steps of one arrival, each a service: 报到, 档案接收, 安置方式, 安排工作, 上岗, 回访.

Each locks the arrival, checks the user's scope and the rule, saves (audited by the model) and raises
ResettlementError with a Chinese message when a rule refuses.
"""

from datetime import date

from django.db import transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.resettlement.choices import DeadlineCode
from shuangyong.resettlement.models import Arrival, Method, Visit
from shuangyong.resettlement.services.rules import ResettlementError, check_method_allowed, due_date


def _locked(arrival: Arrival, user) -> Arrival:
    locked = Arrival.objects.select_for_update(of=("self",)).select_related("method", "person").get(pk=arrival.pk)
    ensure_can_write(user, locked)
    return locked


def _not_before(day: date, earlier: date | None, what: str, earlier_what: str) -> None:
    if earlier and day < earlier:
        raise ResettlementError(f"{what}（{day:%Y-%m-%d}）不能早于{earlier_what}（{earlier:%Y-%m-%d}）")


@transaction.atomic
def record_report(arrival: Arrival, *, on: date, user) -> Arrival:
    """报到 (§51): the date the veteran reported to the 退役军人事务部门."""
    with actor_for(user):
        locked = _locked(arrival, user)
        _not_before(on, locked.arrival_date, "报到日期", "到达安置地日期")
        locked.reported_on = on
        locked.save()
        return locked


@transaction.atomic
def record_archive(arrival: Arrival, *, on: date, user) -> Arrival:
    """档案接收: the date the veteran's file arrived."""
    with actor_for(user):
        locked = _locked(arrival, user)
        _not_before(on, locked.discharged_on, "档案接收日期", "退役日期")
        locked.archive_received_on = on
        locked.save()
        return locked


@transaction.atomic
def choose_method(arrival: Arrival, *, method: Method, on: date, user) -> Arrival:
    """确定安置方式: only a method the table opens to the soldier's kind (安置条例 §5)."""
    from shuangyong.resettlement.services.payments import refresh_grant

    with actor_for(user):
        locked = _locked(arrival, user)
        check_method_allowed(method, locked.soldier_kind)
        if locked.placed_on and method.pk != locked.method_id:
            raise ResettlementError(f"{locked.person.name}已于 {locked.placed_on:%Y-%m-%d} 上岗，不能再改变安置方式")
        if not method.needs_placement:
            locked.employer, locked.employer_name, locked.assigned_on, locked.placement_due = None, "", None, None
        locked.method, locked.method_decided_on = method, on
        locked.save()
        if locked.grant_id:
            refresh_grant(locked, user=user)  # the amount depends on the method
        return locked


@transaction.atomic
def assign_employer(arrival: Arrival, *, on: date, user, employer=None, employer_name: str = "") -> Arrival:
    """安排工作: the receiving employer and the date of the 安置通知; 上岗 is due within the deadline."""
    with actor_for(user):
        locked = _locked(arrival, user)
        if locked.method is None or not locked.method.needs_placement:
            raise ResettlementError("只有安置方式为“安排工作”的才能安排接收单位，请先确定安置方式")
        if employer is None and not employer_name.strip():
            raise ResettlementError("请选择接收单位或填写单位名称")
        if locked.placed_on:
            raise ResettlementError(f"{locked.person.name}已于 {locked.placed_on:%Y-%m-%d} 上岗")
        _not_before(on, locked.method_decided_on, "安排工作日期", "安置方式确定日期")
        locked.employer, locked.employer_name = employer, "" if employer else employer_name.strip()
        locked.assigned_on, locked.placement_due = on, due_date(on, DeadlineCode.PLACEMENT)
        locked.save()
        return locked


@transaction.atomic
def record_placement(arrival: Arrival, *, on: date, user) -> Arrival:
    """上岗: the veteran took up the post (late if after the deadline, still recorded)."""
    with actor_for(user):
        locked = _locked(arrival, user)
        if locked.assigned_on is None:
            raise ResettlementError("尚未安排接收单位，不能登记上岗")
        _not_before(on, locked.assigned_on, "上岗日期", "安排工作日期")
        locked.placed_on = on
        locked.save()
        return locked


@transaction.atomic
def add_visit(
    arrival: Arrival, *, visited_on: date, visitor: str, employment_status: str, notes: str = "", user
) -> Visit:
    """回访: recorded, and the newest visit's employment status becomes the arrival's."""
    with actor_for(user):
        locked = _locked(arrival, user)
        _not_before(visited_on, locked.arrival_date, "回访日期", "到达安置地日期")
        if not visitor.strip():
            raise ResettlementError("请填写回访人")
        visit = Visit(
            arrival=locked,
            visited_on=visited_on,
            visitor=visitor.strip(),
            employment_status=employment_status,
            notes=notes,
        )
        visit.save()
        newest = locked.visits.order_by("-visited_on", "-id").first()
        assert newest is not None  # the visit just saved
        if newest.employment_status != locked.employment_status:
            locked.employment_status = newest.employment_status
            locked.save()
        return visit
