"""Loading and resolving regions."""

import csv
from pathlib import Path

from django.db import transaction

from shuangyong.errors import RuleError
from shuangyong.regions.codes import (
    InvalidRegionCode,
    Level,
    level_of,
    normalize_code,
)
from shuangyong.regions.models import Region

NATIONAL_TABLE = Path(__file__).parent / "data" / "national-to-county.csv"


class RegionError(RuleError):
    pass


class RegionNotFound(RegionError):
    pass


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


def home_county() -> Region:
    """The county this installation serves: SHUANGYONG_COUNTY_CODE, else the one county whose towns are loaded
    (the national table reaches only down to counties)."""
    from django.conf import settings

    if settings.SHUANGYONG_COUNTY_CODE:
        return resolve_region(settings.SHUANGYONG_COUNTY_CODE)
    towns = Region.objects.filter(level=Level.TOWN).values_list("code", flat=True)
    counties = sorted({code[:6] for code in towns})
    if len(counties) != 1:
        found = "没有导入任何乡镇" if not counties else f"已导入 {len(counties)} 个县的乡镇"
        raise RegionNotFound(f"{found}，请用 --region 或 --unit 指定范围，或设置 SHUANGYONG_COUNTY_CODE")
    return resolve_region(counties[0])


def load_national_table() -> tuple[int, int]:
    """Load provinces, cities and counties from the shipped table (idempotent): (created, already there).

    Reference data, not a domain record: loaded in bulk without per-row audit entries; the load itself is
    recorded once.
    """
    from shuangyong.audit.models import AuditAction
    from shuangyong.audit.services import record_many

    rows = list(csv.DictReader(NATIONAL_TABLE.open(encoding="utf-8")))
    existing = dict(Region.objects.filter(level__lte=Level.COUNTY).values_list("code", "name"))
    new = [
        Region(code=r["code"], name=r["name"], level=level_of(r["code"]), parent_id=r["parent_code"] or None)
        for r in rows
        if r["code"] not in existing
    ]
    with transaction.atomic():
        new.sort(key=lambda r: (r.level, r.code))
        Region.objects.model._base_manager.bulk_create(new, batch_size=1000)
        if new:
            record_many(
                AuditAction.CREATE,
                Region,
                [("national", f"全国区划表 {len(new)} 条", None, None)],
                note="载入全国区划表（至县级）",
            )
    return len(new), len(rows) - len(new)
