import pytest

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.accounts.scope import ScopeDenied
from shuangyong.accounts.services import AccountError, create_account, reset_password, update_account
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["county_admin", "sysadmin", "auditadmin", "leader"])
def test_only_the_security_administrator_manages_accounts(users, county, username):
    users_before, entries_before = User.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ScopeDenied):
        create_account(
            actor=users[username], username="new1", password="Passw0rd!x", role=Role.LEADER, region=county["county"]
        )
    with pytest.raises(ScopeDenied):
        update_account(users["leader"], actor=users[username], role=Role.COUNTY_ADMIN)
    assert (User.objects.count(), AuditEntry.objects.count()) == (users_before, entries_before)
    users["leader"].refresh_from_db()
    assert users["leader"].role == Role.LEADER


def test_security_administrator_creates_changes_and_resets(users, county):
    sec = users["secadmin"]
    made = create_account(
        actor=sec,
        username="new1",
        password="Passw0rd!x",
        role=Role.TOWN_STAFF,
        region=county["town_b"],
        full_name="新干事",
    )
    assert made.check_password("Passw0rd!x")
    update_account(made, actor=sec, role=Role.VILLAGE_STAFF, region=county["village_b1"])
    made.refresh_from_db()
    assert (made.role, made.region_id) == (Role.VILLAGE_STAFF, "350123101201")
    reset_password(made, actor=sec, password="N3w-passw0rd")
    made.refresh_from_db()
    assert made.check_password("N3w-passw0rd")
    actions = list(
        AuditEntry.objects.filter(model="accounts.user", object_id=str(made.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "update"]


def test_region_role_without_region_is_refused_in_chinese(users):
    with pytest.raises(AccountError, match="该角色必须指定管辖区划"):
        create_account(actor=users["secadmin"], username="new2", password="Passw0rd!x", role=Role.TOWN_STAFF)
    assert not User.objects.filter(username="new2").exists()


def test_duplicate_username_is_refused(users):
    with pytest.raises(AccountError, match="用户名 sysadmin 已存在"):
        create_account(actor=users["secadmin"], username="sysadmin", password="Passw0rd!x", role=Role.SYSADMIN)
