import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from shuangyong.audit.chain import GENESIS, link, seal, verify
from shuangyong.audit.models import AppendOnlyError, AuditEntry, AuditSeal, AuditVerification
from shuangyong.audit.services import record_event

pytestmark = pytest.mark.django_db


def entries(n: int) -> list[AuditEntry]:
    return [record_event("export", model="test", object_repr=f"第{i}条", note=f"n{i}") for i in range(n)]


def raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # as the tables' owner would; the app's role cannot (docs/security.md)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no deferred check
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")


def test_each_entry_is_chained_to_the_one_before(db):
    made = entries(3)
    assert seal() == 3
    seals = list(AuditSeal.objects.order_by("seq"))
    assert [s.seq for s in seals] == [1, 2, 3] and [s.entry_id for s in seals] == [e.pk for e in made]
    assert seals[0].prev_hash == GENESIS
    for before, after in zip(seals, seals[1:], strict=False):
        assert after.prev_hash == before.hash
    assert seals[2].hash == link(seals[1].hash, AuditEntry.objects.get(pk=made[2].pk))
    assert seal() == 0  # nothing twice
    outcome = verify()
    assert (outcome.ok, outcome.entries, outcome.last_seq, outcome.first_broken) == (True, 3, 3, None)


def test_a_transaction_that_writes_entries_seals_them_when_it_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        entries(5)
    assert len(callbacks) == 1  # one seal for the whole transaction
    assert AuditSeal.objects.count() == 5


def test_the_orm_cannot_change_or_remove_entries(db):
    entries(1)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(note="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditSeal.objects.all().delete()


def test_a_changed_entry_is_named(db):
    made = entries(4)
    seal()
    raw("UPDATE audit_auditentry SET note = 'tampered' WHERE id = %s", [made[2].pk])
    outcome = verify()
    assert not outcome.ok
    assert outcome.first_broken == {"seq": 3, "entry": made[2].pk, "reason": f"审计记录 {made[2].pk} 的内容已被修改"}


def test_a_removed_entry_is_named(db):
    made = entries(4)
    seal()
    raw("DELETE FROM audit_auditentry WHERE id = %s", [made[1].pk])
    outcome = verify()
    assert outcome.first_broken == {"seq": 2, "entry": made[1].pk, "reason": f"审计记录 {made[1].pk} 已被删除"}


def test_a_cut_tail_is_found_against_the_last_verification(db):
    entries(4)
    assert verify().ok
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditseal DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM audit_auditseal WHERE seq >= 3")
    raw("DELETE FROM audit_auditentry WHERE id IN (SELECT id FROM audit_auditentry ORDER BY id DESC LIMIT 2)")
    outcome = verify()
    assert not outcome.ok and "链尾" in outcome.first_broken["reason"]


def test_audit_verify_command_prints_json_and_exits_1_when_broken(db, capsys):
    made = entries(2)
    call_command("audit_verify", json=True)
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "ok": True,
        "entries": 2,
        "last_seq": 2,
        "last_hash": AuditSeal.objects.get(seq=2).hash,
        "unsealed": 0,
        "first_broken": None,
    }
    raw("UPDATE audit_auditentry SET object_repr = 'x' WHERE id = %s", [made[0].pk])
    with pytest.raises(SystemExit) as exit_code:
        call_command("audit_verify")
    assert exit_code.value.code == 1
    assert f"审计记录 {made[0].pk} 的内容已被修改" in capsys.readouterr().out
    assert AuditVerification.objects.count() == 2


def test_personal_numbers_are_stored_masked(db):
    entry = record_event(
        "export", model="test", object_repr="张三 350123195001011234", note="账号 6222021234567890123", after=None
    )
    from shuangyong.audit.services import mask_values

    assert entry.object_repr == "张三 3501**********1234" and entry.note == "账号 6222***********0123"
    masked = mask_values({"id_number": "35012319500101123X", "name": "张三", "phone": "13812345678"})
    assert masked["id_number"].startswith("3501**********123X·") and masked["name"] == "张三"
    assert masked["phone"].startswith("138****5678·")
    assert masked["id_number"] != mask_values({"id_number": "35012319500101223X"})["id_number"]  # a change shows


def test_the_application_role_can_append_but_neither_truncate_nor_lift_the_trigger(db):
    if connection.vendor != "postgresql":
        pytest.skip("database roles exist on PostgreSQL only")
    from django.db import DatabaseError

    entries(1)
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE sy_test_app NOLOGIN")  # rolled back with the test's transaction
    call_command("grant_app_role", "sy_test_app")
    attempts = {
        "TRUNCATE audit_auditentry": "permission denied",
        "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update": "must be owner",
        "UPDATE audit_auditentry SET note = 'x'": "permission denied",
        "DELETE FROM audit_auditseal": "permission denied",
        "INSERT INTO audit_auditentry_default (at, actor_name, source, action, model, object_id, object_repr, note)"
        " VALUES (now(), '', '', 'create', 'x', '1', '', '')": "permission denied",
    }
    for sql, refusal in attempts.items():
        with pytest.raises(DatabaseError, match=refusal), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL ROLE sy_test_app")
            cursor.execute(sql)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL ROLE sy_test_app")
        cursor.execute("INSERT INTO audit_auditverification (at, ok, entries, last_seq, last_hash, unsealed, source)"
                       " VALUES (now(), true, 0, 0, '', 0, 'test')")  # fmt: skip
        cursor.execute("SELECT count(*) FROM audit_auditentry")
        assert cursor.fetchone()[0] >= 1


def test_the_audit_administrator_verifies_from_the_page_and_sees_the_outcome(users, client):
    client.force_login(users["auditadmin"])
    response = client.post("/audit/verify/", follow=True)
    assert "审计链完整" in response.content.decode()
    assert AuditVerification.objects.get().ok
    client.force_login(users["county_admin"])
    assert client.post("/audit/verify/").status_code == 403
    assert AuditVerification.objects.count() == 1
