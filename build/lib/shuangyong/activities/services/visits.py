"""慰问: whom a visit reached (a registry person's household, a household named by hand, or a 驻军 unit)."""

from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ensure_can_read, ensure_can_write
from shuangyong.activities.models import Activity, VisitRecipient
from shuangyong.activities.services.records import ActivitiesError
from shuangyong.audit.context import actor_for
from shuangyong.units.models import UnitKind


def add_recipient(
    activity: Activity,
    *,
    person=None,
    household: str = "",
    garrison=None,
    money_fen: int = 0,
    gifts: str = "",
    gift_value_fen: int = 0,
    note: str = "",
    user,
) -> VisitRecipient:
    """One household or unit visited, with the money and gifts it received."""
    with transaction.atomic(), actor_for(user):
        locked = _locked_visit(activity, user)
        if person is not None:
            ensure_can_read(user, person)  # only persons of one's own scope can be named
        household = " ".join((household or "").split())
        if sum(bool(x) for x in (person, household, garrison)) != 1:
            raise ActivitiesError("慰问对象须是一名优抚对象、一户或一个驻军单位（三者选一）")
        if garrison is not None and garrison.kind != UnitKind.GARRISON:
            raise ActivitiesError(f"“{garrison.name}”不是驻军单位")
        if money_fen < 0 or gift_value_fen < 0:
            raise ActivitiesError("慰问金和慰问品折价不能为负数")
        recipient = VisitRecipient(
            activity=locked,
            person=person,
            household=household,
            garrison=garrison,
            money_fen=money_fen,
            gifts=(gifts or "").strip(),
            gift_value_fen=gift_value_fen,
            note=(note or "").strip(),
        )
        try:
            with transaction.atomic():
                recipient.save()
        except IntegrityError:
            raise ActivitiesError(f"{person.name} 已在本次慰问名单中") from None
        return recipient


def add_households(activity: Activity, *, amounts: dict, gifts: str = "", user) -> int:
    """Many registry households at once, each with its own amount ({person: 慰问金 in 分}), all or none. A person
    already on the visit's list keeps the entry it has, so adding the same list twice adds nothing the second
    time. Returns how many were added."""
    with transaction.atomic(), actor_for(user):
        locked = _locked_visit(activity, user)
        listed = set(locked.recipients.filter(person__isnull=False).values_list("person_id", flat=True))
        added = 0
        for person, money_fen in amounts.items():
            ensure_can_read(user, person)
            if money_fen < 0:
                raise ActivitiesError(f"{person.name}：慰问金不能为负数")
            if person.death_date:
                raise ActivitiesError(f"{person.name} 已故，不能列入慰问名单")
            if person.pk in listed:
                continue
            VisitRecipient(activity=locked, person=person, money_fen=money_fen, gifts=(gifts or "").strip()).save()
            added += 1
        return added


def _locked_visit(activity: Activity, user) -> Activity:
    locked = Activity.objects.select_for_update().select_related("kind").get(pk=activity.pk)
    ensure_can_write(user, locked)
    if not locked.kind.is_visit:
        raise ActivitiesError(f"“{locked.kind.name}”类活动不登记慰问对象，请将活动类别改为慰问")
    return locked


def remove_recipient(recipient: VisitRecipient, *, user) -> None:
    with transaction.atomic(), actor_for(user):
        locked = VisitRecipient.objects.select_for_update().select_related("activity").get(pk=recipient.pk)
        ensure_can_write(user, locked.activity)
        locked.delete()
