"""Pauses from the timeline: each 停发 event up to the next 恢复发放 of the same entitlement. A resumption used to
set 起发月份 to its month, which made every earlier month unpaid; that 起发月份 is cleared (a 迁入's is kept)."""

from datetime import date

from django.db import migrations


def _month(day):
    return day.replace(day=1)


def _previous(month):
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)


def forwards(apps, schema_editor):
    Entitlement = apps.get_model("registry", "Entitlement")
    Pause = apps.get_model("registry", "Pause")
    PersonEvent = apps.get_model("registry", "PersonEvent")
    events = PersonEvent.objects.filter(kind__in=["suspend", "resume"], entitlement__isnull=False).order_by(
        "entitlement_id", "date", "id"
    )
    by_entitlement = {}
    for event in events:
        by_entitlement.setdefault(event.entitlement_id, []).append(event)
    for ent_id, ent_events in by_entitlement.items():
        ent = Entitlement.objects.get(pk=ent_id)
        pauses, open_since, reason, resumed_month = [], None, "", None
        for event in ent_events:
            if event.kind == "suspend" and open_since is None:
                open_since, reason = _month(event.date), str(event.details.get("reason", ""))[:200]
            elif event.kind == "resume" and open_since is not None:
                resumed_month = _month(event.date)
                last = _previous(resumed_month)
                if last >= open_since:
                    pauses.append(Pause(entitlement_id=ent_id, first_month=open_since, last_month=last, reason=reason))
                open_since = None
        if open_since is not None and ent.status == "suspended":
            pauses.append(Pause(entitlement_id=ent_id, first_month=open_since, reason=reason))
        Pause.objects.bulk_create(pauses)
        if pauses:
            ent.first_pause = min(p.first_month for p in pauses)
        if resumed_month is not None and ent.pay_from == resumed_month:
            ent.pay_from = None
        ent.save(update_fields=["first_pause", "pay_from"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_pauses")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
