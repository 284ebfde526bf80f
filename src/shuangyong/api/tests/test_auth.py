import pytest
from conftest import PASSWORD
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from shuangyong.api.tests.clients import token_client

pytestmark = pytest.mark.django_db


def test_token_is_issued_for_the_right_password(users):
    response = APIClient().post("/api/auth/token/", {"username": "county_admin", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=users["county_admin"]).key}


def test_token_is_refused_for_a_wrong_password_or_an_inactive_user(users):
    users["leader"].is_active = False
    users["leader"].save()
    for username, password in [("county_admin", "wrong-pass-1"), ("leader", PASSWORD)]:
        response = APIClient().post("/api/auth/token/", {"username": username, "password": password}, format="json")
        assert response.status_code == 400
        assert response.json() == {"non_field_errors": ["无法使用提供的认证信息登录。"]}
    assert not Token.objects.exists()


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
    assert (response.status_code, response.json()) == (401, {"detail": "认证令牌无效。"})


def test_token_signs_in_as_its_user(users):
    assert token_client("town_staff").get("/api/users/me/").json()["username"] == "town_staff"
