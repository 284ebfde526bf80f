"""Importing the year's 退役士兵花名册 (.xlsx/.xls/.csv) as offices keep it, validated like the registry's roster.

Title rows above the header, header variants (data/arrival_headers.csv), dates written five ways, towns and
villages by name. Every problem names its Excel row and column; any problem writes nothing; the rows are written
in one transaction (a dry run writes and rolls back, so its counts are exact); importing the same sheet again
changes nothing. A row is keyed by the ID number and the year of arrival.
"""

from functools import cache
from pathlib import Path

from django.db import transaction

from shuangyong.accounts.scope import ensure_can_write, in_subtree
from shuangyong.registry import idnumber
from shuangyong.registry.importing.cells import parse_grade, parse_hukou, parse_nature
from shuangyong.registry.models import Person
from shuangyong.resettlement.choices import Award, SoldierKind
from shuangyong.resettlement.models import Arrival, Method
from shuangyong.resettlement.services.arrivals import ARRIVAL_FIELDS, check_arrival, fill_derived, register_arrival
from shuangyong.resettlement.services.rules import ResettlementError
from shuangyong.sheets.cells import CellError, choice, parse_date, parse_years, text
from shuangyong.sheets.headers import Header, HeaderTable, find_header, read_synonyms, unread_columns
from shuangyong.sheets.places import PlaceError, RegionMatcher
from shuangyong.sheets.problems import FOOTER_WORDS, ImportCounts, Problem
from shuangyong.sheets.reader import open_sheet

HEADERS_CSV = Path(__file__).resolve().parent / "data" / "arrival_headers.csv"
ANCHORS = ("name", "id_number")
REQUIRED = ("name", "id_number", "soldier_kind", "arrival_date")
# the upload page's blank template (sheets.uploads)
TEMPLATE = (*REQUIRED, "town", "village", "phone", "enlisted_on", "discharged_on", "unit_served", "hukou", "note")
KINDS = {"义务兵": "conscript", "军士": "nco", "士官": "nco", "军官": "officer", "退役军官": "officer"}
KINDS.update({kind.label: kind.value for kind in SoldierKind})
AWARDS = {award.label: award.value for award in Award if award.value} | {"无": "", "": ""}
DATE_KEYS = ("enlisted_on", "discharged_on", "arrival_date", "reported_on", "archive_received_on")


@cache
def header_table() -> HeaderTable:
    return read_synonyms(HEADERS_CSV)


class RowReader:
    def __init__(self, header: Header, matcher: RegionMatcher, year: int | None):
        self.columns, self.matcher, self.year = header.columns, matcher, year
        self._header = header
        self.methods = {m.name: m for m in Method.objects.all()}

    def header(self, key: str) -> str:
        return self._header.label(key, header_table())

    def raw(self, cells: list, key: str):
        index = self.columns.get(key)
        value = cells[index] if index is not None and index < len(cells) else None
        return None if value == "" else value

    def method(self, value) -> Method | None:
        if not text(value):
            return None
        return self.methods[choice(value, {name: name for name in self.methods}, "安置方式")]

    def parse(self, number: int, cells: list) -> tuple[dict, list[Problem]]:
        problems, row = [], {}

        def cell(key, parser):
            try:
                row[key] = parser(self.raw(cells, key))
            except CellError as exc:
                problems.append(Problem(number, self.header(key), str(exc)))

        for key in ("name", "phone", "unit_served", "awards", "note"):
            row[key] = text(self.raw(cells, key))
        if not row["name"]:
            problems.append(Problem(number, self.header("name"), "姓名不能为空"))
        try:
            row["id_number"] = idnumber.parse(self.raw(cells, "id_number")).value
        except idnumber.IdNumberError as exc:
            problems.append(Problem(number, self.header("id_number"), str(exc)))
        for key in DATE_KEYS + ("paid_before_system_on",):
            cell(key, parse_date)
        cell("soldier_kind", lambda v: choice(v, KINDS, "退役类别"))
        cell("highest_award", lambda v: choice(v, AWARDS, "最高奖励"))
        cell("method", self.method)
        cell("service_years", parse_years)
        cell("disability_grade", parse_grade)
        cell("disability_nature", parse_nature)
        cell("hukou", parse_hukou)
        try:
            region = self.matcher.match(*(text(self.raw(cells, k)) for k in ("town", "village", "region_code")))
            row["region"] = self.matcher.regions[region]
        except PlaceError as exc:
            problems.append(Problem(number, self.header(exc.key), str(exc)))
        if not problems:
            problems += self._rules(number, row)
        return row, problems

    def _rules(self, number: int, row: dict) -> list[Problem]:
        if row["arrival_date"] is None:
            return [Problem(number, self.header("arrival_date"), "到达日期不能为空")]
        if self.year and row["arrival_date"].year != self.year:
            return [Problem(number, self.header("arrival_date"), f"到达日期不在 {self.year} 年")]
        if row["soldier_kind"] == "":
            return [Problem(number, self.header("soldier_kind"), "退役类别不能为空")]
        try:
            check_arrival(Arrival(**{k: v for k, v in row.items() if k in ARRIVAL_FIELDS}))
        except ResettlementError as exc:
            return [Problem(number, self.header(exc.field or "arrival_date"), str(exc))]
        return []


def _present(row: dict, columns: dict) -> dict:
    """The arrival fields the sheet has a column for: an absent column leaves what staff recorded alone."""
    return {k: v for k, v in row.items() if k in ARRIVAL_FIELDS and (k in columns or k == "arrival_date")}


def _write(row: dict, columns: dict, root: str, counts: ImportCounts, user) -> None:
    person = Person.objects.filter(id_number=row["id_number"]).first()
    if person is not None and not in_subtree(person.region_id, root):
        raise ResettlementError(f"{person.name}已登记在导入范围以外的区划（{person.region_id}）")
    existing = None
    if person is not None:
        existing = Arrival.objects.filter(person=person, arrival_date__year=row["arrival_date"].year).first()
    if existing is None:
        fields = _present(row, columns)
        register_arrival(
            user=user,
            id_number=row["id_number"],
            name=row["name"],
            region=row["region"],
            phone=row["phone"],
            **fields,
        )
        counts.created += 1
        return
    changed = {k: v for k, v in _present(row, columns).items() if getattr(existing, k) != v}
    if existing.region_id != row["region"].code:
        changed["region"] = row["region"]
    if not changed:
        counts.unchanged += 1
        return
    if "method" in changed and existing.placed_on:
        raise ResettlementError(f"{person.name}已上岗，不能改变安置方式")
    for key, value in changed.items():
        setattr(existing, key, value)
    check_arrival(existing)
    fill_derived(existing)
    existing.save()
    counts.updated += 1


def import_arrivals(path: Path, *, region, user, year: int | None = None, dry_run: bool = False) -> ImportCounts:
    """Check every row; write only when all are right, in one transaction (rolled back for a dry run)."""
    ensure_can_write(user, Arrival(region=region))
    rows = list(open_sheet(path))
    header = find_header(rows, header_table(), anchors=ANCHORS, required=REQUIRED)
    columns = header.columns
    reader = RowReader(header, RegionMatcher(region), year)
    counts, parsed, seen = ImportCounts(), [], {}
    counts.warnings += unread_columns(header)
    for number, cells in rows[header.index + 1 :]:
        if not any(text(c) for c in cells):
            continue
        if any(word in text(cells[0]) for word in FOOTER_WORDS):
            break
        row, problems = reader.parse(number, cells)
        counts.errors += problems
        if not problems:
            if row["id_number"] in seen:
                message = f"身份证号与第 {seen[row['id_number']]} 行重复"
                counts.errors.append(Problem(number, reader.header("id_number"), message))
            seen[row["id_number"]] = number
            parsed.append((number, row))
    if counts.errors:
        return counts
    with transaction.atomic():
        for number, row in parsed:
            try:
                with transaction.atomic():
                    _write(row, columns, region.code, counts, user)
            except ResettlementError as exc:
                counts.errors.append(Problem(number, reader.header("id_number"), str(exc)))
        if counts.errors:
            counts.created = counts.updated = counts.unchanged = 0
        transaction.set_rollback(dry_run or bool(counts.errors))
    return counts
