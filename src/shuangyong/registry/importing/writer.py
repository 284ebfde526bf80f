"""Writing validated roster rows, a chunk at a time, inside the import's single transaction.

New persons and entitlements go in with bulk inserts; changed ones are updated in bulk and each change is
written to the audit log with its before and after. Persons created by an import point to its ImportBatch,
which is their audit record (who, when, which file, which row): a million per-row entries would double
the import for no extra information.
"""

from datetime import date

from shuangyong.accounts.scope import in_subtree
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record_many, to_json
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.importing.rows import ParsedRow, Problem
from shuangyong.registry.models import Entitlement, Person, PersonEvent
from shuangyong.registry.names import initials

# which sheet column supplies which field: a field is only compared or changed when its column is present
PERSON_SOURCES = {
    "name": "name",
    "sex": "id_number",
    "birth_date": "id_number",
    "ethnicity": "ethnicity",
    "phone": "phone",
    "address": "address",
    "region_id": ("town", "village", "region_code"),
    "hukou": "hukou",
    "bank_name": "bank_name",
    "bank_holder": ("bank_holder", "bank_account"),
    "bank_account": "bank_account",
    "note": "note",
}
ENTITLEMENT_SOURCES = {
    name: name
    for name in (
        "disability_grade",
        "disability_nature",
        "certificate_no",
        "enlistment_date",
        "discharge_date",
        "service_years",
        "relation",
        "soldier_name",
        "approval_date",
        "paid_through",
        "support_mode",
    )
}


def _present(columns: dict, sources: dict) -> list[str]:
    fields = []
    for field_name, source in sources.items():
        keys = source if isinstance(source, tuple) else (source,)
        if any(k in columns for k in keys):
            fields.append(field_name)
    return fields


class ChunkWriter:
    def __init__(self, *, root, batch, columns: dict, actor, today: date, id_header: str):
        self.id_header = id_header
        self.root = root
        self.batch = batch
        self.actor = actor
        self.today = today
        self.person_fields = _present(columns, PERSON_SOURCES)
        self.entitlement_fields = _present(columns, ENTITLEMENT_SOURCES)
        self.created = self.updated = self.unchanged = 0

    def write(self, rows: list[ParsedRow]) -> list[Problem]:
        problems: list[Problem] = []
        persons = {p.id_number: p for p in Person.objects.filter(id_number__in={r.id_number for r in rows})}
        entitlements = {
            (e.person_id, e.category_id): e
            for e in Entitlement.objects.filter(person__in=[p.pk for p in persons.values()])
        }
        new_persons: list[Person] = []
        new_entitlements: list[tuple[Person, ParsedRow]] = []
        changed_persons: dict[int, tuple[Person, dict, dict, int]] = {}
        changed_entitlements: list[tuple[Entitlement, dict, dict, int]] = []

        for row in rows:
            person = persons.get(row.id_number)
            if person is None:
                person = Person(
                    id_number=row.id_number,
                    name_initials=initials(row.person["name"]),
                    import_batch=self.batch,
                    **row.person,
                )
                persons[row.id_number] = person
                new_persons.append(person)
                new_entitlements.append((person, row))
                self.created += 1
                continue
            if person.pk and not in_subtree(person.region_id, self.root.code):
                problems.append(
                    Problem(
                        row.row,
                        self.id_header,
                        f"该人员已登记在区划 {person.region_id}，不在本次导入范围内，请办理迁移",
                    )
                )
                continue
            if person.pk and person.death_date:
                problems.append(Problem(row.row, self.id_header, f"该人员已于 {person.death_date} 去世"))
                continue
            person_before, person_after = self._diff(person, row.person, self.person_fields)
            entitlement = entitlements.get((person.pk, row.category.pk)) if person.pk else None
            if entitlement is None:
                new_entitlements.append((person, row))
                if person_after and person.pk:
                    changed_persons[person.pk] = (person, person_before, person_after, row.row)
                self.created += 1
                continue
            ent_before, ent_after = self._diff(entitlement, row.entitlement, self.entitlement_fields)
            if person_after and person.pk:
                changed_persons[person.pk] = (person, person_before, person_after, row.row)
            if ent_after:
                changed_entitlements.append((entitlement, ent_before, ent_after, row.row))
            if person_after or ent_after:
                self.updated += 1
            else:
                self.unchanged += 1

        Person._base_manager.bulk_create(new_persons, batch_size=1000)
        Entitlement._base_manager.bulk_create(
            [self._entitlement(person, row) for person, row in new_entitlements], batch_size=1000
        )
        self._save_changes(changed_persons.values(), changed_entitlements)
        return problems

    @staticmethod
    def _diff(obj, values: dict, fields: list[str]) -> tuple[dict, dict]:
        before, after = {}, {}
        for name in fields:
            new = values[name]
            if getattr(obj, name) != new:
                before[name], after[name] = getattr(obj, name), new
                setattr(obj, name, new)
        return before, after

    def _entitlement(self, person: Person, row: ParsedRow) -> Entitlement:
        values = row.entitlement
        return Entitlement(
            person=person,
            category=row.category,
            status=Status.ACTIVE,
            status_date=values["approval_date"] or self.today,
            **values,
        )

    def _save_changes(self, persons, entitlements) -> None:
        persons, entitlements = list(persons), list(entitlements)
        if persons:
            fields = sorted({f for _, _, after, _ in persons for f in after})
            if "name" in fields:
                for person, *_ in persons:
                    person.name_initials = initials(person.name)
                fields.append("name_initials")
            Person._base_manager.bulk_update([p for p, *_ in persons], fields, batch_size=1000)
            record_many(
                AuditAction.UPDATE,
                Person,
                [(p.pk, p.name, to_json(before), to_json(after)) for p, before, after, _ in persons],
                note=f"导入批次 {self.batch.pk}",
            )
        if entitlements:
            fields = sorted({f for _, _, after, _ in entitlements for f in after})
            Entitlement._base_manager.bulk_update([e for e, *_ in entitlements], fields, batch_size=1000)
            record_many(
                AuditAction.UPDATE,
                Entitlement,
                [
                    (e.pk, f"{e.person_id}·{e.category_id}", to_json(before), to_json(after))
                    for e, before, after, _ in entitlements
                ],
                note=f"导入批次 {self.batch.pk}",
            )
        events = [
            PersonEvent(
                person=p,
                kind=EventKind.IMPORT_UPDATE,
                date=self.today,
                created_by=self.actor,
                details={"batch": self.batch.pk, "row": row, "changed": to_json(after)},
            )
            for p, _, after, row in persons
        ] + [
            PersonEvent(
                person_id=e.person_id,
                entitlement=e,
                kind=EventKind.IMPORT_UPDATE,
                date=self.today,
                created_by=self.actor,
                details={"batch": self.batch.pk, "row": row, "changed": to_json(after)},
            )
            for e, _, after, row in entitlements
        ]
        PersonEvent.objects.bulk_create(events, batch_size=1000)
