import pytest

from shuangyong.api.tests.clients import client_for

pytestmark = pytest.mark.django_db

FENGSHAN = {
    "code": "350123100000",
    "short_code": "350123100",
    "name": "凤山镇",
    "level": 4,
    "level_label": "乡镇",
    "parent": "350123000000",
}


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [r["code"] for r in response.json()["results"]]


@pytest.fixture
def api(users):
    return client_for(users["town_staff"])


def test_region_by_short_and_full_code(api):
    assert api.get("/api/regions/350123/").json()["name"] == "罗源县"
    assert api.get("/api/regions/350123000000/").json()["short_code"] == "350123"
    assert api.get("/api/regions/350123100/").json() == FENGSHAN
    assert api.get("/api/regions/350123100000/").json() == FENGSHAN


def test_unknown_region_is_404_with_the_code(api):
    response = api.get("/api/regions/350199/")
    assert (response.status_code, response.json()) == (404, {"detail": "区划代码 350199 不存在，请先导入该区划"})


def test_within_lists_exactly_the_subtree(api):
    town_and_villages = ["350123100000", "350123100001", "350123100002"]
    assert codes(api.get("/api/regions/?within=350123100")) == town_and_villages
    assert codes(api.get("/api/regions/?within=350123100000")) == town_and_villages


def test_parent_level_and_search_filters(api):
    assert codes(api.get("/api/regions/?parent=350123")) == ["350123100000", "350123101000"]
    assert codes(api.get("/api/regions/?within=350123&level=5")) == [
        "350123100001",
        "350123100002",
        "350123101201",
        "350123101202",
    ]
    assert codes(api.get("/api/regions/?q=松山")) == ["350123101000", "350123101201"]
    assert codes(api.get("/api/regions/?q=3501231012")) == ["350123101201", "350123101202"]


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("level=6", "参数 level：“6”无效，应为 1-5（1 省 2 市 3 县 4 乡镇 5 村）"),
        ("within=abc", "参数 within：区划代码“abc”无效：应为 12 位数字，或 6 位（县）、9 位（乡镇）简码"),
        ("parent=350199", "参数 parent：区划代码 350199 不存在，请先导入该区划"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(api, query, detail):
    response = api.get(f"/api/regions/?{query}")
    assert (response.status_code, response.json()) == (400, {"detail": detail})


def test_children(api):
    assert codes(api.get("/api/regions/350123/children/")) == ["350123100000", "350123101000"]
    assert codes(api.get("/api/regions/350123101/children/")) == ["350123101201", "350123101202"]


@pytest.mark.parametrize("username", ["secadmin", "auditadmin", "unit_staff", "town_b_staff"])
def test_regions_are_reference_data_readable_by_every_role(users, username):
    api = client_for(users[username])
    assert codes(api.get("/api/regions/?within=350123100")) == ["350123100000", "350123100001", "350123100002"]
    assert api.get("/api/regions/350123100/").json() == FENGSHAN


def test_regions_are_read_only(api, county):
    assert api.post("/api/regions/", {"code": "350123102000", "name": "新镇"}, format="json").status_code == 405
    assert api.patch("/api/regions/350123100/", {"name": "改名"}, format="json").status_code == 405
    county["town_a"].refresh_from_db()
    assert county["town_a"].name == "凤山镇"
