import json
import re

import pytest
from django.contrib.staticfiles import finders
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/auth/token/": {"post"},
    "/api/v1/auth/tokens/": {"get"},
    "/api/v1/auth/tokens/{token_id}/": {"delete"},
    "/api/v1/auth/logout/": {"post"},
    "/api/v1/regions/": {"get"},
    "/api/v1/regions/{code}/": {"get"},
    "/api/v1/regions/{code}/children/": {"get"},
    "/api/v1/units/": {"get", "post"},
    "/api/v1/units/{id}/": {"get", "put", "patch"},
    "/api/v1/users/": {"get", "post"},
    "/api/v1/users/{id}/": {"get", "put", "patch"},
    "/api/v1/users/me/": {"get"},
    "/api/v1/todo/": {"get"},
    "/api/v1/jobs/": {"get"},
    "/api/v1/jobs/{id}/": {"get"},
    "/api/v1/persons/": {"get"},
    "/api/v1/persons/{id}/": {"get"},
    "/api/v1/entitlements/": {"get"},
    "/api/v1/entitlements/{id}/": {"get"},
    "/api/v1/entitlements/{id}/change/": {"post"},
    "/api/v1/persons/{id}/arrival/": {"post"},
    "/api/v1/transfers/": {"get", "post"},
    "/api/v1/transfers/{id}/": {"get"},
    "/api/v1/transfers/{id}/accept/": {"post"},
    "/api/v1/transfers/{id}/return/": {"post"},
    "/api/v1/standards/": {"get", "post"},
    "/api/v1/standards/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/payment-runs/": {"get", "post"},
    "/api/v1/payment-runs/{id}/": {"get"},
    "/api/v1/payment-runs/{id}/check/": {"post"},
    "/api/v1/payment-runs/{id}/approve/": {"post"},
    "/api/v1/payment-runs/{id}/discard/": {"post"},
    "/api/v1/payment-lines/": {"get"},
    "/api/v1/findings/": {"get"},
    "/api/v1/findings/{id}/waive/": {"post"},
    "/api/v1/conscription/candidates/": {"get"},
    "/api/v1/conscription/candidates/{id}/": {"get"},
    "/api/v1/conscription/candidates/{id}/step/": {"post"},
    "/api/v1/conscription/members/": {"get"},
    "/api/v1/conscription/members/{id}/": {"get"},
    "/api/v1/conscription/members/{id}/refresh_allowances/": {"post"},
    "/api/v1/conscription/awards/": {"get", "post"},
    "/api/v1/conscription/awards/{id}/": {"get"},
    "/api/v1/conscription/allowances/": {"get"},
    "/api/v1/conscription/allowances/{id}/": {"get"},
    "/api/v1/resettlement/arrivals/": {"get"},
    "/api/v1/resettlement/arrivals/{id}/": {"get"},
    "/api/v1/activities/": {"get", "post"},
    "/api/v1/activities/{id}/": {"get"},
    "/api/v1/visit-recipients/": {"get"},
    "/api/v1/visit-recipients/{id}/": {"get"},
    "/api/v1/coconstruction-pairs/": {"get"},
    "/api/v1/coconstruction-pairs/{id}/": {"get"},
    "/api/v1/help-cases/": {"get"},
    "/api/v1/help-cases/{id}/": {"get"},
    "/api/v1/attachments/": {"get", "post"},
    "/api/v1/attachments/{id}/": {"get", "delete"},
    "/api/v1/attachments/{id}/download/": {"get"},
    "/api/v1/care/records/": {"get", "post"},
    "/api/v1/care/records/{id}/": {"get", "put", "delete"},
    "/api/v1/care/sites/": {"get"},
    "/api/v1/care/sites/{id}/": {"get"},
    "/api/v1/care/funds/": {"get"},
    "/api/v1/care/funds/{id}/": {"get"},
    "/api/v1/creation/assessments/": {"get"},
    "/api/v1/creation/assessments/{id}/": {"get"},
    "/api/v1/creation/namings/": {"get"},
    "/api/v1/creation/namings/{id}/": {"get"},
    "/api/v1/leadership/members/": {"get", "post"},
    "/api/v1/leadership/members/{id}/": {"get", "patch"},
    "/api/v1/leadership/members/{id}/replace/": {"post"},
    "/api/v1/leadership/meetings/": {"get", "post"},
    "/api/v1/leadership/meetings/{id}/": {"get", "patch"},
    "/api/v1/leadership/decisions/": {"get", "post"},
    "/api/v1/leadership/decisions/{id}/": {"get"},
    "/api/v1/leadership/decisions/{id}/complete/": {"post"},
    "/api/v1/leadership/decisions/{id}/reopen/": {"post"},
    "/api/v1/assessment/targets/": {"get", "post"},
    "/api/v1/assessment/targets/{id}/": {"get", "patch", "delete"},
    "/api/v1/assessment/targets/measures/": {"get"},
    "/api/v1/intake/documents/": {"get", "post"},
    "/api/v1/intake/documents/{id}/": {"get"},
    "/api/v1/intake/documents/{id}/extraction/": {"get"},
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
    assert params(paths["/api/v1/regions/"]["get"]) == {"within", "parent", "level", "q", "limit", "offset"}
    assert params(paths["/api/v1/units/"]["get"]) == {"kind", "region", "q", "limit", "offset"}
    assert params(paths["/api/v1/jobs/"]["get"]) == {"status", "kind", "limit", "offset"}
    assert params(paths["/api/v1/regions/{code}/children/"]["get"]) == {"code", "limit", "offset"}
    level = next(p for p in paths["/api/v1/regions/"]["get"]["parameters"] if p["name"] == "level")
    assert level["schema"]["enum"] == [1, 2, 3, 4, 5]
    tags = {path: op["tags"] for path, ops in paths.items() for op in ops.values()}
    assert tags["/api/v1/auth/token/"] == ["auth 登录"]
    assert tags["/api/v1/regions/{code}/"] == ["regions 行政区划"]
    assert tags["/api/v1/units/{id}/"] == ["units 单位"]
    assert tags["/api/v1/users/me/"] == ["users 用户"]
    assert tags["/api/v1/jobs/"] == ["jobs 后台任务"]


def test_schema_documents_the_token_endpoint(schema):
    token = schema["paths"]["/api/v1/auth/token/"]["post"]
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


def test_every_operation_documents_its_refusals_in_the_one_shape(schema):
    error = {"$ref": "#/components/schemas/Error"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            secured = "security" in operation and {} not in operation["security"]  # the token endpoint is open
            expected = {"400"} | ({"401", "403"} if secured else set())
            if "{" in path:
                expected.add("404")
            assert expected <= set(responses), (method, path)
            for code in expected:
                assert responses[code]["content"]["application/json"]["schema"] == error, (method, path, code)


def test_the_unversioned_paths_answer_as_the_versioned(users):
    api = APIClient()
    api.force_authenticate(users["county_admin"])
    for path in ("regions/?level=4", "persons/?status=bogus", "no-such-thing/"):
        old, new = api.get(f"/api/{path}"), api.get(f"/api/v1/{path}")
        assert (old.status_code, old.json()) == (new.status_code, new.json()), path


def test_a_refused_body_answers_in_the_documented_shape(users):
    api = APIClient()
    api.force_authenticate(users["county_admin"])
    response = api.post("/api/v1/units/", {"name": "新单位"}, format="json")
    body = response.json()
    assert response.status_code == 400 and set(body) == {"detail", "fields"}
    first, messages = next(iter(body["fields"].items()))
    assert body["detail"] == f"字段 {first}：{messages[0]}" and "name" not in body["fields"]
