from conftest import PASSWORD
from rest_framework.test import APIClient


def client_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def token_client(username: str) -> APIClient:
    """A client that signs in the way an API consumer does: POST /api/auth/token/, then the Token header."""
    api = APIClient()
    response = api.post("/api/auth/token/", {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return api
