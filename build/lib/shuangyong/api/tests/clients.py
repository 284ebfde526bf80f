from conftest import PASSWORD, totp_code
from rest_framework.test import APIClient

from shuangyong.accounts import factors
from shuangyong.accounts.models import User


def client_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def token_client(username: str) -> APIClient:
    """A client that signs in the way an API consumer does: POST /api/auth/token/ (with the second factor's code for
    the roles that need one), then the Token header."""
    api = APIClient()
    credentials = {"username": username, "password": PASSWORD}
    if factors.required_or_enrolled(User.objects.get(username=username)):
        credentials["code"] = totp_code(username)
    response = api.post("/api/auth/token/", credentials, format="json")
    assert response.status_code == 200, response.content
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return api
