"""Importing the year's 退役士兵花名册 (.xlsx/.xls/.csv) as offices keep it, validated like the registry's roster.

Title rows above the header, header variants (data/arrival_headers.csv), dates written five ways, towns and
villages by name. Every problem names its Excel row and column; any problem writes nothing; the rows are written
in one transaction (a dry run writes and rolls back, so its counts are exact); importing the same sheet again
changes nothing. A row is keyed by the ID number and the year of arrival.
"""

from functools import cache
from pathlib import Path

from shuangyong.accounts.scope import ensure_can_write, in_subtree
from shuangyong.registry import idnumber
from shuangyong.registry.importing.cells import parse_grade, parse_hukou, parse_nature
from shuangyong.registry.models import Person
from shuangyong.resettlement.choices import Award, SoldierKind
from shuangyong.resettlement.models import Arrival, Method
from shuangyong.resettlement.services.arrivals import ARRIVAL_FIELDS, check_arrival, fill_derived, register_arrival
from shuangyong.resettlement.services.rules import ResettlementError
from shuangyong.sheets.cells import choice, parse_date, parse_years, text
from shuangyong.sheets.checked import check_rows
from shuangyong.sheets.headers import HeaderTable, read_synonyms
from shuangyong.sheets.places import RegionMatcher
from shuangyong.sheets.problems import ImportCounts
from shuangyong.sheets.rows import SheetRow
from shuangyong.sheets.writing import write_rows

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


class ArrivalReader:
    """A row → the arrival's fields; every problem noted on the row (sheets.rows.SheetRow)."""

    def __init__(self, matcher: RegionMatcher, year: int | None):
        self.matcher, self.year = matcher, year
        self.methods = {m.name: m for m in Method.objects.all()}

    def method(self, value) -> Method | None:
        if not text(value):
            return None
        return self.methods[choice(value, {name: name for name in self.methods}, "安置方式")]

    def parse(self, row: SheetRow) -> dict:
        fields = {key: row.text(key) for key in ("name", "phone", "unit_served", "awards", "note")}
        if not fields["name"]:
            row.fail("name", "姓名不能为空")
        fields["id_number"] = row.get("id_number", idnumber.parse_cell, required=True)
        for key in DATE_KEYS + ("paid_before_system_on",):
            fields[key] = row.get(key, parse_date)
        fields["soldier_kind"] = row.get("soldier_kind", lambda v: choice(v, KINDS, "退役类别")) or ""
        fields["highest_award"] = row.get("highest_award", lambda v: choice(v, AWARDS, "最高奖励")) or ""
        fields["method"] = row.get("method", self.method)
        fields["service_years"] = row.get("service_years", parse_years)
        fields["disability_grade"] = row.get("disability_grade", parse_grade)
        fields["disability_nature"] = row.get("disability_nature", parse_nature) or ""
        fields["hukou"] = row.get("hukou", parse_hukou) or ""
        region = row.region(self.matcher)
        fields["region"] = self.matcher.regions[region] if region else None
        if not row.failed:
            self._rules(row, fields)
        return fields

    def _rules(self, row: SheetRow, fields: dict) -> None:
        if fields["arrival_date"] is None:
            row.fail("arrival_date", "到达日期不能为空")
        elif self.year and fields["arrival_date"].year != self.year:
            row.fail("arrival_date", f"到达日期不在 {self.year} 年")
        elif fields["soldier_kind"] == "":
            row.fail("soldier_kind", "退役类别不能为空")
        else:
            try:
                check_arrival(Arrival(**{k: v for k, v in fields.items() if k in ARRIVAL_FIELDS}))
            except ResettlementError as exc:
                row.fail(exc.field or "arrival_date", str(exc))


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
    reader = ArrivalReader(RegionMatcher(region), year)
    checked = check_rows(path, header_table(), reader.parse, anchors=ANCHORS, required=REQUIRED,
                         unique=("id_number", "身份证号"))  # fmt: skip
    header, counts, parsed = checked.header, checked.counts, checked.parsed
    columns = header.columns
    if counts.errors:
        return counts
    write_rows(
        parsed,
        lambda row: _write(row, columns, region.code, counts, user),
        counts,
        dry_run=dry_run,
        column_of=lambda exc: header.label("id_number", header_table()),
    )
    return counts
