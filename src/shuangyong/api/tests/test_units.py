import pytest
from conftest import refused

from shuangyong.api.base import NOT_FOUND
from shuangyong.api.tests.clients import client_for, token_client
from shuangyong.audit.models import AuditEntry
from shuangyong.units.models import Unit

pytestmark = pytest.mark.django_db

SCHOOL_X = {"code": "SCH-X", "name": "松山幼儿园", "kind": "partner", "partner_kind": "school"}


def unit_codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {u["code"] for u in response.json()["results"]}


def counts() -> tuple[int, int]:
    return Unit.objects.count(), AuditEntry.objects.count()


@pytest.fixture
def town(users):
    return client_for(users["town_staff"])


def test_town_staff_sees_own_town_and_county_units_only(town):
    assert unit_codes(town.get("/api/units/")) == {"WGJ", "GAR1", "SCH-A"}


def test_another_towns_unit_is_not_found_and_cannot_be_changed(town, county):
    school_b, before = county["school_b"], counts()
    assert town.get(f"/api/units/{school_b.pk}/").status_code == 404
    patched = town.patch(f"/api/units/{school_b.pk}/", {"name": "改名"}, format="json")
    assert (patched.status_code, patched.json()) == (404, {"detail": NOT_FOUND})
    put = town.put(f"/api/units/{school_b.pk}/", {**SCHOOL_X, "code": "SCH-B", "region": "350123101"}, format="json")
    assert put.status_code == 404
    school_b.refresh_from_db()
    assert (school_b.name, school_b.code, counts()) == ("松山小学", "SCH-B", before)


def test_creating_a_unit_in_another_town_is_refused(town, county):
    before = counts()
    response = town.post("/api/units/", {**SCHOOL_X, "region": "350123101"}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "该记录不在您的管辖范围内"})
    assert counts() == before
    assert not Unit.objects.filter(code="SCH-X").exists()


@pytest.mark.parametrize(
    ("unit", "change"),
    [("unit_bureau", {"name": "改名"}), ("school_a", {"region": "350123101"})],
    ids=["county-unit-readable-not-writable", "moving-own-unit-to-another-town"],
)
def test_writes_outside_the_write_scope_are_refused(town, county, unit, change):
    target, before = county[unit], counts()
    response = town.patch(f"/api/units/{target.pk}/", change, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "该记录不在您的管辖范围内"})
    original = Unit.objects.get(pk=target.pk)
    assert (original.name, original.region_id, counts()) == (target.name, target.region_id, before)


def test_town_staff_creates_a_unit_in_own_town_by_short_code(town, users):
    response = town.post("/api/units/", {**SCHOOL_X, "name": "凤山幼儿园", "region": "350123100"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["region"], body["region_name"], body["kind_label"], body["is_active"]) == (
        "350123100000",
        "凤山镇",
        "共建单位",
        True,
    )
    entry = AuditEntry.objects.get(model="units.unit", action="create", object_id=str(body["id"]))
    assert (entry.actor_id, entry.after["code"]) == (users["town_staff"].pk, "SCH-X")


def test_token_patch_by_county_admin_is_audited_with_that_user(users, county):
    api = token_client("county_admin")
    response = api.patch(f"/api/units/{county['school_b'].pk}/", {"contact_name": "王校长"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["contact_name"] == "王校长"
    entry = AuditEntry.objects.get(model="units.unit", action="update")
    assert (entry.actor_id, entry.object_id, entry.after) == (
        users["county_admin"].pk,
        str(county["school_b"].pk),
        {"contact_name": "王校长"},
    )


def test_deactivate_instead_of_delete(users, county):
    api = client_for(users["county_admin"])
    school_a = county["school_a"]
    assert api.delete(f"/api/units/{school_a.pk}/").status_code == 405
    assert api.patch(f"/api/units/{school_a.pk}/", {"is_active": False}, format="json").json()["is_active"] is False
    school_a.refresh_from_db()
    assert school_a.is_active is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=garrison", {"GAR1"}),
        ("region=350123101", {"SCH-B"}),
        ("region=350123101000", {"SCH-B"}),
        ("region=350123&kind=partner", {"SCH-A", "SCH-B"}),
        ("q=中学", {"SCH-A"}),
        ("q=sch", {"SCH-A", "SCH-B"}),
    ],
)
def test_filters(users, query, expected):
    assert unit_codes(client_for(users["county_admin"]).get(f"/api/units/?{query}")) == expected


def test_filters_stay_inside_the_scope(town):
    assert unit_codes(town.get("/api/units/?region=350123101")) == set()


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("kind=army", "参数 kind：“army”无效，可选 member、garrison、partner"),
        ("region=12345", "参数 region：区划代码“12345”无效：应为 12 位数字，或 6 位（县）、9 位（乡镇）简码"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(users, query, detail):
    response = client_for(users["county_admin"]).get(f"/api/units/?{query}")
    assert (response.status_code, response.json()) == (400, {"detail": detail})


@pytest.mark.parametrize(
    ("payload", "body"),
    [
        (
            {"code": "WGJ", "name": "重复", "kind": "member", "region": "350123"},
            {"detail": "单位代码 WGJ 已存在"},
        ),
        (
            {"code": "M2", "name": "某局", "kind": "member", "garrison_branch": "army", "region": "350123"},
            {"detail": "只有驻军单位可以填写军兵种"},
        ),
        (
            {"code": "M2", "name": "某局", "kind": "member", "region": "350199"},
            refused({"region": ["区划代码 350199 不存在，请先导入该区划"]}),
        ),
        ({"code": "M2", "kind": "member", "region": "350123"}, refused({"name": ["该字段是必填项。"]})),
    ],
    ids=["duplicate-code", "branch-on-member", "unknown-region", "missing-name"],
)
def test_invalid_payloads_are_400_and_write_nothing(users, payload, body):
    before = counts()
    response = client_for(users["county_admin"]).post("/api/units/", payload, format="json")
    assert (response.status_code, response.json()) == (400, body)
    assert counts() == before


@pytest.mark.parametrize("username", ["leader", "secadmin", "auditadmin"])
def test_roles_without_manage_units_cannot_create(users, username):
    before = counts()
    response = client_for(users[username]).post("/api/units/", {**SCHOOL_X, "region": "350123100"}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "您的角色无权修改此类记录"})
    assert counts() == before
