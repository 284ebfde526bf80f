"""Every filter of every list endpoint refuses a malformed value with a 400 naming the parameter: generated from
the schema, so a filter added to an endpoint is checked without writing a test for it. A filter's value is never
silently dropped (which would answer with the whole scope) and never a 500."""

import json

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
READERS = ["county_admin", "secadmin", "auditadmin", "sysadmin"]


def malformed(parameter: dict) -> tuple[str, bool]:
    """A wrong value for the parameter, and whether it must be refused (True) or may match nothing (False: free
    text, and codes that are searched rather than chosen)."""
    schema, description = parameter.get("schema", {}), parameter.get("description", "")
    if "enum" in schema:
        return "bogus", True
    if schema.get("type") == "integer":
        return "abc", True
    if "区划代码" in description:
        return "999", True
    if "YYYY-MM-DD" in description:
        return "2026-13-45", True
    if "YYYY-MM" in description:
        return "2026-13", True
    if "yes / no" in description or "true" in description:
        return "maybe", True
    return "bogus", False


@pytest.fixture
def lists(users):
    api = APIClient()
    api.force_authenticate(users["leader"])
    schema = json.loads(api.get("/api/openapi.json").content)
    return {
        path: [p for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        for path, operations in schema["paths"].items()
        if "get" in operations and "{" not in path
    }


def reader_of(users, path: str) -> APIClient:
    for name in READERS:
        api = APIClient()
        api.force_authenticate(users[name])
        if api.get(path).status_code == 200:
            return api
    raise AssertionError(f"no role reads {path}")


def test_every_list_filter_refuses_a_malformed_value(users, lists):
    checked, failures = [], []
    for path, parameters in lists.items():
        api = reader_of(users, path)
        for parameter in parameters:
            name = parameter["name"]
            value, refused = malformed(parameter)
            response = api.get(path, {name: value})
            wrong = response["Content-Type"] != "application/json" or (
                (response.status_code != 400 or f"参数 {name}" not in response.json()["detail"])
                if refused or response.status_code == 400
                else response.status_code != 200
            )
            if wrong:
                failures.append((path, name, value, response.status_code, response.content[:120].decode()))
            checked.append((path, name))
    assert failures == [], "\n".join(map(str, failures))
    assert len(checked) > 60  # every filter of every list, paging included


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "limit=abc", "offset=-1"])
def test_paging_is_checked_too(users, query):
    api = APIClient()
    api.force_authenticate(users["county_admin"])
    response = api.get(f"/api/v1/persons/?{query}")
    assert response.status_code == 400 and response.json()["detail"].startswith(f"参数 {query.split('=')[0]}")
