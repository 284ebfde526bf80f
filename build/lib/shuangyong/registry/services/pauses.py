"""停发期间 (registry.Pause): which months an entitlement is not owed. Called by the life-event services inside
their transaction, on a locked entitlement."""

from datetime import date

from shuangyong.registry.models import Entitlement, Pause


def _month(day: date) -> date:
    return day.replace(day=1)


def _previous_month(month: date) -> date:
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)


def _refresh_first_pause(ent: Entitlement) -> None:
    first = ent.pauses.order_by("first_month").values_list("first_month", flat=True).first()
    if ent.first_pause != first:
        ent.first_pause = first
        Entitlement.objects.filter(pk=ent.pk).update(first_pause=first)


def open_pause(ent: Entitlement, on: date, reason: str, kind: str = Pause.Kind.SUSPEND) -> Pause:
    """From the month of `on` nothing is owed until the pause is closed."""
    pause = Pause.objects.create(entitlement=ent, kind=kind, first_month=_month(on), reason=reason[:200])
    _refresh_first_pause(ent)
    return pause


def close_pause(ent: Entitlement, on: date, *, owed: bool = False) -> Pause | None:
    """Payments start again with the month of `on`. With owed=True (a late 年度确认) the paused months were owed
    after all: the pause is removed and the next run pays them as arrears."""
    pause = ent.pauses.select_for_update().filter(last_month__isnull=True).first()
    if pause is None:
        return None
    last = _previous_month(_month(on))
    if owed or last < pause.first_month:
        pause.delete()
    else:
        pause.last_month = last
        pause.save(update_fields=["last_month"])
    _refresh_first_pause(ent)
    return pause


def open_pause_of(ent: Entitlement) -> Pause | None:
    return ent.pauses.filter(last_month__isnull=True).first()
