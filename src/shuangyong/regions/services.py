"""Loading and resolving regions."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from shuangyong.errors import RuleError
from shuangyong.regions.codes import (
    InvalidRegionCode,
    Level,
    level_of,
    normalize_code,
    parent_code_of,
    subtree_bounds,
)
from shuangyong.regions.models import Region

NATIONAL_TABLE = Path(__file__).parent / "data" / "national-to-county.csv"


class RegionError(RuleError):
    pass


class RegionNotFound(RegionError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
        }


def resolve_region(raw) -> Region:
    """A region by its 12-digit code or short form (6 digits for a county, 9 for a town)."""
    try:
        code = normalize_code(raw)
    except InvalidRegionCode as exc:
        raise RegionNotFound(str(exc)) from None
    try:
        return Region.objects.get(code=code)
    except Region.DoesNotExist:
        raise RegionNotFound(f"区划代码 {raw} 不存在，请先导入该区划") from None


def _read_rows(text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"code", "name", "parent_code"} - set(reader.fieldnames or [])
    if missing:
        raise RegionError(f"CSV 缺少列：{'、'.join(sorted(missing))}（需要 code,name,parent_code）")
    return [(number, row) for number, row in enumerate(reader, start=2)]


def import_regions_csv(text: str, *, dry_run: bool = False, within: str | None = None) -> ImportReport:
    """Upsert regions from CSV text (code,name,parent_code). All rows are checked; any error writes nothing."""
    report = ImportReport()
    rows = _read_rows(text)
    parsed: dict[str, tuple[int, str, str | None]] = {}
    for line, row in rows:
        try:
            code = normalize_code(row.get("code") or "")
        except InvalidRegionCode as exc:
            report.errors.append({"row": line, "column": "code", "message": str(exc)})
            continue
        name = (row.get("name") or "").strip()
        if not name:
            report.errors.append({"row": line, "column": "name", "message": "名称不能为空"})
            continue
        raw_parent = (row.get("parent_code") or "").strip()
        try:
            parent = normalize_code(raw_parent) if raw_parent else parent_code_of(code)
        except InvalidRegionCode as exc:
            report.errors.append({"row": line, "column": "parent_code", "message": str(exc)})
            continue
        if parent is not None and level_of(parent) >= level_of(code):
            report.errors.append(
                {"row": line, "column": "parent_code", "message": f"上级 {parent} 的层级不高于 {code}"}
            )
            continue
        if code in parsed:
            report.errors.append({"row": line, "column": "code", "message": f"区划代码 {code} 在文件中重复"})
            continue
        if within and not (subtree_bounds(within)[0] < code <= subtree_bounds(within)[1]):
            report.errors.append({"row": line, "column": "code", "message": f"区划 {code} 不在您的管辖范围内"})
            continue
        parsed[code] = (line, name, parent)

    existing = {r.code: r for r in Region.objects.filter(code__in=list(parsed))}
    wanted_parents = {parent for _, _, parent in parsed.values() if parent and parent not in parsed}
    known_parents = set(Region.objects.filter(code__in=wanted_parents).values_list("code", flat=True))
    for line, _, parent in parsed.values():
        if parent and parent not in parsed and parent not in known_parents:
            report.errors.append({"row": line, "column": "parent_code", "message": f"上级区划 {parent} 不存在"})
    if report.errors:
        return report

    with transaction.atomic():
        # parents first: codes sorted by level then code
        for code in sorted(parsed, key=lambda c: (level_of(c), c)):
            _, name, parent = parsed[code]
            current = existing.get(code)
            if current is None:
                report.created += 1
                if not dry_run:
                    Region(code=code, name=name, level=level_of(code), parent_id=parent).save()
            elif current.name != name or current.parent_id != parent:
                report.updated += 1
                if not dry_run:
                    current.name, current.parent_id = name, parent
                    current.save()
            else:
                report.unchanged += 1
    return report


def load_national_table() -> ImportReport:
    """Load provinces, cities and counties from the shipped table (idempotent).

    Reference data, not a domain record: loaded in bulk without per-row audit entries; the load itself is
    recorded once.
    """
    from shuangyong.audit.models import AuditAction
    from shuangyong.audit.services import record_many

    report = ImportReport()
    rows = list(csv.DictReader(NATIONAL_TABLE.open(encoding="utf-8")))
    existing = dict(Region.objects.filter(level__lte=Level.COUNTY).values_list("code", "name"))
    new = [
        Region(code=r["code"], name=r["name"], level=level_of(r["code"]), parent_id=r["parent_code"] or None)
        for r in rows
        if r["code"] not in existing
    ]
    report.unchanged = len(rows) - len(new)
    with transaction.atomic():
        new.sort(key=lambda r: (r.level, r.code))
        Region.objects.model._base_manager.bulk_create(new, batch_size=1000)
        report.created = len(new)
        if new:
            record_many(
                AuditAction.CREATE,
                Region,
                [("national", f"全国区划表 {len(new)} 条", None, None)],
                note="载入全国区划表（至县级）",
            )
    return report
