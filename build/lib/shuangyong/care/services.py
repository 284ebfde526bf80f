"""The rules of 优待服务与关爱. Each function checks the actor's scope, locks what it changes and is audited by the
models (AuditedModel) in the same transaction; a refusal is a CareError with a Chinese message."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.care.models import MEMORIAL_VISIT, CareKind, CareRecord, Fund, FundPurpose, MemorialSite
from shuangyong.errors import RuleError
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit

MAX_COUNT = 1_000_000  # one entry of 人次 beyond this is a typing error, not a year's work


class CareError(RuleError):
    pass


@dataclass
class CareData:
    kind: CareKind
    date: date
    region: str
    count: int = 1
    money_fen: int = 0
    provider: Unit | None = None
    beneficiary: str = ""
    place: str = ""
    site: MemorialSite | None = None
    outcome: str = ""
    note: str = ""


def _check(data: CareData, today: date) -> None:
    kind = data.kind
    if not kind.is_active:
        raise CareError(f"类别“{kind.name}”已停用", field="kind")
    if data.date > today:
        raise CareError(f"日期 {data.date:%Y-%m-%d} 晚于今天", field="date")
    if not 0 < data.count <= MAX_COUNT:
        raise CareError(f"数量应在 1 到 {MAX_COUNT:,} 之间（{kind.unit}）", field="count")
    if data.money_fen < 0:
        raise CareError("金额不能为负数", field="money")
    if data.money_fen and not kind.takes_money:
        raise CareError(f"“{kind.name}”不登记金额", field="money")
    if kind.is_case and not data.beneficiary.strip():
        raise CareError(f"“{kind.name}”须填写对象（姓名）", field="beneficiary")
    if data.site is not None and kind.code != MEMORIAL_VISIT:
        raise CareError("只有“烈士纪念设施祭扫”可选择纪念设施", field="site")


def _apply(record: CareRecord, data: CareData) -> None:
    for name in ("kind", "date", "count", "money_fen", "provider", "site"):
        setattr(record, name, getattr(data, name))
    record.region_id = data.region
    for name in ("beneficiary", "place", "outcome", "note"):
        setattr(record, name, getattr(data, name).strip())


def record_care(data: CareData, *, user, today: date | None = None) -> CareRecord:
    _check(data, today or timezone.localdate())
    record = CareRecord(created_by=user if getattr(user, "pk", None) else None)
    _apply(record, data)
    with transaction.atomic(), actor_for(user):
        ensure_can_write(user, record)
        record.save()
    return record


def update_care(record: CareRecord, data: CareData, *, user, today: date | None = None) -> CareRecord:
    _check(data, today or timezone.localdate())
    with transaction.atomic(), actor_for(user):
        current = CareRecord.objects.select_for_update().get(pk=record.pk)
        ensure_can_write(user, current)  # as stored: nobody moves another town's record into their own
        _apply(current, data)
        ensure_can_write(user, current)
        current.save()
    return current


def delete_care(record: CareRecord, *, user) -> None:
    with transaction.atomic(), actor_for(user):
        current = CareRecord.objects.select_for_update().get(pk=record.pk)
        ensure_can_write(user, current)
        current.delete()


SITE_FIELDS = ("name", "level", "keeper", "graves", "note")


def save_site(site: MemorialSite | None, *, region: Region, user, **fields) -> MemorialSite:
    """Register a 烈士纪念设施 (site None) or change one; its name is unique within its region."""
    name = (fields.get("name") or "").strip()
    if not name:
        raise CareError("请填写纪念设施名称", field="name")
    with transaction.atomic(), actor_for(user):
        current = MemorialSite() if site is None else MemorialSite.objects.select_for_update().get(pk=site.pk)
        if site is not None:
            ensure_can_write(user, current)
        for key in SITE_FIELDS:
            if key in fields:
                setattr(current, key, fields[key])
        current.name, current.region = name, region
        ensure_can_write(user, current)
        clash = MemorialSite.objects.filter(region=region, name=name).exclude(pk=current.pk).exists()
        if clash:
            raise CareError(f"{region.name}已登记名为“{name}”的纪念设施", field="name")
        current.save()
    return current


def set_fund(
    *, region: Region, year: int, purpose: FundPurpose, budget_fen: int, spent_fen: int, source: str = "", user
) -> Fund:
    """The 双拥经费 of a region, year and purpose: set (created or changed in place, one row per purpose)."""
    if budget_fen < 0 or spent_fen < 0:
        raise CareError("预算和支出不能为负数")
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise CareError(f"年度 {year} 无效")
    with transaction.atomic(), actor_for(user):
        Region.objects.select_for_update().filter(code=region.code).first()  # one writer per region
        fund = Fund.objects.filter(region=region, year=year, purpose=purpose).first() or Fund(
            region=region, year=year, purpose=purpose
        )
        ensure_can_write(user, fund)
        fund.budget_fen, fund.spent_fen, fund.source = budget_fen, spent_fen, source.strip()
        fund.save()
    return fund
