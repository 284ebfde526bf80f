"""Writing validated roster rows, a chunk at a time, inside the import's single transaction.

New persons and entitlements go in through bulk.insert_rows; changed ones are updated and each change is
written to the audit log with its before and after. Persons created by an import point to its ImportBatch,
which is their audit record (who, when, which file, which row): a million per-row entries would double the
import for no extra information.
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from shuangyong import fieldcrypt
from shuangyong.accounts.scope import in_subtree
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import mask_values, record_many, to_json
from shuangyong.pinyin import initials
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.importing import bulk
from shuangyong.registry.importing.rows import ENTITLEMENT_FIELDS, MEMO_LIMIT, PERSON_FIELDS, RowBatch
from shuangyong.registry.models import Entitlement, Person, PersonEvent
from shuangyong.sealed import decrypt as sealed_decrypt
from shuangyong.sealed import sealed_values
from shuangyong.sheets.problems import Problem


class Row(NamedTuple):
    """One row for the general path (existing persons, a person twice in a batch)."""

    row: int
    id_number: str
    person: dict
    category: str  # primary key
    entitlement: dict


# encrypted at rest (sealed.py); the importer writes them with COPY and executemany, so it seals them itself
SEALED = {"id_number": "id_number", "phone": "phone", "bank_account": "bank_account"}
SIBLINGS = ["id_number_index", "id_number_last4", "bank_account_index", "bank_account_shape"]

# which sheet columns supply which field: a field is only compared or changed when one of them is present
PERSON_SOURCES = {
    "name": ("name",),
    "sex": ("id_number",),
    "birth_date": ("id_number",),
    "ethnicity": ("ethnicity",),
    "phone": ("phone",),
    "address": ("address",),
    "region_id": ("town", "village", "region_code"),
    "hukou": ("hukou",),
    "bank_name": ("bank_name",),
    "bank_holder": ("bank_holder", "bank_account"),
    "bank_account": ("bank_account",),
    "note": ("note",),
}
PERSON_INSERT = [
    "id",
    "id_number",
    "name_initials",
    *PERSON_FIELDS,
    "death_date",
    "death_cause",
    "import_batch",
    "created_at",
    "updated_at",
    *SIBLINGS,
    "prior_region",
    "prior_until",
]
ENTITLEMENT_INSERT = [
    "person",
    "category",
    "status",
    "status_date",
    *ENTITLEMENT_FIELDS,
    "pay_from",
    "pay_until",
    "confirmed_year",
    "status_reason",
    "first_pause",
]


def sealed_columns(id_numbers: list[str], person: dict[str, list]) -> tuple[list, dict[str, list], list[list]]:
    """The columns as they are stored: ID numbers, phones and accounts encrypted, and the SIBLINGS columns."""
    seal = fieldcrypt.keys()
    stored = {**person, "phone": seal.encrypt_many(person["phone"], "phone")}
    stored["bank_account"] = seal.encrypt_many(person["bank_account"], "bank_account")
    blind = seal.blind
    siblings = [
        list(map(blind, id_numbers)),
        [v[-4:] for v in id_numbers],
        [blind(v) if v else "" for v in person["bank_account"]],
        list(map(Person._meta.get_field("bank_account_shape").compute, person["bank_account"])),
    ]
    return seal.encrypt_many(id_numbers, "id_number"), stored, siblings


def opened(values: dict) -> dict:
    """A person's stored values (read by fetch_rows) with the sealed ones decrypted."""
    for name, kind in SEALED.items():
        if values.get(name):
            values[name] = sealed_decrypt(values[name], kind)
    return values


# COPY column order for new persons and entitlements: the keys only the writer knows come last in each line
PERSON_COPY = [f for f in PERSON_INSERT if f not in ("id", "import_batch")] + ["import_batch", "id"]
ENTITLEMENT_COPY = [f for f in ENTITLEMENT_INSERT if f != "person"] + ["person"]
NOT_LOADED = object()


@dataclass(slots=True)
class Prepared:
    """A batch made ready by the parsing process (PostgreSQL): new persons as COPY text, the other rows as a batch."""

    id_numbers: list[str]
    person_lines: list[str]  # PERSON_COPY without import_batch and id
    entitlement_lines: list[str]  # ENTITLEMENT_COPY without person
    rest: RowBatch | None


def new_rows(batch: RowBatch, known_ids: set[str] | None) -> list[bool]:
    """Rows that bring a new person: first of their ID number in the sheet and not registered yet (`known_ids`
    holds the blind indexes of the registered numbers)."""
    if known_ids is None:
        return [False] * len(batch)
    if not known_ids:  # an empty registry: every first row is new, no index to compute
        return list(batch.fresh)
    blind = fieldcrypt.keys().blind
    return [
        fresh and blind(id_number) not in known_ids
        for fresh, id_number in zip(batch.fresh, batch.id_numbers, strict=True)
    ]


def split(batch: RowBatch, new: list[bool]) -> tuple[RowBatch | None, RowBatch | None]:
    if all(new):
        return batch, None
    if not any(new):
        return None, batch
    return batch.keep(new), batch.keep([not n for n in new])


def initials_of(names: list[str], memo: dict[str, str]) -> list[str]:
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    for name in dict.fromkeys(names):
        if name not in memo:
            memo[name] = initials(name)
    return list(map(memo.__getitem__, names))


def copy_lines(batch: RowBatch, now, today: date, memo: dict[str, str]) -> tuple[list[str], list[str]]:
    """The new rows of `batch` as COPY text lines (PERSON_COPY and ENTITLEMENT_COPY, keys left off)."""
    entitlement = batch.entitlement
    id_numbers, person, siblings = sealed_columns(batch.id_numbers, batch.person)
    persons = bulk.copy_lines(
        [
            id_numbers,
            initials_of(person["name"], memo),
            *(person[f] for f in PERSON_FIELDS),
            bulk.Same(None),
            bulk.Same(""),
            bulk.Same(now),
            bulk.Same(now),
            *siblings,
            bulk.Same(None),
            bulk.Same(None),
        ]
    )
    entitlements = bulk.copy_lines(
        [
            batch.categories,
            bulk.Same(Status.ACTIVE),
            [day or today for day in entitlement["approval_date"]],
            *(entitlement[f] for f in ENTITLEMENT_FIELDS),
            bulk.Same(None),
            bulk.Same(None),
            bulk.Same(None),
            bulk.Same(""),
            bulk.Same(None),
        ]
    )
    return persons, entitlements


def prepare(batch: RowBatch, known_ids: set[str] | None, now, today: date, memo: dict[str, str]) -> Prepared:
    new, rest = split(batch, new_rows(batch, known_ids))
    if new is None:
        return Prepared([], [], [], rest)
    return Prepared(new.id_numbers, *copy_lines(new, now, today, memo), rest)


class ChunkWriter:
    def __init__(
        self, *, root, batch, columns: dict, actor, today: date, id_header: str, now=None, known_ids=NOT_LOADED
    ):
        self.root = root
        self.batch = batch
        self.actor = actor
        self.today = today
        self.id_header = id_header
        self.now = now or timezone.now()
        self.person_fields = [f for f, keys in PERSON_SOURCES.items() if any(k in columns for k in keys)]
        self.entitlement_fields = [f for f in ENTITLEMENT_FIELDS if f in columns]
        self.created = self.updated = self.unchanged = 0
        self.known_ids = existing_ids() if known_ids is NOT_LOADED else known_ids
        self.inserted: dict[str, int] = {}  # persons this import created: id_number -> primary key
        self.initials_of: dict[str, str] = {}

    def write(self, chunk: RowBatch | Prepared) -> list[Problem]:
        """New persons go in column-wise; the other rows (registered persons, a second category) one by one."""
        if isinstance(chunk, Prepared):
            self._copy_new(chunk.id_numbers, chunk.person_lines, chunk.entitlement_lines)
            rest = chunk.rest
        else:
            new, rest = split(chunk, new_rows(chunk, self.known_ids))
            if new is not None:
                self._insert_new(new)
        if rest is None:
            return []
        slow = self._count_unchanged(rest)
        return self._write_rows([Row(*rest.record(i)) for i in slow])

    def _count_unchanged(self, batch: RowBatch) -> list[int]:
        """Counts the rows that change nothing (the bulk of a repeated import) with one tuple comparison each;
        returns the positions of the others, for _write_rows. Only a person's first row can be judged so: a
        later one must see what the rows before it changed."""
        known = self.known_ids
        blinds = list(map(fieldcrypt.keys().blind, batch.id_numbers))
        candidates = [
            i
            for i, (fresh, index) in enumerate(zip(batch.fresh, blinds, strict=True))
            if fresh and (known is None or index in known)
        ]
        if not candidates:
            return list(range(len(batch)))
        person_keys = ["id", "id_number_index", "death_date", "region_id", *self.person_fields]
        sealed_at = [(n, SEALED[f]) for n, f in enumerate(person_keys) if f in SEALED]
        persons = {}
        for values in bulk.fetch_rows(Person, "id_number_index", [blinds[i] for i in candidates], person_keys):
            if sealed_at:
                values = list(values)
                for n, kind in sealed_at:
                    values[n] = sealed_decrypt(values[n], kind)
                values = tuple(values)
            persons[values[1]] = values
        ent_keys = ["id", "person_id", "category_id", *self.entitlement_fields]
        entitlements = {
            (values[1], values[2]): values
            for values in bulk.fetch_rows(Entitlement, "person", [p[0] for p in persons.values()], ent_keys)
        }
        sheet_persons = list(zip(*(batch.person[f] for f in self.person_fields), strict=True))
        sheet_entitlements = list(zip(*(batch.entitlement[f] for f in self.entitlement_fields), strict=True))
        if not self.person_fields:
            sheet_persons = [()] * len(batch)
        if not self.entitlement_fields:
            sheet_entitlements = [()] * len(batch)
        root = self.root.code
        unchanged = set()
        for i in candidates:
            person = persons.get(blinds[i])
            if person is None or person[2] is not None or not in_subtree(person[3], root):
                continue
            entitlement = entitlements.get((person[0], batch.categories[i]))
            if entitlement and _same(person[4:], sheet_persons[i]) and _same(entitlement[3:], sheet_entitlements[i]):
                unchanged.add(i)
        self.unchanged += len(unchanged)
        return [i for i in range(len(batch)) if i not in unchanged]

    def _write_rows(self, rows: list["Row"]) -> list[Problem]:
        problems: list[Problem] = []
        person_keys = ["id", "id_number", "death_date", *PERSON_FIELDS]
        blind = fieldcrypt.keys().blind
        wanted = {blind(r.id_number) for r in rows}
        if self.known_ids is not None:
            wanted &= self.known_ids
        persons = {}
        for values in bulk.fetch_rows(Person, "id_number_index", list(wanted), person_keys):
            person = opened(dict(zip(person_keys, map(bulk.plain, values), strict=True)))
            persons[person["id_number"]] = person
        for row in rows:  # a second category of a person created earlier in this import
            if row.id_number in self.inserted and row.id_number not in persons:
                persons[row.id_number] = {"id": self.inserted[row.id_number], "death_date": None, **row.person}
        ent_keys = ["id", "person_id", "category_id", *ENTITLEMENT_FIELDS]
        entitlements = {
            (values[1], values[2]): dict(zip(ent_keys, map(bulk.plain, values), strict=True))
            for values in bulk.fetch_rows(Entitlement, "person", [p["id"] for p in persons.values()], ent_keys)
        }
        new_persons: list[Row] = []
        new_entitlements: list[tuple[str, Row]] = []
        changed_persons: dict[int, tuple[dict, dict, dict, int]] = {}
        changed_entitlements: list[tuple[dict, dict, dict, int]] = []

        for row in rows:
            person = persons.get(row.id_number)
            if person is None:
                persons[row.id_number] = {"id": None, **row.person}
                new_persons.append(row)
                new_entitlements.append((row.id_number, row))
                self.created += 1
                continue
            if person["id"] and not in_subtree(person["region_id"], self.root.code):
                problems.append(
                    Problem(
                        row.row,
                        self.id_header,
                        f"该人员已登记在区划 {person['region_id']}，不在本次导入范围内，请办理迁移",
                    )
                )
                continue
            if person["id"] and person.get("death_date"):
                problems.append(Problem(row.row, self.id_header, f"该人员已于 {person['death_date']} 去世"))
                continue
            person_change = _diff(person, row.person, self.person_fields)
            if person_change[1] and person["id"]:
                changed_persons[person["id"]] = (person, *person_change, row.row)
            entitlement = entitlements.get((person["id"], row.category)) if person["id"] else None
            if entitlement is None:
                new_entitlements.append((row.id_number, row))
                self.created += 1
                continue
            ent_change = _diff(entitlement, row.entitlement, self.entitlement_fields)
            if ent_change[1]:
                changed_entitlements.append((entitlement, *ent_change, row.row))
            if person_change[1] or ent_change[1]:
                self.updated += 1
            else:
                self.unchanged += 1

        self._insert(new_persons, new_entitlements, persons)
        self._update(changed_persons.values(), changed_entitlements)
        return problems

    def _insert_new(self, batch: RowBatch) -> None:
        """New persons with one entitlement each, inserted column by column."""
        if connection.vendor == "postgresql":
            self._copy_new(batch.id_numbers, *copy_lines(batch, self.now, self.today, self.initials_of))
            return
        pks = bulk.allocate_ids(Person, len(batch))
        self.inserted.update(zip(batch.id_numbers, pks, strict=True))
        self.created += len(batch)
        entitlement = batch.entitlement
        id_numbers, person, siblings = sealed_columns(batch.id_numbers, batch.person)
        bulk.insert_columns(
            Person,
            PERSON_INSERT,
            [
                pks,
                id_numbers,
                initials_of(person["name"], self.initials_of),
                *(person[f] for f in PERSON_FIELDS),
                bulk.Same(None),
                bulk.Same(""),
                bulk.Same(self.batch.pk),
                bulk.Same(self.now),
                bulk.Same(self.now),
                *siblings,
                bulk.Same(None),
                bulk.Same(None),
            ],
        )
        bulk.insert_columns(
            Entitlement,
            ENTITLEMENT_INSERT,
            [
                pks,
                batch.categories,
                bulk.Same(Status.ACTIVE),
                [day or self.today for day in entitlement["approval_date"]],
                *(entitlement[f] for f in ENTITLEMENT_FIELDS),
                bulk.Same(None),
                bulk.Same(None),
                bulk.Same(None),
                bulk.Same(""),
                bulk.Same(None),
            ],
        )

    def _copy_new(self, id_numbers: list[str], person_lines: list[str], entitlement_lines: list[str]) -> None:
        if not id_numbers:
            return
        pks = bulk.allocate_ids(Person, len(id_numbers))
        self.inserted.update(zip(id_numbers, pks, strict=True))
        self.created += len(id_numbers)
        line = f"{{}}\t{self.batch.pk}\t{{}}\n".format
        bulk.copy_text(Person, PERSON_COPY, "".join(map(line, person_lines, pks)))
        bulk.copy_text(Entitlement, ENTITLEMENT_COPY, "".join(map("{}\t{}\n".format, entitlement_lines, pks)))

    def _insert(self, new_persons: list["Row"], new_entitlements, persons: dict) -> None:
        for row, pk in zip(new_persons, bulk.allocate_ids(Person, len(new_persons)), strict=True):
            persons[row.id_number]["id"] = pk
            self.inserted[row.id_number] = pk
        columns = {f: [r.person[f] for r in new_persons] for f in PERSON_FIELDS}
        id_numbers, stored, siblings = sealed_columns([r.id_number for r in new_persons], columns)
        bulk.insert_rows(
            Person,
            PERSON_INSERT,
            [
                (
                    persons[r.id_number]["id"],
                    id_numbers[n],
                    initials(r.person["name"]),
                    *(stored[f][n] for f in PERSON_FIELDS),
                    None,
                    "",
                    self.batch.pk,
                    self.now,
                    self.now,
                    *(column[n] for column in siblings),
                    None,
                    None,
                )
                for n, r in enumerate(new_persons)
            ],
        )
        bulk.insert_rows(
            Entitlement,
            ENTITLEMENT_INSERT,
            [
                (
                    persons[id_number]["id"],
                    r.category,
                    Status.ACTIVE,
                    r.entitlement["approval_date"] or self.today,
                    *(r.entitlement[f] for f in ENTITLEMENT_FIELDS),
                    None,
                    None,
                    None,
                    "",
                    None,
                )
                for id_number, r in new_entitlements
            ],
        )

    def _update(self, persons, entitlements) -> None:
        persons, entitlements = list(persons), list(entitlements)
        note = f"导入批次 {self.batch.pk}"
        for person, _, after, _ in persons:
            if "name" in after:
                after["name_initials"] = initials(after["name"])
            # update() encrypts the sealed fields; their blind indexes are added here (no save(), no pre_save)
            Person._base_manager.filter(pk=person["id"]).update(**sealed_values(Person, after), updated_at=self.now)
        for entitlement, _, after, _ in entitlements:
            Entitlement._base_manager.filter(pk=entitlement["id"]).update(**after)
        record_many(
            AuditAction.UPDATE,
            Person,
            [(p["id"], p["name"], to_json(b), to_json(a)) for p, b, a, _ in persons],
            note=note,
        )
        record_many(
            AuditAction.UPDATE,
            Entitlement,
            [(e["id"], f"{e['person_id']}·{e['category_id']}", to_json(b), to_json(a)) for e, b, a, _ in entitlements],
            note=note,
        )
        PersonEvent.objects.bulk_create(
            [
                PersonEvent(
                    person_id=p["id"],
                    kind=EventKind.IMPORT_UPDATE,
                    date=self.today,
                    created_by=self.actor,
                    details={"batch": self.batch.pk, "row": row, "changed": mask_values(to_json(a))},
                )
                for p, _, a, row in persons
            ]
            + [
                PersonEvent(
                    person_id=e["person_id"],
                    entitlement_id=e["id"],
                    kind=EventKind.IMPORT_UPDATE,
                    date=self.today,
                    created_by=self.actor,
                    details={"batch": self.batch.pk, "row": row, "changed": to_json(a)},
                )
                for e, _, a, row in entitlements
            ],
            batch_size=1000,
        )


KNOWN_IDS_LIMIT = 2_000_000


def existing_ids() -> set[str] | None:
    """The blind indexes of the ID numbers already registered, so that each chunk asks the database only about those.

    A first import into an empty registry then makes no lookups at all. Above the limit the set would cost
    too much memory, and every chunk asks about all its numbers instead (None).
    """
    if Person._base_manager.count() > KNOWN_IDS_LIMIT:
        return None
    return set(Person._base_manager.values_list("id_number_index", flat=True).iterator(chunk_size=20000))


def _same(stored: tuple, values: tuple) -> bool:
    """Stored and sheet values alike, as _diff would judge them (through bulk.plain when not plainly equal)."""
    return stored == values or tuple(map(bulk.plain, stored)) == tuple(map(bulk.plain, values))


def _diff(current: dict, values: dict, fields: list[str]) -> tuple[dict, dict]:
    """Fields whose sheet value differs from the stored one (compared in bulk.plain form)."""
    before, after = {}, {}
    for name in fields:
        new = values[name]
        if current.get(name) != bulk.plain(new):
            before[name], after[name] = current.get(name), new
            current[name] = bulk.plain(new)
    return before, after
