"""增发项目登记 (孤老增发, 其他增发): a benefit kind paid only to those enrolled, as dated person events. A back-dated
enrolment or end is a key change: the next run pays or recovers the months already paid since (engine)."""

from datetime import date

from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.benefits.models import BenefitKind, Enrolment
from shuangyong.benefits.services.engine import BenefitsError
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.models import Entitlement
from shuangyong.registry.services.timeline import add_event


def _locked(entitlement: Entitlement, user) -> Entitlement:
    ent = Entitlement.objects.select_for_update().select_related("person", "category").get(pk=entitlement.pk)
    ensure_can_write(user, ent.person)
    return ent


@transaction.atomic
def enrol(entitlement: Entitlement, *, kind: BenefitKind, valid_from: date, note: str = "", user) -> Enrolment:
    """登记 an entitlement for a kind paid only to those enrolled, from `valid_from`."""
    with actor_for(user):
        ent = _locked(entitlement, user)
        if not kind.requires_enrolment:
            raise BenefitsError(f"{kind.name}不是须逐人登记的增发项目")
        if ent.status not in (Status.ACTIVE, Status.SUSPENDED):
            raise BenefitsError(f"{ent}当前状态为“{ent.get_status_display()}”，不能登记增发项目")
        open_one = Enrolment.objects.filter(entitlement=ent, kind=kind, valid_to__isnull=True).first()
        if open_one is not None:
            raise BenefitsError(f"{ent}已登记{kind.name}（自 {open_one.valid_from} 起），请先终止")
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(entitlement=ent, kind=kind, valid_from=valid_from, note=note[:200])
        except IntegrityError as exc:
            raise BenefitsError(f"{ent}在 {valid_from} 已登记{kind.name}") from exc
        add_event(ent.person, EventKind.ENROL, valid_from, entitlement=ent, benefit=kind.name, note=note)
        return enrolment


@transaction.atomic
def end_enrolment(enrolment: Enrolment, *, valid_to: date, reason: str = "", user) -> Enrolment:
    """终止: paid through the month of `valid_to`."""
    with actor_for(user):
        ent = _locked(enrolment.entitlement, user)
        enrolment = Enrolment.objects.select_for_update().select_related("kind").get(pk=enrolment.pk)
        if enrolment.valid_to is not None:
            raise BenefitsError(f"{enrolment.kind.name}已于 {enrolment.valid_to} 终止")
        if valid_to < enrolment.valid_from:
            raise BenefitsError("终止日期不能早于起始日期")
        enrolment.valid_to = valid_to
        enrolment.save()
        add_event(
            ent.person, EventKind.END_ENROL, valid_to, entitlement=ent, benefit=enrolment.kind.name, reason=reason
        )
        return enrolment
