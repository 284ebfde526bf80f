from datetime import date

import pytest

from shuangyong.api.tests.clients import client_for
from shuangyong.registry.models import Category, Person
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id

pytestmark = pytest.mark.django_db


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
