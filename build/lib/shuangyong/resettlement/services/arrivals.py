"""Putting a returning soldier on the year's 花名册: the person on the registry (category 81 其他退役军人, which
receives the one-time payments), then the arrival with its 报到 deadline."""

from datetime import date

from django.db import transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.pinyin import initials
from shuangyong.registry import idnumber
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.models import Category, Entitlement, Person
from shuangyong.registry.services import lifecycle
from shuangyong.registry.services.lifecycle import RegistryError
from shuangyong.registry.services.persons import register_person
from shuangyong.registry.services.timeline import add_event
from shuangyong.resettlement.choices import DeadlineCode
from shuangyong.resettlement.models import Arrival
from shuangyong.resettlement.services.rules import (
    ResettlementError,
    check_dates,
    check_method_allowed,
    due_date,
    service_years_of,
)

VETERAN_CATEGORY = "81"  # 其他退役军人
ARRIVAL_FIELDS = (
    "soldier_kind",
    "enlisted_on",
    "discharged_on",
    "service_years",
    "unit_served",
    "highest_award",
    "awards",
    "disability_grade",
    "disability_nature",
    "hukou",
    "arrival_date",
    "reported_on",
    "archive_received_on",
    "method",
    "paid_before_system_on",
    "paid_before_system_fen",
    "note",
)


def _new_person(*, id_number: str, on: date, user, **fields) -> Person:
    return register_person(user=user, id_number=id_number, on=on, **fields)
    # the command line (import-arrivals) acts for the office over the --region it was given, as import-persons does
    checked = idnumber.parse(id_number)
    person = Person(id_number=checked.value, sex=checked.sex, birth_date=checked.birth_date, **fields)
    person.name_initials = initials(person.name)
    person.bank_holder = person.name
    person.save()
    add_event(person, EventKind.IMPORT_CREATE, on, source="退役士兵花名册")
    return person


def _veteran_entitlement(person: Person, *, on: date, user, service: dict) -> Entitlement:
    """The person's 其他退役军人 entitlement, registered and approved if missing (it carries the payments)."""
    category = Category.objects.get(code=VETERAN_CATEGORY)
    entitlement = Entitlement.objects.filter(person=person, category=category).first()
    if entitlement is None:
        entitlement = lifecycle.register_entitlement(person, category=category, on=on, user=user, **service)
    if entitlement.status in (Status.APPLIED, Status.NOT_ENTITLED):
        entitlement = lifecycle.approve_entitlement(entitlement, on=on, user=user)
    return entitlement


def veteran_of(*, id_number: str, name: str, region, on: date, user, service: dict, **details):
    """The registry person with this ID number (registered if absent) and their 其他退役军人 entitlement."""
    try:
        checked = idnumber.parse(id_number)
    except idnumber.IdNumberError as exc:
        raise ResettlementError(str(exc)) from None
    person = Person.objects.filter(id_number=checked.value).first()
    try:
        if person is None:
            person = _new_person(id_number=checked.value, on=on, user=user, name=name, region=region, **details)
        else:
            ensure_can_write(user, person)
        if person.death_date:
            raise ResettlementError(f"{person.name}已登记去世，不能列入安置名册")
        return person, _veteran_entitlement(person, on=on, user=user, service=service)
    except RegistryError as exc:
        raise ResettlementError(str(exc)) from None


def check_arrival(arrival: Arrival) -> None:
    check_dates(enlisted=arrival.enlisted_on, discharged=arrival.discharged_on, arrival=arrival.arrival_date)
    if arrival.reported_on and arrival.reported_on < arrival.arrival_date:
        raise ResettlementError("报到日期不能早于到达安置地日期", field="reported_on")
    if arrival.disability_grade is not None and not 1 <= arrival.disability_grade <= 10:
        raise ResettlementError("伤残等级应为一级至十级", field="disability_grade")
    if arrival.disability_grade and not arrival.disability_nature:
        raise ResettlementError("填写了伤残等级，请同时填写伤残性质（因战、因公或因病）", field="disability_nature")
    if arrival.method is not None:
        check_method_allowed(arrival.method, arrival.soldier_kind)


def fill_derived(arrival: Arrival) -> None:
    """The 报到 deadline from the arrival date, the years of service from the dates when not given."""
    arrival.report_due = due_date(arrival.arrival_date, DeadlineCode.REPORT)
    if arrival.service_years is None:
        arrival.service_years = service_years_of(arrival.enlisted_on, arrival.discharged_on)
    if arrival.method_id and arrival.method_decided_on is None:
        arrival.method_decided_on = arrival.reported_on or arrival.arrival_date


@transaction.atomic
def register_arrival(*, user, id_number: str, name: str, region, phone: str = "", **fields) -> Arrival:
    """登记退役士兵: the person registered if absent, then the arrival (a method not open to the kind is refused)."""
    with actor_for(user):
        arrival = Arrival(region=region, **{k: v for k, v in fields.items() if k in ARRIVAL_FIELDS})
        ensure_can_write(user, arrival)
        check_arrival(arrival)
        fill_derived(arrival)
        person, entitlement = veteran_of(
            id_number=id_number,
            name=name,
            region=region,
            on=arrival.arrival_date,
            user=user,
            service={
                "enlistment_date": arrival.enlisted_on,
                "discharge_date": arrival.discharged_on,
                "service_years": arrival.service_years,
            },
            hukou=arrival.hukou,
            phone=phone,
        )
        if Arrival.objects.filter(person=person, arrival_date__year=arrival.arrival_date.year).exists():
            raise ResettlementError(f"{person.name}已在{arrival.arrival_date.year}年退役士兵名册中")
        arrival.person, arrival.entitlement = person, entitlement
        arrival.save()
        return arrival
