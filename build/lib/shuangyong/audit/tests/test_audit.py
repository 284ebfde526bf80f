import pytest
from django.db import connection, transaction

from shuangyong.accounts.models import User
from shuangyong.audit.context import acting_as
from shuangyong.audit.models import AppendOnlyError, AuditAction, AuditEntry
from shuangyong.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return list(AuditEntry.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id"))


def test_create_change_delete_are_recorded_with_actor_and_source(county, users):
    admin = users["county_admin"]
    with acting_as(admin, "10.0.0.8"):
        unit = Unit.objects.create(code="NEW", name="新单位", kind=UnitKind.MEMBER, region=county["county"])
        unit.name = "新单位（更名）"
        unit.save()
        unit.save()  # nothing changed: no entry
        unit.delete()
    created, changed, deleted = AuditEntry.objects.filter(
        model="units.unit", object_repr__startswith="新单位"
    ).order_by("id")
    assert [e.action for e in (created, changed, deleted)] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.DELETE,
    ]
    assert {e.actor_id for e in (created, changed, deleted)} == {admin.pk}
    assert {e.source for e in (created, changed, deleted)} == {"10.0.0.8"}
    assert created.actor_name == "县双拥办管理员"
    assert created.before is None and created.after["name"] == "新单位"
    assert created.after["region_id"] == "350123000000"
    assert (changed.before, changed.after) == ({"name": "新单位"}, {"name": "新单位（更名）"})
    assert deleted.before["code"] == "NEW" and deleted.after is None
    assert changed.changed_fields() == [("name", "新单位", "新单位（更名）")]


def test_rolled_back_write_leaves_no_entry(county):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        Unit.objects.create(code="TMP", name="临时", kind=UnitKind.MEMBER, region=county["county"])
        raise RuntimeError("abort")
    assert AuditEntry.objects.count() == before


def test_queryset_update_delete_and_bulk_create_are_recorded(county):
    Unit.objects.filter(kind=UnitKind.PARTNER).update(contact_phone="0591-1234")
    updates = AuditEntry.objects.filter(action=AuditAction.UPDATE, model="units.unit")
    assert sorted(e.object_repr for e in updates) == ["凤山中学", "松山小学"]
    assert {(tuple(e.before.items()), tuple(e.after.items())) for e in updates} == {
        ((("contact_phone", ""),), (("contact_phone", "0591-1234"),))
    }
    made = Unit.objects.bulk_create(
        [Unit(code=f"B{i}", name=f"批量{i}", kind=UnitKind.MEMBER, region=county["county"]) for i in range(3)]
    )
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id__in=[str(u.pk) for u in made]).count() == 3
    Unit.objects.filter(code__startswith="B").delete()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, model="units.unit").count() == 3


def test_password_changes_are_recorded_without_the_hash(county):
    user = User.objects.create_user(username="x1", password="secret-123", role="sysadmin")
    old_hash = user.password
    user.set_password("another-456")
    user.save()
    created, changed = entries_for(user)
    assert created.after["password"].startswith("已设置·")
    assert list(changed.after) == ["password", "password_changed_at"]
    assert changed.before["password"] != changed.after["password"]
    assert old_hash not in str(changed.before) and user.password not in str(changed.after)
    assert "last_login" not in created.after


def test_entries_are_append_only(county):
    entry = AuditEntry.objects.first()
    entry.note = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_database_refuses_update_and_delete_on_postgresql(county):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only (see migration 0002)")
    from django.db import DatabaseError

    entry = AuditEntry.objects.first()
    plain = AuditEntry._base_manager  # past the ORM's own guard, straight to the database
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        plain.filter(pk=entry.pk).update(note="tampered")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        plain.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.note == ""
