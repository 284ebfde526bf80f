from datetime import date

import pytest
from conftest import PASSWORD
from rest_framework.test import APIClient

from shuangyong.audit.models import AuditEntry
from shuangyong.registry.models import Category, Person
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id
from shuangyong.units.models import Unit

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def token_client(username: str) -> APIClient:
    api = APIClient()
    response = api.post("/api/auth/token/", {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return api


def test_schema_and_docs(db):
    schema = APIClient().get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in [
        "/api/auth/token/",
        "/api/regions/",
        "/api/regions/{code}/",
        "/api/regions/{code}/children/",
        "/api/units/",
        "/api/units/{id}/",
        "/api/users/",
        "/api/users/me/",
        "/api/jobs/",
        "/api/persons/",
        "/api/persons/{id}/",
        "/api/entitlements/",
    ]:
        assert path in paths, path
    assert {p["name"] for p in paths["/api/regions/"]["get"]["parameters"]} >= {"within", "parent", "level", "q"}
    docs = APIClient().get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger" in html.lower() and "cdn" not in html.lower() and "https://" not in html


def test_unauthenticated_is_refused(db):
    assert APIClient().get("/api/units/").status_code in (401, 403)


def test_regions_by_full_and_short_code(users):
    api = client_for(users["town_staff"])
    assert api.get("/api/regions/350123/").json()["name"] == "罗源县"
    assert api.get("/api/regions/350123000000/").json()["short_code"] == "350123"
    within = api.get("/api/regions/?within=350123100").json()["results"]
    assert [r["code"] for r in within] == ["350123100000", "350123100001", "350123100002"]
    children = api.get("/api/regions/350123/children/").json()["results"]
    assert [r["name"] for r in children] == ["凤山镇", "松山镇"]
    assert api.get("/api/regions/350199/").status_code == 404


def test_town_user_is_scoped_and_a_denied_write_changes_nothing(users, county):
    api = client_for(users["town_staff"])
    codes = {u["code"] for u in api.get("/api/units/").json()["results"]}
    assert codes == {"WGJ", "GAR1", "SCH-A"}
    school_b = county["school_b"]
    assert api.get(f"/api/units/{school_b.pk}/").status_code == 404
    entries, units = AuditEntry.objects.count(), Unit.objects.count()
    assert api.patch(f"/api/units/{school_b.pk}/", {"name": "改名"}, format="json").status_code == 404
    created = api.post(
        "/api/units/",
        {"code": "SCH-X", "name": "松山幼儿园", "kind": "partner", "partner_kind": "school", "region": "350123101"},
        format="json",
    )
    assert created.status_code == 403
    assert created.json()["detail"] == "该记录不在您的管辖范围内"
    school_b.refresh_from_db()
    assert (school_b.name, Unit.objects.count(), AuditEntry.objects.count()) == ("松山小学", units, entries)


def test_token_write_is_audited_with_the_token_user(users, county):
    api = token_client("county_admin")
    response = api.patch(f"/api/units/{county['school_b'].pk}/", {"contact_name": "王校长"}, format="json")
    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.get(model="units.unit", action="update")
    assert (entry.actor_id, entry.after) == (users["county_admin"].pk, {"contact_name": "王校长"})


def test_duplicate_unit_code_is_a_clear_400(users):
    api = client_for(users["county_admin"])
    response = api.post(
        "/api/units/", {"code": "WGJ", "name": "重复", "kind": "member", "region": "350123"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "单位代码 WGJ 已存在"


@pytest.mark.parametrize(
    ("username", "status"), [("county_admin", 403), ("sysadmin", 403), ("auditadmin", 403), ("secadmin", 200)]
)
def test_users_endpoint_is_for_the_security_administrator(users, username, status):
    assert client_for(users[username]).get("/api/users/").status_code == status


def test_security_administrator_creates_a_user(users, county):
    api = client_for(users["secadmin"])
    response = api.post(
        "/api/users/",
        {
            "username": "new1",
            "password": "Passw0rd!x",
            "role": "town_staff",
            "region": "350123101",
            "full_name": "新干事",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["region"] == "350123101000"
    assert "password" not in response.json()


def test_me_shows_capabilities(users):
    me = client_for(users["leader"]).get("/api/users/me/").json()
    assert (me["role"], me["capabilities"], me["scope"]) == ("leader", ["view_records"], "罗源县")


def test_persons_are_scoped_and_masked(users, county):
    load_categories()
    person = Person.objects.create(
        id_number=make_id("19500315", 11),
        name="张三",
        sex="M",
        birth_date=date(1950, 3, 15),
        region=county["village_a1"],
        bank_account="6228480402564890018",
    )
    life.register_entitlement(
        person, category=Category.objects.get(code="41"), on=date(2025, 1, 1), user=users["county_admin"]
    )
    town = client_for(users["town_staff"]).get("/api/persons/").json()["results"]
    assert [(p["name"], p["id_number"], p["bank_account"]) for p in town] == [
        ("张三", person.id_number[:4] + "*" * 10 + person.id_number[-4:], "6228***********0018")
    ]
    assert town[0]["entitlements"][0]["category_name"] == "在乡复员军人"
    assert client_for(users["town_b_staff"]).get("/api/persons/").json()["results"] == []
    full = client_for(users["county_admin"]).get(f"/api/persons/{person.pk}/").json()
    assert full["id_number"] == person.id_number
    assert client_for(users["secadmin"]).get("/api/persons/").json()["results"] == []
