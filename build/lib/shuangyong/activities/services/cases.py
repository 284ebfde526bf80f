"""帮扶事项: opened for an entitled person, steps with money, closed with an outcome."""

from datetime import date

from django.db import transaction
from django.db.models import Sum

from shuangyong.accounts.scope import ensure_can_read, ensure_can_write
from shuangyong.activities.models import CaseStatus, HelpCase, HelpStep, ProblemKind
from shuangyong.activities.services.records import ActivitiesError
from shuangyong.audit.context import actor_for
from shuangyong.units.models import Unit, UnitKind


def _writer(user, case: HelpCase) -> None:
    ensure_can_write(user, case)


def open_case(*, person, kind: ProblemKind, opened: date, description: str, unit: Unit | None = None, user) -> HelpCase:
    if not (description or "").strip():
        raise ActivitiesError("请填写困难情况")
    if unit is not None and unit.kind != UnitKind.MEMBER:
        raise ActivitiesError(f"承办单位“{unit.name}”不是成员单位")
    if person.death_date and person.death_date < opened:
        raise ActivitiesError(f"{person.name} 已于 {person.death_date:%Y-%m-%d} 去世")
    case = HelpCase(
        person=person,
        kind=kind,
        opened=opened,
        description=description.strip(),
        unit=unit,
        created_by=user,
    )
    with transaction.atomic(), actor_for(user):
        ensure_can_read(user, person)
        _writer(user, case)
        case.save()
    return case


def add_step(case: HelpCase, *, on: date, action: str, money_fen: int = 0, user) -> HelpStep:
    """One dated entry (走访核实, 拨付资金 ...); the case's money is the sum of its steps."""
    with transaction.atomic(), actor_for(user):
        locked = HelpCase.objects.select_for_update().get(pk=case.pk)
        _writer(user, locked)
        if locked.status == CaseStatus.CLOSED:
            raise ActivitiesError("该事项已办结，不能再添加办理步骤")
        if not (action or "").strip():
            raise ActivitiesError("请填写办理情况")
        if money_fen < 0:
            raise ActivitiesError("金额不能为负数")
        if on < locked.opened:
            raise ActivitiesError(f"办理日期不能早于受理日期 {locked.opened:%Y-%m-%d}")
        step = HelpStep(
            case=locked,
            date=on,
            action=action.strip(),
            money_fen=money_fen,
            recorded_by=user,
        )
        step.save()
        locked.money_fen = locked.steps.aggregate(total=Sum("money_fen"))["total"] or 0
        locked.save()
        return step


def close_case(case: HelpCase, *, on: date, outcome: str, user) -> HelpCase:
    with transaction.atomic(), actor_for(user):
        locked = HelpCase.objects.select_for_update().get(pk=case.pk)
        _writer(user, locked)
        if locked.status == CaseStatus.CLOSED:
            raise ActivitiesError("该事项已办结")
        if not (outcome or "").strip():
            raise ActivitiesError("请填写办理结果")
        last = locked.steps.order_by("-date").values_list("date", flat=True).first()
        if on < (last or locked.opened):
            raise ActivitiesError(f"办结日期不能早于 {(last or locked.opened):%Y-%m-%d}")
        locked.status, locked.closed, locked.outcome = CaseStatus.CLOSED, on, outcome.strip()
        locked.save()
        return locked
