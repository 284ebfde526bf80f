"""Importing a region's 工作计划 (.xlsx/.xls/.csv) as offices draft it: one row per item — 计划事项 (required),
工作领域 (a summary section by its Chinese name: 拥军优属, 征兵工作 ...), 牵头单位 (name or short name), 完成时限 (a
month: 2027年6月, 2027.06, 2027-06-30), 关联指标 (a catalogue figure's code or label). Every problem names its Excel
row and column; any problem writes nothing; the same sheet again changes nothing (an item is keyed by its title)."""

from functools import cache
from pathlib import Path

from shuangyong.accounts.scope import ensure_can_write, visible
from shuangyong.assessment.models import PlanItem
from shuangyong.assessment.plans import add_plan_item, update_plan_item
from shuangyong.figures import catalogue
from shuangyong.sheets.cells import choice, parse_date
from shuangyong.sheets.checked import check_rows
from shuangyong.sheets.headers import HeaderTable, read_synonyms
from shuangyong.sheets.problems import ImportCounts
from shuangyong.sheets.rows import SheetRow
from shuangyong.sheets.writing import write_rows
from shuangyong.units.models import Unit, UnitKind

HEADERS_CSV = Path(__file__).resolve().parent / "data" / "plan_headers.csv"
REQUIRED = ("title",)
TEMPLATE = ("title", "section", "lead_unit", "due", "measure")
# the summary's sections as offices name them (and the catalogue's own names)
SECTION_NAMES = {name: key for key, name in catalogue.SECTIONS.items()} | {
    "组织领导": "leadership",
    "宣传": "publicity",
    "国防教育": "publicity",
    "优抚": "benefits",
    "征兵": "conscription",
    "安置": "resettlement",
    "共建": "coconstruction",
    "档案": "archive",
}


@cache
def header_table() -> HeaderTable:
    return read_synonyms(HEADERS_CSV)


class PlanReader:
    def __init__(self, user):
        self.units: dict[str, Unit] = {}
        for unit in visible(user, Unit.objects.filter(kind=UnitKind.MEMBER, is_active=True)):
            for name in (unit.name, unit.short_name, unit.code):
                if name:
                    self.units.setdefault(name, unit)
        self.measures = {f.key: f.key for f in catalogue.figures()} | {f.label: f.key for f in catalogue.figures()}

    def unit(self, value) -> Unit:
        return self.units[choice(value, {name: name for name in self.units}, "牵头单位", "成员单位的名称或简称")]

    def measure(self, value) -> str:
        return choice(value, self.measures, "关联指标", "统计指标目录中的指标代码或名称")

    def parse(self, row: SheetRow) -> dict:
        return {
            "title": row.get("title", required=True) or "",
            "section": row.get("section", lambda v: choice(v, SECTION_NAMES, "工作领域")) or "",
            "lead_unit": row.get("lead_unit", self.unit),
            "due": row.get("due", lambda v: parse_date(v, month_only=True)),
            "measure": row.get("measure", self.measure) or "",
        }


def import_plan(path: Path, *, region, user, year: int, dry_run: bool = False) -> ImportCounts:
    """Check every row; write only when all are right, in one transaction (rolled back for a dry run)."""
    ensure_can_write(user, PlanItem(region=region))
    reader = PlanReader(user)
    checked = check_rows(path, header_table(), reader.parse, anchors=REQUIRED, required=REQUIRED,
                         unique=("title", "计划事项"))  # fmt: skip
    header, counts, parsed = checked.header, checked.counts, checked.parsed
    if counts.errors:
        return counts
    existing = {item.title: item for item in PlanItem.objects.filter(region=region, year=year)}
    write_rows(
        parsed,
        lambda fields: _write(fields, existing.get(fields["title"]), region, year, counts, user),
        counts,
        dry_run=dry_run,
        column_of=lambda exc: header.label(exc.field if exc.field in header.columns else "title", header_table()),
    )
    return counts


def _write(fields: dict, item: PlanItem | None, region, year: int, counts: ImportCounts, user) -> None:
    if item is None:
        add_plan_item(region=region, year=year, user=user, **fields)
        counts.created += 1
        return
    due = fields["due"].replace(day=1) if fields["due"] else None
    if (item.section, item.lead_unit, item.due, item.measure) == (
        fields["section"], fields["lead_unit"], due, fields["measure"]
    ):  # fmt: skip
        counts.unchanged += 1
        return
    update_plan_item(item, user=user, **fields)
    counts.updated += 1
