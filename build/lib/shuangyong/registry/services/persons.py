"""Registering a person by hand and correcting their details (the import does the same in bulk)."""

from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.pinyin import initials
from shuangyong.registry import idnumber
from shuangyong.registry.choices import EventKind
from shuangyong.registry.models import Person
from shuangyong.registry.services.lifecycle import RegistryError
from shuangyong.registry.services.timeline import add_event

EDITABLE = (
    "name",
    "ethnicity",
    "phone",
    "address",
    "region",
    "hukou",
    "bank_name",
    "bank_holder",
    "bank_account",
    "note",
)


@transaction.atomic
def register_person(*, user, id_number: str, on, **fields) -> Person:
    """A new person on the registry; sex and birth date come from the ID number."""
    with actor_for(user):
        try:
            checked = idnumber.parse(id_number)
        except idnumber.IdNumberError as exc:
            raise RegistryError(str(exc)) from None
        person = Person(
            id_number=checked.value,
            sex=checked.sex,
            birth_date=checked.birth_date,
            **{k: v for k, v in fields.items() if k in EDITABLE},
        )
        person.name_initials = initials(person.name)
        person.bank_holder = person.bank_holder or person.name
        ensure_can_write(user, person)
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError:
            raise RegistryError(f"身份证号 {checked.value} 已登记，请在列表中查找该人员") from None
        return person


@transaction.atomic
def update_person(person: Person, *, user, on, **fields) -> Person:
    """修改信息: details that are not life events (phone, address, bank ...); moving town is 迁移 instead."""
    with actor_for(user):
        locked = Person.objects.select_for_update().get(pk=person.pk)
        ensure_can_write(user, locked)
        changed = {}
        for name, value in fields.items():
            if name in EDITABLE and getattr(locked, name) != value:
                changed[name] = str(value)
                setattr(locked, name, value)
        ensure_can_write(user, locked)  # the new region must be in scope too
        if not changed:
            return locked
        locked.name_initials = initials(locked.name)
        locked.save()
        add_event(locked, EventKind.EDIT, on, changed=sorted(changed))
        return locked
