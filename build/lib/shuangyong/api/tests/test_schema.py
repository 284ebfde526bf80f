import json
import re

import pytest
from django.contrib.staticfiles import finders
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/auth/token/": {"post"},
    "/api/auth/tokens/": {"get"},
    "/api/auth/tokens/{token_id}/": {"delete"},
    "/api/auth/logout/": {"post"},
    "/api/regions/": {"get"},
    "/api/regions/{code}/": {"get"},
    "/api/regions/{code}/children/": {"get"},
    "/api/units/": {"get", "post"},
    "/api/units/{id}/": {"get", "put", "patch"},
    "/api/users/": {"get", "post"},
    "/api/users/{id}/": {"get", "put", "patch"},
    "/api/users/me/": {"get"},
    "/api/todo/": {"get"},
    "/api/jobs/": {"get"},
    "/api/jobs/{id}/": {"get"},
    "/api/persons/": {"get"},
    "/api/persons/{id}/": {"get"},
    "/api/entitlements/": {"get"},
    "/api/entitlements/{id}/": {"get"},
    "/api/entitlements/{id}/change/": {"post"},
    "/api/persons/{id}/arrival/": {"post"},
    "/api/transfers/": {"get", "post"},
    "/api/transfers/{id}/": {"get"},
    "/api/transfers/{id}/accept/": {"post"},
    "/api/transfers/{id}/return/": {"post"},
    "/api/standards/": {"get", "post"},
    "/api/standards/{id}/": {"get", "put", "patch", "delete"},
    "/api/payment-runs/": {"get", "post"},
    "/api/payment-runs/{id}/": {"get"},
    "/api/payment-runs/{id}/check/": {"post"},
    "/api/payment-runs/{id}/approve/": {"post"},
    "/api/payment-runs/{id}/discard/": {"post"},
    "/api/payment-lines/": {"get"},
    "/api/findings/": {"get"},
    "/api/findings/{id}/waive/": {"post"},
    "/api/conscription/candidates/": {"get"},
    "/api/conscription/candidates/{id}/": {"get"},
    "/api/conscription/candidates/{id}/step/": {"post"},
    "/api/conscription/members/": {"get"},
    "/api/conscription/members/{id}/": {"get"},
    "/api/conscription/members/{id}/refresh_allowances/": {"post"},
    "/api/conscription/awards/": {"get", "post"},
    "/api/conscription/awards/{id}/": {"get"},
    "/api/conscription/allowances/": {"get"},
    "/api/conscription/allowances/{id}/": {"get"},
    "/api/resettlement/arrivals/": {"get"},
    "/api/resettlement/arrivals/{id}/": {"get"},
    "/api/activities/": {"get", "post"},
    "/api/activities/{id}/": {"get"},
    "/api/visit-recipients/": {"get"},
    "/api/visit-recipients/{id}/": {"get"},
    "/api/coconstruction-pairs/": {"get"},
    "/api/coconstruction-pairs/{id}/": {"get"},
    "/api/help-cases/": {"get"},
    "/api/help-cases/{id}/": {"get"},
    "/api/attachments/": {"get", "post"},
    "/api/attachments/{id}/": {"get", "delete"},
    "/api/attachments/{id}/download/": {"get"},
    "/api/care/records/": {"get", "post"},
    "/api/care/records/{id}/": {"get", "put", "delete"},
    "/api/care/sites/": {"get"},
    "/api/care/sites/{id}/": {"get"},
    "/api/care/funds/": {"get"},
    "/api/care/funds/{id}/": {"get"},
    "/api/creation/assessments/": {"get"},
    "/api/creation/assessments/{id}/": {"get"},
    "/api/creation/namings/": {"get"},
    "/api/creation/namings/{id}/": {"get"},
    "/api/leadership/members/": {"get", "post"},
    "/api/leadership/members/{id}/": {"get", "patch"},
    "/api/leadership/members/{id}/replace/": {"post"},
    "/api/leadership/meetings/": {"get", "post"},
    "/api/leadership/meetings/{id}/": {"get", "patch"},
    "/api/leadership/decisions/": {"get", "post"},
    "/api/leadership/decisions/{id}/": {"get"},
    "/api/leadership/decisions/{id}/complete/": {"post"},
    "/api/leadership/decisions/{id}/reopen/": {"post"},
    "/api/assessment/targets/": {"get", "post"},
    "/api/assessment/targets/{id}/": {"get", "patch", "delete"},
    "/api/assessment/targets/measures/": {"get"},
    "/api/intake/documents/": {"get", "post"},
    "/api/intake/documents/{id}/": {"get"},
    "/api/intake/documents/{id}/extraction/": {"get"},
}


@pytest.fixture
def schema(users):
    api = APIClient()
    api.force_authenticate(users["leader"])
    response = api.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/")
    return json.loads(response.content)


def params(operation) -> set[str]:
    return {p["name"] for p in operation.get("parameters", [])}


def test_schema_lists_exactly_the_endpoints_and_methods(schema):
    assert schema["openapi"].startswith("3.")
    assert {path: set(ops) for path, ops in schema["paths"].items()} == PATHS


def test_schema_documents_the_filters_and_tags(schema):
    paths = schema["paths"]
    assert params(paths["/api/regions/"]["get"]) == {"within", "parent", "level", "q", "limit", "offset"}
    assert params(paths["/api/units/"]["get"]) == {"kind", "region", "q", "limit", "offset"}
    assert params(paths["/api/jobs/"]["get"]) == {"status", "kind", "limit", "offset"}
    assert params(paths["/api/regions/{code}/children/"]["get"]) == {"code", "limit", "offset"}
    level = next(p for p in paths["/api/regions/"]["get"]["parameters"] if p["name"] == "level")
    assert level["schema"]["enum"] == [1, 2, 3, 4, 5]
    tags = {path: op["tags"] for path, ops in paths.items() for op in ops.values()}
    assert tags["/api/auth/token/"] == ["auth 登录"]
    assert tags["/api/regions/{code}/"] == ["regions 行政区划"]
    assert tags["/api/units/{id}/"] == ["units 单位"]
    assert tags["/api/users/me/"] == ["users 用户"]
    assert tags["/api/jobs/"] == ["jobs 后台任务"]


def test_schema_documents_the_token_endpoint(schema):
    token = schema["paths"]["/api/auth/token/"]["post"]
    assert "security" not in token  # reached without credentials
    assert set(token["responses"]) == {"200", "400"}
    body = schema["components"]["schemas"]["TokenRequest"]["properties"]
    assert set(body) == {"username", "password", "code"}
    assert set(schema["components"]["schemas"]["Token"]["properties"]) == {"token", "expiry"}
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }
    # what is written never comes back: the user's password is write-only
    assert schema["components"]["schemas"]["User"]["properties"]["password"]["writeOnly"] is True


def test_docs_and_schema_are_for_signed_in_users_only(db):
    assert APIClient().get("/api/openapi.json").status_code == 401
    response = APIClient().get("/api/docs/")
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/api/docs/")


def test_docs_page_is_served_offline(users):
    api = APIClient()
    api.force_login(users["leader"])
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    script = "/api/docs/?script="  # the page's own script is a file too: no inline script (CSP)
    assert script in assets and "<script>" not in html.replace(" ", "")
    vendored = [a for a in assets if a != script]
    assert vendored and all(a.startswith("/static/drf_spectacular_sidecar/swagger-ui-dist/") for a in vendored)
    assert all(finders.find(a.removeprefix("/static/")) for a in vendored)
    assert '"/api/openapi.json"' in api.get(script).content.decode()
