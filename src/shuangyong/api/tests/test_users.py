import pytest
from conftest import refused

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import CAPABILITIES, PERSON_ROLES
from shuangyong.api.tests.clients import client_for, token_client
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_USER = {"username": "new1", "password": "Passw0rd!x", "role": "town_staff", "region": "350123101"}


def counts() -> tuple[int, int]:
    return User.objects.count(), AuditEntry.objects.count()


@pytest.fixture
def secadmin(users):
    return client_for(users["secadmin"])


@pytest.mark.parametrize("username", ["county_admin", "sysadmin", "auditadmin", "town_staff", "leader"])
def test_users_endpoint_is_refused_to_everyone_but_the_security_administrator(users, username):
    api, before = client_for(users[username]), counts()
    for response in [
        api.get("/api/users/"),
        api.get(f"/api/users/{users['leader'].pk}/"),
        api.post("/api/users/", NEW_USER, format="json"),
        api.patch(f"/api/users/{users['leader'].pk}/", {"role": "county_admin"}, format="json"),
    ]:
        assert (response.status_code, response.json()) == (403, {"detail": "只有安全管理员可以管理用户"})
    assert counts() == before
    assert User.objects.get(username="leader").role == "leader"


def test_security_administrator_lists_users_without_passwords(secadmin, users):
    response = secadmin.get("/api/users/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(users) + 1 == 10  # and the system account (automation), which cannot sign in
    assert {u["role"] for u in body["results"] if u["username"] == "system"} == {"system"}
    town = next(u for u in body["results"] if u["username"] == "town_staff")
    assert town == {
        "id": users["town_staff"].pk,
        "username": "town_staff",
        "full_name": "乡镇工作人员",
        "role": "town_staff",
        "role_label": "乡镇工作人员",
        "region": "350123100000",
        "unit": None,
        "phone": "",
        "email": "",
        "is_active": True,
        "last_login": None,
    }
    assert "pbkdf2" not in response.content.decode() and "password" not in response.content.decode()


def test_security_administrator_creates_a_user(secadmin, users):
    response = secadmin.post("/api/users/", {**NEW_USER, "full_name": "新干事"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["region"], body["role_label"], "password" in body) == ("350123101000", "乡镇工作人员", False)
    created = User.objects.get(username="new1")
    assert created.check_password("Passw0rd!x")
    entry = AuditEntry.objects.get(model="accounts.user", action="create", object_id=str(created.pk))
    assert entry.actor_id == users["secadmin"].pk
    assert "pbkdf2" not in str(entry.after["password"])  # the audit log keeps a fingerprint, not the hash


@pytest.mark.parametrize(
    ("payload", "body"),
    [
        ({**NEW_USER, "password": ""}, refused({"password": ["该字段不能为空。"]})),
        ({k: v for k, v in NEW_USER.items() if k != "password"}, refused({"password": ["新建用户须设置初始密码"]})),
        ({**NEW_USER, "password": "short"}, refused({"password": ["请确保这个字段至少包含 8 个字符。"]})),
        ({**NEW_USER, "username": "town_staff"}, {"detail": "用户名 town_staff 已存在"}),
        ({**NEW_USER, "region": None}, {"detail": "该角色必须指定管辖区划"}),
        ({**NEW_USER, "region": "350199"}, refused({"region": ["区划代码 350199 不存在，请先导入该区划"]})),
    ],
    ids=["blank-password", "no-password", "short-password", "taken-username", "no-region", "unknown-region"],
)
def test_invalid_new_users_are_400_and_write_nothing(secadmin, payload, body):
    before = counts()
    response = secadmin.post("/api/users/", payload, format="json")
    assert (response.status_code, response.json()) == (400, body)
    assert counts() == before


def test_security_administrator_changes_a_user_and_resets_the_password(secadmin, users):
    leader = users["leader"]
    response = secadmin.patch(
        f"/api/users/{leader.pk}/", {"full_name": "李县长", "password": "N3w-secret!"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["full_name"] == "李县长"
    leader.refresh_from_db()
    assert (leader.full_name, leader.check_password("N3w-secret!")) == ("李县长", True)


def test_a_username_cannot_be_changed(secadmin, users):
    response = secadmin.patch(f"/api/users/{users['leader'].pk}/", {"username": "boss"}, format="json")
    assert (response.status_code, response.json()) == (400, refused({"username": ["用户名创建后不可修改"]}))
    assert User.objects.filter(username="leader").exists()


def test_me_for_the_leader(users):
    me = client_for(users["leader"]).get("/api/users/me/").json()
    assert me == {
        "username": "leader",
        "full_name": "领导（只读）",
        "role": "leader",
        "role_label": "领导（只读）",
        "region": "350123000000",
        "unit": None,
        "scope": "罗源县",
        "capabilities": ["view_records"],
    }


@pytest.mark.parametrize("role", sorted(role.value for role in PERSON_ROLES))
def test_me_shows_the_roles_capabilities(users, role):
    me = token_client(role).get("/api/users/me/").json()
    assert (me["username"], me["role"], me["capabilities"]) == (role, role, sorted(CAPABILITIES[role]))


def test_me_for_unit_staff_and_the_security_administrator(users, county):
    unit_staff = client_for(users["unit_staff"]).get("/api/users/me/").json()
    assert (unit_staff["region"], unit_staff["unit"], unit_staff["scope"]) == (
        None,
        county["unit_bureau"].pk,
        "县文广局",
    )
    sec = client_for(users["secadmin"]).get("/api/users/me/").json()
    assert (sec["role_label"], sec["scope"], sec["capabilities"]) == ("安全管理员", "全系统", ["manage_users"])
