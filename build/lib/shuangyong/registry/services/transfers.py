"""跨县迁移 (条例 §30, 褒扬条例 §22): 迁出 by the old county, 迁入 or 退回 by the destination county.

The old county owes the whole year of the move, the new county from the January after. The person's
entitlements stay one record throughout; what changes is who pays a month:
- sent, not yet accepted: the person is still the old county's, its entitlements "迁出" with 止发月份 December;
- accepted: the person's region becomes the new town or village, its entitlements active again, and
  Person.prior_region / prior_until tell the payment engine that the months through December are the old
  county's (paid from the person's old place there);
- returned: the entitlements are active again in the old county, as if nothing had been sent.
A move inside one county is no transfer: changing the person's region is enough.
"""

from datetime import date

from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ScopeDenied, ensure_can_write, in_subtree
from shuangyong.accounts.system import is_system
from shuangyong.audit.context import actor_for
from shuangyong.regions.codes import Level, county_code, level_of, subtree_bounds
from shuangyong.regions.models import Region
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.models import Person, Transfer
from shuangyong.registry.services.lifecycle import RegistryError, check_entitlement_rules
from shuangyong.registry.services.timeline import add_event


def incoming(user):
    """Transfers sent to a county in the user's scope: the county office (or a city or province above it) receives
    them and places each person in one of its towns or villages."""
    if user is None or not user.is_authenticated or not user.region_id:
        return Transfer.objects.none()
    lo, hi = subtree_bounds(user.region_id)
    return Transfer.objects.filter(to_county_id__gte=lo, to_county_id__lte=hi)


def related_to(user):
    """Transfers the user's side sent (from its scope) or receives."""
    from shuangyong.accounts.scope import visible

    return (visible(user, Transfer.objects.all()) | incoming(user)).distinct()


def readable_person(user, pk: int) -> Person | None:
    """The person if the user may read them: in scope, or linked to the user's county by a transfer (the old county
    still pays their year; the destination checks whom it receives)."""
    from shuangyong.accounts.scope import visible

    person = visible(user, Person.objects.select_related("region")).filter(pk=pk).first()
    if person is None and related_to(user).filter(person_id=pk).exists():
        person = Person.objects.select_related("region").get(pk=pk)
    return person


def _end_of_year(day: date) -> date:
    return date(day.year, 12, 1)


@transaction.atomic
def send_transfer(
    person: Person,
    *,
    on: date,
    to_county: Region | None = None,
    destination: str = "",
    files_handed: bool = False,
    user,
) -> Transfer:
    """迁出: the old county pays through December of `on`'s year (its runs keep paying the person until then)."""
    with actor_for(user):
        locked = Person.objects.select_for_update().get(pk=person.pk)
        ensure_can_write(user, locked)
        if locked.death_date:
            raise RegistryError(f"{locked.name}已去世，不能迁出")
        if on > date.today():
            raise RegistryError("迁出日期不能晚于今天")
        if to_county is not None:
            if level_of(to_county.code) != Level.COUNTY:
                raise RegistryError(f"迁入地“{to_county.name}”不是县（区）")
            if county_code(locked.region_id) == to_county.code:
                raise RegistryError("县内迁移不是跨县迁移：请直接修改所在区划")
            destination = destination or to_county.full_name
        if not destination:
            raise RegistryError("请填写迁往的县（区）")
        entitlements = list(
            locked.entitlements.select_for_update().filter(status__in=[Status.ACTIVE, Status.SUSPENDED])
        )
        if not entitlements:
            raise RegistryError(f"{locked.name}没有正在享受或停发中的待遇，无需办理迁出")
        pay_until = _end_of_year(on)
        try:
            with transaction.atomic():
                transfer = Transfer.objects.create(
                    person=locked,
                    from_region_id=locked.region_id,
                    to_county=to_county,
                    destination=destination[:100],
                    moved_on=on,
                    files_handed=files_handed,
                    pay_until=pay_until,
                    sent_by=user,
                )
        except IntegrityError as exc:
            raise RegistryError(f"{locked.name}已有待接收的迁出记录") from exc
        for ent in entitlements:
            ent.status, ent.status_date, ent.status_reason = Status.MOVED_OUT, on, f"迁往{destination}"[:200]
            ent.pay_until = pay_until
            ent.save()
        add_event(
            locked,
            EventKind.MOVE_OUT,
            on,
            destination=destination,
            categories=[ent.category.name for ent in entitlements],
            pay_until=pay_until.isoformat(),
            files_handed=files_handed,
            transfer=transfer.pk,
        )
        return transfer


def _locked_pending(transfer: Transfer, user) -> Transfer:
    # of=("self",): PostgreSQL locks no row of an outer join (to_county may be empty)
    locked = Transfer.objects.select_for_update(of=("self",)).select_related("person", "to_county").get(pk=transfer.pk)
    if locked.state != Transfer.State.SENT:
        raise RegistryError(f"该迁移已{locked.get_state_display()}，不能再办理")
    if locked.to_county_id is None:
        raise RegistryError("该迁移迁往本系统以外的地区，由迁入地自行办理")
    if not is_system(user) and not (user.region_id and in_subtree(locked.to_county_id, user.region_id)):
        raise ScopeDenied("该迁移不是迁入您管辖的县（区）")
    return locked


@transaction.atomic
def accept_transfer(transfer: Transfer, *, on: date, region: Region, user) -> Transfer:
    """迁入: the person now lives in `region` (a town or village of the destination county); the new county pays
    from the January after the move year, the old one through its December."""
    with actor_for(user):
        locked = _locked_pending(transfer, user)
        county = locked.to_county
        if county is None or not in_subtree(region.code, county.code) or region.level < Level.TOWN:
            raise RegistryError(f"迁入地应为{county.name if county else '迁入县'}的乡镇（街道）或村（社区）")
        if on < locked.moved_on:
            raise RegistryError("迁入日期不能早于迁出日期")
        if on > date.today():
            raise RegistryError("迁入日期不能晚于今天")
        person = Person.objects.select_for_update().get(pk=locked.person_id)
        ensure_can_write(user, Person(region=region))  # the destination side may place persons there
        # a county that already owes this year (an earlier move the same year) keeps it: the year is owed once
        if not (person.prior_until and person.prior_until >= locked.pay_until):
            person.prior_region_id, person.prior_until = locked.from_region_id, locked.pay_until
        person.region = region
        person.save()
        for ent in person.entitlements.select_for_update().filter(status=Status.MOVED_OUT):
            check_entitlement_rules(ent, person, on)
            ent.status, ent.status_date, ent.status_reason = Status.ACTIVE, on, f"自{locked.from_region.name}迁入"
            ent.pay_until = None
            ent.save()
        locked.state, locked.to_region, locked.accepted_on, locked.decided_by = (
            Transfer.State.ACCEPTED,
            region,
            on,
            user,
        )
        locked.save()
        add_event(
            person,
            EventKind.MOVE_IN,
            on,
            origin=locked.from_region.full_name,
            region=region.full_name,
            old_county_pays_until=locked.pay_until.isoformat(),
            transfer=locked.pk,
        )
        return locked


@transaction.atomic
def return_transfer(transfer: Transfer, *, reason: str, user) -> Transfer:
    """退回: the destination refuses (wrong person, files missing ...); the old county pays on as before."""
    with actor_for(user):
        if not reason.strip():
            raise RegistryError("请填写退回原因")
        locked = _locked_pending(transfer, user)
        person = Person.objects.select_for_update().get(pk=locked.person_id)
        for ent in person.entitlements.select_for_update().filter(status=Status.MOVED_OUT, pay_until=locked.pay_until):
            ent.status, ent.status_reason, ent.pay_until = Status.ACTIVE, f"迁移被退回：{reason}"[:200], None
            if ent.pauses.filter(last_month__isnull=True).exists():
                ent.status = Status.SUSPENDED
            ent.save()
        locked.state, locked.return_reason, locked.decided_by = Transfer.State.RETURNED, reason.strip()[:200], user
        locked.save()
        add_event(person, EventKind.MOVE_RETURNED, date.today(), reason=reason, transfer=locked.pk)
        return locked
