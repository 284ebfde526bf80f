"""Writing audit entries. Every audited write calls `record` inside the writer's own transaction."""

import hashlib
import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from shuangyong.audit.context import current_actor
from shuangyong.audit.models import AuditAction, AuditEntry


def to_json(value):
    """A JSON-safe copy (dates as ISO strings, Decimals as strings) so before/after compare stably."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _fingerprint(value) -> str:
    # Enough to show that a secret changed, nothing that helps recover it.
    return "已设置·" + hashlib.sha256(str(value).encode()).hexdigest()[:8] if value else ""


def snapshot(obj: models.Model) -> dict:
    exclude = set(getattr(obj, "audit_exclude", ()))
    masked = set(getattr(obj, "audit_masked", ()))
    data = {
        f.attname: _fingerprint(getattr(obj, f.attname)) if f.attname in masked else getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in exclude
    }
    return to_json(data)


def model_label(obj_or_model) -> str:
    return obj_or_model._meta.label_lower


def _entry(action, model: str, object_id, object_repr: str, before, after, note: str) -> AuditEntry:
    actor = current_actor()
    user = actor.user
    return AuditEntry(
        actor=user,
        actor_name=(user.get_full_name() or user.get_username()) if user else actor.source,
        source=actor.source,
        action=action,
        model=model,
        object_id=str(object_id),
        object_repr=str(object_repr)[:200],
        before=before,
        after=after,
        note=note[:300],
    )


def record(
    action: AuditAction, obj: models.Model, before=None, after=None, note: str = "", object_id=None
) -> AuditEntry:
    entry = _entry(action, model_label(obj), obj.pk if object_id is None else object_id, str(obj), before, after, note)
    entry.save()
    return entry


def record_many(
    action: AuditAction, model, rows: Iterable[tuple[object, str, dict | None, dict | None]], note: str = ""
) -> int:
    """Bulk entries for set-based services: rows of (object_id, object_repr, before, after)."""
    label = model_label(model)
    entries = [_entry(action, label, oid, rep, before, after, note) for oid, rep, before, after in rows]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def record_export(what: str, *, model: str = "", count: int = 0, note: str = "") -> AuditEntry:
    entry = _entry(AuditAction.EXPORT, model or "export", "-", what, None, {"count": count}, note)
    entry.save()
    return entry


def record_event(
    action: AuditAction, *, model: str, object_id="-", object_repr: str = "", note: str = "", after=None
) -> AuditEntry:
    """An entry for something that is not a row's change: a sign-in, a lockout, a token, a view of full numbers."""
    entry = _entry(action, model, object_id, object_repr, None, after, note)
    entry.save()
    return entry


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
