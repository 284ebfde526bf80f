"""Serving members (现役军人) and their families on the registry (category 91 军人家属)."""

from datetime import date

from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.conscription.choices import RankKind
from shuangyong.conscription.models import Candidate, FamilyMember, ServiceMember
from shuangyong.conscription.services.errors import ConscriptionError
from shuangyong.regions.codes import Level, level_of
from shuangyong.registry import idnumber
from shuangyong.registry.models import Category, Entitlement, Person
from shuangyong.registry.services.lifecycle import (
    RegistryError,
    approve_entitlement,
    register_entitlement,
)
from shuangyong.registry.services.persons import register_person

FAMILY_CATEGORY = "91"
MEMBER_FIELDS = ("military_unit", "rank_kind", "conscript_service", "hukou", "note", "plaque_hung_on")
PERSON_FIELDS = ("phone", "address", "hukou", "bank_name", "bank_holder", "bank_account")


def county_of(region_code: str) -> str:
    """The county (6-digit prefix) of a region code, as a 12-digit code."""
    if level_of(region_code) < Level.COUNTY:
        raise ConscriptionError(f"区划 {region_code} 不是县级或以下区划")
    return region_code[:6] + "000000"


def _locked(member: ServiceMember, user) -> ServiceMember:
    locked = ServiceMember.objects.select_for_update().get(pk=member.pk)
    ensure_can_write(user, locked)
    return locked


def _save_new(member: ServiceMember) -> ServiceMember:
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise ConscriptionError(f"身份证号 {member.id_number} 已登记为现役军人") from None
    return member


@transaction.atomic
def enlist(candidate: Candidate, *, user, **fields) -> ServiceMember:
    """A dispatched candidate becomes a serving member (义务兵), enlisted by the county of their village."""
    with actor_for(user):
        if candidate.dispatched_on is None:
            raise ConscriptionError(f"{candidate.name}尚未起运，不能登记为现役军人")
        member = ServiceMember(
            name=candidate.name,
            id_number=candidate.id_number,
            sex=candidate.sex,
            birth_date=candidate.birth_date,
            region_id=candidate.region_id,
            enlistment_county_id=county_of(candidate.region_id),
            hukou=candidate.hukou,
            candidate=candidate,
            military_unit=candidate.military_unit,
            rank_kind=RankKind.CONSCRIPT,
            enlistment_date=candidate.dispatched_on,
            **{k: v for k, v in fields.items() if k in MEMBER_FIELDS},
        )
        ensure_can_write(user, member)
        return _save_new(member)


@transaction.atomic
def register_member(*, id_number: str, name: str, region, enlistment_date: date, user, **fields) -> ServiceMember:
    """A serving member who did not pass through this system's 征兵 (enlisted earlier, or imported)."""
    with actor_for(user):
        try:
            checked = idnumber.parse(id_number)
        except idnumber.IdNumberError as exc:
            raise ConscriptionError(str(exc)) from None
        county = fields.pop("enlistment_county", None)
        member = ServiceMember(
            name=name,
            id_number=checked.value,
            sex=checked.sex,
            birth_date=checked.birth_date,
            region=region,
            enlistment_county_id=county.code if county else county_of(region.code),
            enlistment_date=enlistment_date,
            **{k: v for k, v in fields.items() if k in MEMBER_FIELDS},
        )
        ensure_can_write(user, member)
        return _save_new(member)


@transaction.atomic
def update_member(member: ServiceMember, *, user, **fields) -> ServiceMember:
    """部队、人员类别、光荣牌 and other details; leaving service is discharge_member."""
    from shuangyong.conscription.services.allowances import refresh_allowances

    with actor_for(user):
        m = _locked(member, user)
        changed = False
        for name, value in fields.items():
            if name in MEMBER_FIELDS and getattr(m, name) != value:
                setattr(m, name, value)
                changed = True
        if changed:
            m.save()
            refresh_allowances(m, user=user, strict=False)
        return m


@transaction.atomic
def hang_plaque(member: ServiceMember, *, on: date, user) -> ServiceMember:
    """悬挂光荣牌 at the family's home."""
    with actor_for(user):
        m = _locked(member, user)
        if on < m.enlistment_date:
            raise ConscriptionError(f"光荣牌悬挂日期（{on}）不能早于入伍日期（{m.enlistment_date}）")
        m.plaque_hung_on = on
        m.save()
        return m


@transaction.atomic
def discharge_member(member: ServiceMember, *, on: date, user) -> ServiceMember:
    """退出现役: allowances are owed only for years of service begun before this day."""
    from shuangyong.conscription.services.allowances import refresh_allowances

    with actor_for(user):
        m = _locked(member, user)
        if on < m.enlistment_date:
            raise ConscriptionError(f"退出现役日期（{on}）不能早于入伍日期（{m.enlistment_date}）")
        m.discharge_date = on
        m.save()
        refresh_allowances(m, user=user, strict=False)
        return m


def _family_entitlement(member: ServiceMember, person: Person, relation: str, on: date, user) -> Entitlement:
    category = Category.objects.get(code=FAMILY_CATEGORY)
    entitlement = Entitlement.objects.filter(person=person, category=category).first()
    if entitlement is None:
        fields = {"relation": relation, "soldier_name": member.name, "enlistment_date": member.enlistment_date}
        entitlement = register_entitlement(person, category=category, on=on, user=user, **fields)
        return approve_entitlement(entitlement, on=on, user=user)
    elif entitlement.soldier_name != member.name or entitlement.relation != relation:
        entitlement.soldier_name, entitlement.relation = member.name, relation
        entitlement.save()
    return entitlement


def _person(member: ServiceMember, id_number: str, name: str, on: date, user, fields: dict) -> Person:
    try:
        checked = idnumber.parse(id_number)
    except idnumber.IdNumberError as exc:
        raise ConscriptionError(f"家属身份证号：{exc}") from None
    person = Person.objects.filter(id_number=checked.value).first()
    if person is not None:
        return person
    values = {k: v for k, v in fields.items() if k in PERSON_FIELDS and v}
    return register_person(user=user, id_number=checked.value, on=on, name=name, region=member.region, **values)


@transaction.atomic
def add_family_member(
    member: ServiceMember,
    *,
    id_number: str,
    name: str,
    relation: str,
    on: date,
    payee: bool = False,
    user,
    **fields,
) -> FamilyMember:
    """A family member on the registry as 军人家属 (registered there if new); `payee` receives the 优待金."""
    from shuangyong.conscription.services.allowances import refresh_allowances

    with actor_for(user):
        m = _locked(member, user)
        if not relation.strip():
            raise ConscriptionError("请填写与军人关系")
        try:
            person = _person(m, id_number, name, on, user, fields)
            entitlement = _family_entitlement(m, person, relation.strip(), on, user)
        except RegistryError as exc:
            raise ConscriptionError(str(exc)) from None
        link = FamilyMember.objects.filter(member=m, entitlement=entitlement).first()
        if link is None:
            link = FamilyMember(member=m, entitlement=entitlement)
            link.save()
        if payee and m.payee_id != entitlement.pk:
            m.payee = entitlement
            m.save()
            refresh_allowances(m, user=user, strict=False)
        return link
