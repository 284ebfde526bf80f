"""Filtering the audit log, shared by its list page and its export."""

from datetime import datetime, time

from django.utils import timezone

from shuangyong.accounts.scope import administered_q
from shuangyong.audit.models import AuditEntry

FILTERS = ("model", "action", "actor", "object_id", "date_from", "date_to")


def _day(text: str, end: bool):
    try:
        day = datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        return None
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def readable_entries(user):
    """The entries an audit administrator reads: all, or, for one placed at a region (a county's own), what the
    accounts placed within it did (the installation's administrators and automation are the installation's)."""
    return AuditEntry.objects.filter(administered_q(user, "actor__"))


def filtered_entries(params, user) -> tuple:
    entries = readable_entries(user)
    values = {key: (params.get(key) or "").strip() for key in FILTERS}
    if values["model"]:
        entries = entries.filter(model=values["model"])
    if values["action"]:
        entries = entries.filter(action=values["action"])
    if values["actor"]:
        entries = entries.filter(actor_name__contains=values["actor"])
    if values["object_id"]:
        entries = entries.filter(object_id=values["object_id"])
    if values["date_from"] and (start := _day(values["date_from"], end=False)):
        entries = entries.filter(at__gte=start)
    if values["date_to"] and (stop := _day(values["date_to"], end=True)):
        entries = entries.filter(at__lte=stop)
    return entries, values
