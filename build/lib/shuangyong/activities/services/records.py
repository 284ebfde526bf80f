"""Recording activities: by hand (create/update/delete), and from other sources (the Excel import, the summary
reader) through `record_activity`, which is idempotent by a source key."""

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.activities.models import Activity, ActivityKind, ActivityQuantity, Occasion, Pair, QuantityKind
from shuangyong.audit import services as audit
from shuangyong.audit.context import actor_for
from shuangyong.audit.models import AuditAction
from shuangyong.errors import RuleError
from shuangyong.units.models import Unit, UnitKind


class ActivitiesError(RuleError):
    """A rule of this app refused the change; the message is Chinese and meant for the user."""


CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class ActivityData:
    """What an activity says, whatever wrote it (form, import row, summary item)."""

    kind: ActivityKind
    date: date
    title: str
    organiser: Unit | None = None
    region_id: str = ""  # the region of the work (build_data fills it from the organiser when not given)
    occasion: Occasion | None = None
    quantities: tuple[tuple[str, Decimal], ...] = ()  # (quantity kind code, amount), sorted
    money_fen: int = 0
    narrative: str = ""
    leaders: str = ""
    partner_ids: tuple[int, ...] = ()
    garrison_ids: tuple[int, ...] = ()
    pair: Pair | None = None
    source: str = ""


def natural_key(organiser: Unit | None, region_id: str | None, kind_code: str, day: date, title: str) -> str:
    """The default idempotency key: the same unit (or region), kind, date and title is the same activity."""
    owner = organiser.code if organiser else region_id or ""
    raw = "|".join([owner, kind_code, day.isoformat(), " ".join(title.split())])
    return hashlib.sha256(raw.encode()).hexdigest()


def _quantity_tuple(quantities: dict | None) -> tuple[tuple[str, Decimal], ...]:
    items = []
    for code, amount in (quantities or {}).items():
        code = code.code if isinstance(code, QuantityKind) else code
        amount = Decimal(str(amount))
        if amount < 0:
            raise ActivitiesError(f"计量项目“{code}”的数量不能为负数")
        if amount:
            items.append((code, amount))
    return tuple(sorted(items))


def _occasion(value) -> Occasion | None:
    if not value:
        return None
    if isinstance(value, Occasion):
        return value
    found = Occasion.objects.filter(code=value).first() or Occasion.objects.filter(name=value).first()
    if found is None:
        raise ActivitiesError(f"没有名为“{value}”的活动时机")
    return found


def _kind(value) -> ActivityKind:
    if isinstance(value, ActivityKind):
        return value
    found = ActivityKind.objects.filter(code=value).first() or ActivityKind.objects.filter(name=value).first()
    if found is None:
        raise ActivitiesError(f"没有名为“{value}”的活动类别")
    return found


def _validate(data: ActivityData) -> None:
    if not data.title.strip():
        raise ActivitiesError("请填写活动名称")
    if data.money_fen < 0:
        raise ActivitiesError("金额不能为负数")
    unknown = {code for code, _ in data.quantities} - set(
        QuantityKind.objects.filter(code__in=[c for c, _ in data.quantities]).values_list("code", flat=True)
    )
    if unknown:
        raise ActivitiesError(f"没有计量项目：{'、'.join(sorted(unknown))}")
    not_garrison = Unit.objects.filter(pk__in=data.garrison_ids).exclude(kind=UnitKind.GARRISON).first()
    if not_garrison is not None:
        raise ActivitiesError(f"“{not_garrison.name}”不是驻军单位")


def _stored_quantities(activity: Activity) -> tuple[tuple[str, Decimal], ...]:
    return tuple(sorted((q.kind_id, q.amount.normalize()) for q in activity.quantities.all()))


def _same(activity: Activity, data: ActivityData) -> bool:
    plain = (
        activity.kind_id == data.kind.code
        and activity.date == data.date
        and activity.title == data.title
        and activity.organiser_id == (data.organiser.pk if data.organiser else None)
        and activity.region_id == data.region_id
        and activity.occasion_id == (data.occasion.code if data.occasion else None)
        and activity.money_fen == data.money_fen
        and activity.narrative == data.narrative
        and activity.leaders == data.leaders
        and activity.pair_id == (data.pair.pk if data.pair else None)
    )
    return (
        plain
        and _stored_quantities(activity) == tuple((c, a.normalize()) for c, a in data.quantities)
        and set(activity.partner_units.values_list("pk", flat=True)) == set(data.partner_ids)
        and set(activity.garrison_units.values_list("pk", flat=True)) == set(data.garrison_ids)
    )


def _write(activity: Activity, data: ActivityData) -> None:
    """Store `data` on `activity` (new or locked): its fields, quantities and linked units, audited."""
    activity.kind = data.kind
    activity.date = data.date
    activity.title = data.title
    activity.organiser = data.organiser
    activity.region_id = data.region_id
    activity.occasion = data.occasion
    activity.money_fen = data.money_fen
    activity.narrative = data.narrative
    activity.leaders = data.leaders
    activity.pair = data.pair
    if data.source and not activity.source:
        activity.source = data.source
    activity.save()
    wanted = dict(data.quantities)
    for stored in activity.quantities.all():
        if stored.kind_id not in wanted:
            stored.delete()
        elif stored.amount != wanted[stored.kind_id]:
            stored.amount = wanted.pop(stored.kind_id)
            stored.save()
        else:
            wanted.pop(stored.kind_id)
    for code, amount in wanted.items():
        ActivityQuantity(activity=activity, kind_id=code, amount=amount).save()
    for field, ids in (("partner_units", data.partner_ids), ("garrison_units", data.garrison_ids)):
        related = getattr(activity, field)
        before = sorted(related.values_list("pk", flat=True))
        if before != sorted(ids):
            related.set(ids)
            # many-to-many links are not saves: their change is audited here, in the same transaction
            audit.record(AuditAction.UPDATE, activity, {field: before}, {field: sorted(ids)})


def build_data(
    *,
    kind,
    date: date,
    title: str,
    unit: Unit | None = None,
    region=None,
    occasion=None,
    quantities: dict | None = None,
    money_fen: int = 0,
    narrative: str = "",
    leaders: str = "",
    partner_units=(),
    garrison_units=(),
    pair: Pair | None = None,
    source: str = "",
) -> ActivityData:
    region_id = getattr(region, "code", region) or (unit.region_id if unit else None)
    if region_id is None:
        raise ActivitiesError("请指定组织单位或所在区划")
    if pair is not None and not garrison_units:
        garrison_units = [pair.garrison]
    data = ActivityData(
        kind=_kind(kind),
        date=date,
        title=" ".join((title or "").split()),
        organiser=unit,
        region_id=region_id,
        occasion=_occasion(occasion),
        quantities=_quantity_tuple(quantities),
        money_fen=int(money_fen or 0),
        narrative=(narrative or "").strip(),
        leaders=(leaders or "").strip(),
        partner_ids=tuple(sorted({getattr(u, "pk", u) for u in partner_units})),
        garrison_ids=tuple(sorted({getattr(u, "pk", u) for u in garrison_units})),
        pair=pair,
        source=source,
    )
    _validate(data)
    return data


def upsert_activity(data: ActivityData, *, key: str | None, user) -> tuple[Activity, str]:
    """Create the activity, or bring the one with the same key up to date; (activity, created|updated|unchanged)."""
    key = key or natural_key(data.organiser, data.region_id, data.kind.code, data.date, data.title)
    with transaction.atomic(), actor_for(user):
        existing = Activity.objects.select_for_update().filter(source_key=key).first()
        if existing is not None:
            ensure_can_write(user, existing)
            if _same(existing, data):
                return existing, UNCHANGED
            _write(existing, data)
            ensure_can_write(user, existing)
            return existing, UPDATED
        activity = Activity(source_key=key, created_by=user if user and user.is_authenticated else None)
        activity.kind, activity.region_id, activity.organiser = data.kind, data.region_id, data.organiser
        ensure_can_write(user, activity)
        _write(activity, data)
        return activity, CREATED


def record_activity(
    *,
    unit: Unit | None = None,
    region=None,
    kind,
    date: date,
    title: str,
    quantities: dict[str, Decimal] | None = None,
    money_fen: int = 0,
    narrative: str = "",
    occasion="",
    leaders: str = "",
    partner_units=(),
    garrison_units=(),
    pair: Pair | None = None,
    source_document=None,
    source_key: str | None = None,
    user,
) -> Activity:
    """Record one activity from another source (a summary read by `intake`, an import row). Idempotent.

    `kind` and `occasion` are codes or names of the code tables (ActivityKind, Occasion); `quantities` maps
    QuantityKind codes to amounts (Decimal or int); money is in 分. The organiser is `unit` (a member unit) or,
    for a town's own work, `region` alone. `source_document` is any object or text naming where it came from
    (stored as text in `source`).

    The idempotency key is `source_key` if given (e.g. "intake:<document id>:<item no>"), else the natural key
    (unit or region, kind, date, title). Recording the same key again updates that activity to the values given
    and never makes a second one; `activity.outcome` tells "created", "updated" or "unchanged". Scope and
    capability are checked for `user` (None = a system action such as the demo). Raises ActivitiesError.
    """
    data = build_data(
        kind=kind,
        date=date,
        title=title,
        unit=unit,
        region=region,
        occasion=occasion,
        quantities=quantities,
        money_fen=money_fen,
        narrative=narrative,
        leaders=leaders,
        partner_units=partner_units,
        garrison_units=garrison_units,
        pair=pair,
        source=str(source_document)[:200] if source_document is not None else "",
    )
    activity, outcome = upsert_activity(data, key=source_key, user=user)
    activity.outcome = outcome
    return activity


def create_activity(data: ActivityData, *, user) -> Activity:
    """A new activity entered by hand; the same unit, kind, date and title twice is refused as a duplicate."""
    key = natural_key(data.organiser, data.region_id, data.kind.code, data.date, data.title)
    if Activity.objects.filter(source_key=key).exists():
        raise ActivitiesError(f"{data.date:%Y-%m-%d} 已登记同名的“{data.kind.name}”活动“{data.title}”，请勿重复登记")
    try:
        activity, _ = upsert_activity(data, key=key, user=user)
    except IntegrityError:
        raise ActivitiesError("该活动刚刚已由他人登记，请勿重复登记") from None
    return activity


def update_activity(activity: Activity, data: ActivityData, *, user) -> Activity:
    """Correct an activity; both its stored and its new unit/region must be in the user's scope."""
    with transaction.atomic(), actor_for(user):
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        original = Activity.objects.get(pk=activity.pk)
        if _same(locked, data):
            return locked
        _write(locked, data)
        ensure_can_write(user, locked, original=original)
        return locked


def delete_activity(activity: Activity, *, user) -> None:
    with transaction.atomic(), actor_for(user):
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        ensure_can_write(user, locked)
        if locked.recipients.exists():
            raise ActivitiesError("该慰问活动已登记慰问对象，请先删除慰问对象")
        locked.quantities.all().delete()
        locked.delete()


def find_matching_activities(unit, year: int, kind, date: date | None = None, quantities: dict | None = None):
    """Activities that may be the same as one about to be recorded (for `intake` to flag duplicates).

    `unit` is a Unit (its activities as organiser) or a Region/region code (activities placed in that region
    itself, with no organiser unit). Narrowed to `year` and `kind` (code, name or ActivityKind); with `date`,
    to that date; with `quantities` ({code: amount}), to activities recording each of those amounts exactly.
    Returns a queryset, nearest date first when a date is given.
    """
    kind = _kind(kind)
    qs = Activity.objects.filter(kind=kind, date__year=year)
    if isinstance(unit, Unit):
        qs = qs.filter(organiser=unit)
    else:
        qs = qs.filter(region_id=getattr(unit, "code", unit), organiser__isnull=True)
    if date is not None:
        qs = qs.filter(date=date)
    for code, amount in _quantity_tuple(quantities):
        qs = qs.filter(quantities__kind_id=code, quantities__amount=amount)
    return qs.select_related("kind", "occasion", "organiser").distinct()
