from datetime import date

import pytest

from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services.search import PersonFilter, search_persons

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 20)


@pytest.fixture
def people(person_factory, categories, users, county):
    admin = users["county_admin"]
    made = {}
    for name, birth, seq, region, code, grade in [
        ("张三", "19500315", 11, county["village_a1"], "11", 4),
        ("李四", "19480920", 22, county["village_a2"], "21", None),
        ("王五", "19620101", 33, county["village_b1"], "51", None),
        ("赵六", "19700101", 45, county["town_b"], "41", None),
    ]:
        person = person_factory(name=name, birth=birth, seq=seq, region=region)
        fields = {"disability_grade": grade, "disability_nature": "war"} if grade else {}
        if code == "21":
            fields["relation"] = "配偶"
        ent = life.register_entitlement(person, category=categories[code], on=date(2025, 1, 1), user=admin, **fields)
        if name != "赵六":
            life.approve_entitlement(ent, on=date(2025, 1, 1), user=admin)
        made[name] = person
    life.confirm_year(made["张三"], year=2026, on=date(2026, 2, 1), user=admin)
    return made


def names(user, **filters):
    return [p.name for p in search_persons(user, PersonFilter(**filters), today=TODAY)]


def test_scope_region_category_status(people, users):
    admin, town_a, town_b = users["county_admin"], users["town_staff"], users["town_b_staff"]
    assert names(admin) == ["张三", "李四", "赵六", "王五"]  # by region code, then name
    assert names(town_a) == ["张三", "李四"]
    assert names(town_b) == ["赵六", "王五"]
    assert names(admin, region="350123101000") == ["赵六", "王五"]
    assert names(town_a, region="350123101000") == []  # another town: the scope still applies
    assert names(admin, category="11") == ["张三"]
    assert names(admin, status="applied") == ["赵六"]
    assert names(admin, grade=4) == ["张三"]
    assert names(users["secadmin"]) == []


def test_age_band_and_confirmation(people, users):
    admin = users["county_admin"]
    assert names(admin, age_min=75) == ["张三", "李四"]  # born 1950-03-15: 76 on 2026-03-20
    assert names(admin, age_min=60, age_max=69) == ["王五"]
    assert names(admin, confirmed="yes", year=2026) == ["张三"]
    assert names(admin, confirmed="no", year=2026) == ["李四", "王五"]


def test_text_search_by_name_initials_and_id_fragment(people, users):
    admin = users["county_admin"]
    assert names(admin, q="李") == ["李四"]
    assert names(admin, q="ww") == ["王五"]
    assert names(admin, q=people["赵六"].id_number[-4:]) == ["赵六"]  # 尾号: numbers are encrypted at rest
    assert names(admin, q=people["赵六"].id_number) == ["赵六"]
    assert names(admin, q=people["赵六"].id_number[-6:]) == []  # a fragment cannot be searched in ciphertext
    assert names(admin, q="19480920") == ["李四"]


def test_sorts(people, users):
    admin = users["county_admin"]
    assert names(admin, sort="birth") == ["李四", "张三", "王五", "赵六"]
    assert names(admin, sort="-birth") == ["赵六", "王五", "张三", "李四"]


def test_list_counts_up_to_a_cap(people, users, client, monkeypatch):
    from conftest import PASSWORD

    from shuangyong.registry import views

    monkeypatch.setattr(views, "COUNT_CAP", 3)
    client.login(username="county_admin", password=PASSWORD)
    assert "超过 3 人" in client.get("/registry/").content.decode()
    assert "共 2 人" in client.get("/registry/?age_min=75").content.decode()
    assert "共 1 人" in client.get("/registry/?category=11").content.decode()
