"""Writing the person's timeline. Called only by the life-event services, inside their transaction."""

from datetime import date

from shuangyong.audit.context import current_actor
from shuangyong.audit.services import to_json
from shuangyong.registry.models import Entitlement, Person, PersonEvent


def add_event(person: Person, kind: str, when: date, *, entitlement: Entitlement | None = None, **details):
    return PersonEvent.objects.create(
        person=person,
        entitlement=entitlement,
        kind=kind,
        date=when,
        details=to_json(details),
        created_by=current_actor().user,
    )
