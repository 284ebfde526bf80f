import time

import pytest
from conftest import PASSWORD
from rest_framework.test import APIClient

from shuangyong.accounts.models import SignInFailure, SignInLock
from shuangyong.accounts.signin import unlock_account
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_five_failures_lock_the_account_even_for_the_right_password(users, client, settings):
    settings.SIGNIN_FAILURE_LIMIT, settings.SIGNIN_LOCK_MINUTES = 5, 15
    for _ in range(4):
        assert "用户名或密码不正确" in sign_in(client, "town_staff", "Wrong-pass-1").content.decode()
    assert "已被锁定" in sign_in(client, "town_staff", "Wrong-pass-1").content.decode()  # the fifth says so at once
    response = sign_in(client, "town_staff", PASSWORD)
    assert response.status_code == 200
    assert "账户因连续 5 次登录失败已被锁定，请 15 分钟后再试" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # the API's token endpoint is refused too, with the same reason
    api = APIClient().post("/api/auth/token/", {"username": "town_staff", "password": PASSWORD}, format="json")
    assert api.status_code == 400 and "已被锁定" in api.json()["detail"]
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions.count("sign_in_failed") == 7 and actions.count("lock") == 1
    failure = AuditEntry.objects.filter(action="sign_in_failed").order_by("id").first()
    assert (failure.object_repr, failure.note) == ("town_staff", "来自 127.0.0.1")


def test_the_lock_ends_after_its_minutes(users, client, settings):
    settings.SIGNIN_FAILURE_LIMIT = 2
    for _ in range(2):
        sign_in(client, "town_staff", "Wrong-pass-1")
    SignInLock.objects.update(until=SignInLock.objects.get().until.replace(year=2000))
    assert sign_in(client, "town_staff", PASSWORD).status_code == 302


def test_the_security_administrator_unlocks_and_the_audit_says_so(users, client, settings):
    settings.SIGNIN_FAILURE_LIMIT = 2
    for _ in range(2):
        sign_in(client, "town_staff", "Wrong-pass-1")
    with pytest.raises(Exception, match="安全管理员"):
        unlock_account(users["town_staff"], actor=users["county_admin"])
    assert SignInLock.objects.exists()
    unlock_account(users["town_staff"], actor=users["secadmin"])
    assert not SignInLock.objects.exists() and not SignInFailure.objects.exists()
    assert AuditEntry.objects.filter(action="unlock", object_repr="town_staff").count() == 1
    assert sign_in(client, "town_staff", PASSWORD).status_code == 302


def test_one_address_is_throttled_across_user_names(users, client, settings):
    settings.SIGNIN_FAILURE_LIMIT, settings.SIGNIN_ADDRESS_LIMIT = 100, 3
    for name in ("a1", "a2", "a3"):
        sign_in(client, name, "Wrong-pass-1")
    response = sign_in(client, "leader", PASSWORD)
    assert "该地址登录失败次数过多" in response.content.decode()
    other = client_from("10.0.0.9")
    assert other.post("/login/", {"username": "leader", "password": PASSWORD}).status_code == 302


def client_from(address):
    from django.test import Client

    return Client(REMOTE_ADDR=address)


def test_the_admin_signs_in_through_the_system_sign_in(db, client):
    response = client.get("/admin/")
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"].startswith("/login/")


def test_sign_in_and_sign_out_are_audited(users, client):
    assert sign_in(client, "town_staff", PASSWORD).status_code == 302
    client.post("/logout/")
    entries = AuditEntry.objects.filter(action__startswith="sign").order_by("id")
    assert list(entries.values_list("action", "object_repr")) == [
        ("sign_in", "town_staff"),
        ("sign_out", "town_staff"),
    ]


def test_an_idle_session_ends(users, client, settings):
    settings.IDLE_TIMEOUT_MINUTES = 30
    client.force_login(users["town_staff"])
    assert client.get("/").status_code == 200
    session = client.session
    session["last_seen"] = time.time() - 31 * 60
    session.save()
    response = client.get("/registry/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/").status_code == 302
    assert AuditEntry.objects.filter(action="sign_out", note__contains="未操作").count() == 1
