"""The tamper-evident audit log (等保 审计记录保护): every entry is sealed into one hash chain.

Entries are written by every transaction as before; `seal()` then gives each committed, unsealed entry the next
place in the chain (an AuditSeal row: seq, prev_hash, hash). Sealing after commit, under a lock held only for the
seal itself, keeps the chain linear however many writers run at once, without making every audited transaction
wait for the others (a chain head locked by each writer until its commit would queue them all behind the slowest
import, and deadlock writers that lock rows in different orders).

`seal()` runs when a transaction that wrote entries commits, in the worker's loop, and before every verification.
`verify()` recomputes the chain and names the first entry that was changed, removed or put out of order.
"""

import hashlib
import json
from datetime import UTC, timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from shuangyong.audit.models import AuditEntry, AuditSeal, AuditVerification

GENESIS = "0" * 64
BATCH = 2000
LOCK_KEY = 7_215_002  # PostgreSQL advisory lock: one sealer at a time
# Entries of transactions still open when a seal runs are sealed by a later one; looking back this far is enough
# (no transaction runs for a day) and keeps each seal from scanning the whole log. verify() looks at everything.
LOOK_BACK = timedelta(days=1)
FIELDS = ("id", "at", "actor_id", "actor_name", "source", "action", "model", "object_id", "object_repr",
          "before", "after", "note")  # fmt: skip


def canonical(entry: AuditEntry) -> bytes:
    """The entry's content as stable bytes: sorted keys, UTC time with microseconds, no whitespace."""
    data = {name: getattr(entry, name) for name in FIELDS}
    data["at"] = entry.at.astimezone(UTC).isoformat(timespec="microseconds")
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode()


def link(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256(prev_hash.encode() + canonical(entry)).hexdigest()


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    # SQLite: the transaction began IMMEDIATE, which already holds the database's one write lock


def seal(*, full: bool = False) -> int:
    """Seal every committed entry not yet in the chain, in id order; returns how many were sealed."""
    sealed = 0
    while True:
        with transaction.atomic():
            _lock()
            last = AuditSeal.objects.order_by("-seq").first()
            pending = AuditEntry.objects.filter(seal__isnull=True)
            if last is not None and not full:
                pending = pending.filter(at__gte=last.sealed_at - LOOK_BACK)
            batch = list(pending.order_by("id")[:BATCH])
            if not batch:
                return sealed
            seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
            now = timezone.now()
            seals = []
            for entry in batch:
                seq += 1
                digest = link(prev, entry)
                seals.append(AuditSeal(seq=seq, entry_id=entry.pk, prev_hash=prev, hash=digest, sealed_at=now))
                prev = digest
            AuditSeal.objects.bulk_create(seals)
            sealed += len(seals)


def _seal_after_commit() -> None:
    seal()


def seal_when_committed() -> None:
    """Register one seal for the end of the current transaction (once, however many entries it writes)."""
    if any(callback is _seal_after_commit for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_seal_after_commit, robust=True)


def verify(*, source: str = "") -> AuditVerification:
    """Seal what is pending, then walk the whole chain; record and return the outcome."""
    seal(full=True)
    prev, expected, first_broken, checked = GENESIS, 1, None, 0
    for chunk in _seal_chunks():
        entries = AuditEntry.objects.in_bulk([item.entry_id for item in chunk])
        for item in chunk:
            reason = _broken(item, entries.get(item.entry_id), expected, prev)
            if reason:
                first_broken = {"seq": item.seq, "entry": item.entry_id, "reason": reason}
                break
            prev, expected, checked = item.hash, expected + 1, checked + 1
        if first_broken:
            break
    last = AuditSeal.objects.order_by("-seq").first()
    unsealed = AuditEntry.objects.filter(seal__isnull=True).count()
    if first_broken is None and unsealed:
        entry = AuditEntry.objects.filter(seal__isnull=True).order_by("id").first()
        first_broken = {"seq": None, "entry": entry.pk, "reason": "记录不在审计链中（封存后被插入，或链被截断）"}
    if first_broken is None:
        first_broken = _check_anchor()
    return AuditVerification.objects.create(
        ok=first_broken is None,
        entries=checked,
        last_seq=last.seq if last else 0,
        last_hash=last.hash if last else "",
        unsealed=unsealed,
        first_broken=first_broken,
        source=source,
    )


def _seal_chunks():
    """The seals in chain order, a batch at a time (keyset pagination: no OFFSET over millions)."""
    after = 0
    while True:
        chunk = list(AuditSeal.objects.filter(seq__gt=after).order_by("seq")[:BATCH])
        if not chunk:
            return
        yield chunk
        after = chunk[-1].seq


def _broken(item: AuditSeal, entry: AuditEntry | None, expected: int, prev: str) -> str:
    if item.seq != expected:
        return f"链序号不连续：应为 {expected}，实为 {item.seq}（其间的链记录被删除）"
    if item.prev_hash != prev:
        return "前一哈希与上一条不符（链被改动）"
    if entry is None:
        return f"审计记录 {item.entry_id} 已被删除"
    if link(prev, entry) != item.hash:
        return f"审计记录 {entry.pk} 的内容已被修改"
    return ""


def _check_anchor() -> dict | None:
    """The chain may not be shorter than, nor differ from, what the last good verification saw (a cut tail)."""
    previous = AuditVerification.objects.filter(ok=True, last_seq__gt=0).order_by("-at", "-id").first()
    if previous is None:
        return None
    still = AuditSeal.objects.filter(seq=previous.last_seq).values_list("hash", flat=True).first()
    if still != previous.last_hash:
        return {
            "seq": previous.last_seq,
            "entry": None,
            "reason": f"链尾与 {previous.at:%Y-%m-%d %H:%M} 的校验结果不符（链尾被删除或改写）",
        }
    return None
