"""The API refuses what it cannot read: a malformed or unknown filter value, a page too large, a number that is
not one — 400 with a Chinese message naming the parameter, as {"detail": "..."}; an unknown path is JSON too."""

import pytest

from shuangyong.api.tests.clients import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("region=999", "参数 region"),
        ("region=abc", "参数 region"),
        ("status=bogus", "参数 status"),
        ("age_min=abc", "参数 age_min"),
        ("grade=11", "参数 grade"),
        ("confirmed=maybe", "参数 confirmed"),
        ("limit=100000", "参数 limit"),
        ("limit=abc", "参数 limit"),
        ("offset=-1", "参数 offset"),
    ],
)
def test_a_bad_person_filter_is_a_400_naming_it(users, county, query, named):
    response = client_for(users["county_admin"]).get(f"/api/persons/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == ["detail"] and response.json()["detail"].startswith(named)


def test_good_filters_still_answer(users, county):
    api = client_for(users["county_admin"])
    assert api.get("/api/persons/?region=350123100000&status=active&age_min=60&limit=500").status_code == 200
    assert api.get("/api/persons/?region=350123").status_code == 200  # a short code of the county


def test_an_object_number_that_is_not_one_is_a_400_not_a_500(users, county):
    response = client_for(users["county_admin"]).get("/api/entitlements/?person=abc")
    assert response.status_code == 400 and response.json() == {"detail": "参数 person：“abc”无效，应为整数"}


def test_an_unknown_api_path_answers_json(users, client):
    client.force_login(users["county_admin"])
    response = client.get("/api/no-such-thing/")
    assert response.status_code == 404 and response.json() == {"detail": "未找到该接口或记录"}
    assert "text/html" in client.get("/no-such-page/")["Content-Type"]  # pages stay pages
