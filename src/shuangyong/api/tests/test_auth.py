from datetime import timedelta

import pytest
from conftest import PASSWORD
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from shuangyong.api.tests.clients import token_client
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_token_is_issued_for_the_right_password_and_expires(users, settings):
    settings.API_TOKEN_HOURS = 8
    response = APIClient().post("/api/auth/token/", {"username": "town_staff", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry"}
    stored = AuthToken.objects.get(user=users["town_staff"])
    assert stored.token_key == body["token"][:15] and body["token"] not in stored.digest  # only a hash is kept
    assert abs(stored.expiry - (timezone.now() + timedelta(hours=8))) < timedelta(minutes=1)
    entry = AuditEntry.objects.filter(action="token_issue").get()
    assert (entry.object_id, entry.object_repr) == (str(users["town_staff"].pk), "town_staff")


def test_token_is_refused_for_a_wrong_password_or_an_inactive_user(users):
    users["leader"].is_active = False
    users["leader"].save()
    for username, password in [("town_staff", "wrong-pass-1"), ("leader", PASSWORD)]:
        response = APIClient().post("/api/auth/token/", {"username": username, "password": password}, format="json")
        assert response.status_code == 400
        assert response.json() == {
            "detail": "无法使用提供的认证信息登录。",
            "fields": {"non_field_errors": ["无法使用提供的认证信息登录。"]},
        }
    assert not AuthToken.objects.exists()


def test_the_factor_roles_need_an_enrolled_factor_and_its_code(users):
    response = APIClient().post("/api/auth/token/", {"username": "county_admin", "password": PASSWORD}, format="json")
    assert response.status_code == 400
    assert "绑定动态验证码" in response.json()["detail"]
    assert not AuthToken.objects.exists()


@pytest.mark.parametrize("path", ["/api/regions/", "/api/units/", "/api/users/", "/api/users/me/", "/api/jobs/"])
def test_unauthenticated_requests_get_401(db, path):
    response = APIClient().get(path)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "身份认证信息未提供。"}


def test_a_bad_token_gets_401(db):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = api.get("/api/units/")
    assert (response.status_code, response.json()) == (401, {"detail": "认证令牌无效或已过期。"})


def test_token_signs_in_as_its_user(users):
    assert token_client("town_staff").get("/api/users/me/").json()["username"] == "town_staff"


def test_an_expired_token_is_refused(users):
    api = token_client("town_staff")
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert api.get("/api/users/me/").status_code == 401


def test_the_owner_lists_and_revokes_tokens_and_sign_out_revokes_the_one_in_use(users):
    first, second = token_client("town_staff"), token_client("town_staff")
    listed = first.get("/api/auth/tokens/").json()
    assert len(listed) == 2 and sorted(t["current"] for t in listed) == [False, True]
    other = next(t["id"] for t in listed if not t["current"])
    assert token_client("village_staff").delete(f"/api/auth/tokens/{other}/").status_code == 404  # not theirs
    assert first.delete(f"/api/auth/tokens/{other}/").status_code == 204
    assert second.get("/api/users/me/").status_code == 401
    assert first.post("/api/auth/logout/").status_code == 204
    assert first.get("/api/users/me/").status_code == 401
    assert AuditEntry.objects.filter(action="token_revoke").count() == 2


def test_password_change_and_deactivation_revoke_every_token(users):
    api = token_client("town_staff")
    user = users["town_staff"]
    user.set_password("Another-pass-9")
    user.save()
    assert api.get("/api/users/me/").status_code == 401
    api = token_client("village_staff")
    users["village_staff"].is_active = False
    users["village_staff"].save()
    assert not AuthToken.objects.filter(user=users["village_staff"]).exists()
    assert api.get("/api/users/me/").status_code == 401
