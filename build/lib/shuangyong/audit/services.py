"""Writing audit entries. Every audited write calls `record` inside the writer's own transaction."""

import hashlib
import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from shuangyong.audit.chain import seal_when_committed
from shuangyong.audit.context import current_actor
from shuangyong.audit.models import AuditAction, AuditEntry
from shuangyong.privacy import PERSONAL_FIELDS, mask_field, redact, redact_text


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


def mask_values(values: dict | None) -> dict | None:
    """Personal numbers are stored masked (with a keyed fingerprint, so a change still shows): the audit
    administrator, the log's only reader, has no right to them (README, roles)."""
    if not isinstance(values, dict):
        return redact(values)
    return {k: mask_field(v) if k in PERSONAL_FIELDS else redact(v) for k, v in values.items()}


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
        object_repr=redact_text(str(object_repr))[:200],
        before=mask_values(before),
        after=mask_values(after),
        note=redact_text(note)[:300],
    )


def _save(entry: AuditEntry) -> AuditEntry:
    entry.save()
    seal_when_committed()
    return entry


def record(
    action: AuditAction, obj: models.Model, before=None, after=None, note: str = "", object_id=None
) -> AuditEntry:
    entry = _entry(action, model_label(obj), obj.pk if object_id is None else object_id, str(obj), before, after, note)
    return _save(entry)


def record_many(
    action: AuditAction, model, rows: Iterable[tuple[object, str, dict | None, dict | None]], note: str = ""
) -> int:
    """Bulk entries for set-based services: rows of (object_id, object_repr, before, after)."""
    label = model_label(model)
    entries = [_entry(action, label, oid, rep, before, after, note) for oid, rep, before, after in rows]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    if entries:
        seal_when_committed()
    return len(entries)


def record_export(what: str, *, model: str = "", count: int = 0, note: str = "") -> AuditEntry:
    entry = _entry(AuditAction.EXPORT, model or "export", "-", what, None, {"count": count}, note)
    return _save(entry)


def record_event(
    action: AuditAction, *, model: str, object_id="-", object_repr: str = "", note: str = "", after=None
) -> AuditEntry:
    """An entry for something that is not a row's change: a sign-in, a lockout, a token, a view of full numbers."""
    entry = _entry(action, model, object_id, object_repr, None, after, note)
    return _save(entry)


def record_reveal(what: str, count: int, where: str = "") -> AuditEntry | None:
    """A display of full ID or account numbers (等保: access to personal data is recorded, not only changes)."""
    if not count:
        return None
    note = f"显示完整证件号/账号 {count} 条" + (f"（{where}）" if where else "")
    return record_event(AuditAction.REVEAL, model="registry.person", object_repr=what, note=note)


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
