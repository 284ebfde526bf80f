"""Registry figures: persons on the registry at year end and the year's events, exact, by region and year."""

from datetime import date

import pytest

from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Figure, Scope
from shuangyong.pinyin import initials
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Category, Entitlement, Person
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id

pytestmark = pytest.mark.django_db
COUNTY, TOWN_A, TOWN_B = "350123000000", "350123100000", "350123101000"


def build_registry(county, users) -> dict[str, Person]:
    """Seven persons whose year-end state differs between 2025 and 2026 (see the expected values below)."""
    load_categories()
    admin = users["county_admin"]
    seq = iter(range(101, 999, 2))
    made = {}

    def person(key, name, region, *entitlements):
        p = Person.objects.create(
            id_number=make_id("19500315", next(seq)),
            name=name,
            name_initials=initials(name),
            sex="M",
            birth_date=date(1950, 3, 15),
            region=county[region],
            hukou="rural",
            bank_account="6217000012345678901",
        )
        for category, status, approved, grade in entitlements:
            Entitlement.objects.create(
                person=p,
                category_id=category,
                status=status,
                approval_date=approved,
                status_date=approved,
                disability_grade=grade,
                disability_nature="war" if grade else "",
            )
        made[key] = p
        return p

    person("a", "林一", "village_a1", ("11", Status.ACTIVE, date(2020, 5, 1), 3))
    person("b", "林二", "village_a2", ("11", Status.ACTIVE, date(2020, 5, 1), 6), ("51", Status.ACTIVE, None, None))
    person("c", "陈三", "village_b1", ("21", Status.ACTIVE, date(2019, 1, 1), None))
    person("d", "陈四", "village_b1", ("41", Status.APPLIED, None, None))
    person("e", "林五", "village_a1", ("81", Status.ACTIVE, date(2021, 1, 1), None))
    person("f", "陈六", "village_b2", ("72", Status.APPLIED, None, None))
    person("g", "陈七", "village_b2", ("42", Status.ACTIVE, date(2018, 1, 1), None))
    person("h", "林八", "village_a2", ("11", Status.MOVED_OUT, date(2015, 1, 1), 8))

    life.approve_entitlement(made["d"].entitlements.get(), on=date(2026, 6, 1), user=admin)
    life.record_death(made["c"], on=date(2026, 3, 10), cause="病故", user=admin)
    life.suspend_entitlement(made["g"].entitlements.get(), on=date(2026, 5, 1), reason="未年度确认", user=admin)
    life.record_arrival(made["h"], on=date(2026, 4, 1), origin="连江县", user=admin)
    life.confirm_year(made["a"], year=2026, on=date(2026, 3, 1), user=admin)
    life.confirm_year(made["b"], year=2026, on=date(2026, 3, 2), user=admin)
    return made


def values(scope: Scope, *keys: str) -> list:
    with catalogue.memo():
        return [catalogue.compute(key, scope) for key in keys]


PERSON_KEYS = (
    "registry.key_persons",
    "registry.all_persons",
    "registry.category.11",
    "registry.category.21",
    "registry.category.41",
    "registry.category.42",
    "registry.category.51",
    "registry.category.81",
    "registry.war_and_test",
    "registry.group.disabled",
    "registry.group.bereaved",
    "registry.group.veteran",
    "registry.disabled_grade_1_4",
    "registry.disabled_grade_5_6",
    "registry.disabled_grade_7_10",
)


def test_persons_at_the_end_of_2026(county, users):
    build_registry(county, users)
    # a, b (two categories), d (approved in June), e (not key), h (moved in); c died, g suspended, f applied
    assert values(Scope(2026, region=COUNTY), *PERSON_KEYS) == [4, 5, 3, 0, 1, 0, 1, 1, 1, 3, 0, 2, 1, 1, 1]


def test_persons_at_the_end_of_2025(county, users):
    build_registry(county, users)
    # c alive and g paid then; d not yet approved; h still on another county's registry
    assert values(Scope(2025, region=COUNTY), *PERSON_KEYS) == [4, 5, 2, 1, 0, 1, 1, 1, 1, 2, 1, 2, 1, 1, 0]


def test_towns_add_up_to_the_county(county, users):
    build_registry(county, users)
    for year in (2025, 2026):
        for key in ("registry.key_persons", "registry.all_persons", "registry.category.11", "registry.approved"):
            towns = [catalogue.compute(key, Scope(year, region=code)) for code in (TOWN_A, TOWN_B)]
            assert sum(towns) == catalogue.compute(key, Scope(year, region=COUNTY)), (year, key)
    assert values(Scope(2026, region=TOWN_A), "registry.key_persons", "registry.all_persons") == [3, 4]
    assert values(Scope(2026, region=TOWN_B), "registry.key_persons", "registry.all_persons") == [1, 1]


def test_events_of_the_year(county, users):
    build_registry(county, users)
    keys = ("registry.approved", "registry.died", "registry.moved_in", "registry.moved_out", "registry.confirmed")
    assert values(Scope(2026, region=COUNTY), *keys) == [1, 1, 1, 0, 2]
    assert values(Scope(2025, region=COUNTY), *keys) == [0, 0, 0, 0, 0]
    assert values(Scope(2026, region=TOWN_B), *keys) == [1, 1, 0, 0, 0]


def test_records_are_the_rows_behind_each_figure(county, users):
    made = build_registry(county, users)
    scope = Scope(2026, region=COUNTY)
    key_people = catalogue.get("registry.key_persons").records(scope)
    assert sorted(p.name for p in key_people) == sorted(made[k].name for k in "abdh")
    assert key_people.count() == catalogue.compute("registry.key_persons", scope)
    category = catalogue.get("registry.category.11").records(scope)
    assert sorted(e.person.name for e in category) == ["林一", "林二", "林八"]
    died = catalogue.get("registry.died").records(scope)
    assert [(e.person.name, e.date) for e in died] == [("陈三", date(2026, 3, 10))]


def test_a_category_added_as_data_gets_its_figure(county, users):
    build_registry(county, users)
    assert "registry.category.99" not in {f.key for f in catalogue.figures()}
    Category.objects.create(code="99", name="测试新类别", group="other", is_key=False, sort_order=99)
    figure = catalogue.get("registry.category.99")
    assert isinstance(figure, Figure) and figure.label == "测试新类别人数" and figure.unit == "人"
    assert catalogue.compute("registry.category.99", Scope(2026, region=COUNTY)) == 0
    person = Person.objects.get(name="林五")
    Entitlement.objects.create(person=person, category_id="99", status=Status.ACTIVE, approval_date=date(2026, 2, 1))
    assert catalogue.compute("registry.category.99", Scope(2026, region=COUNTY)) == 1


def test_registry_figures_do_not_answer_for_a_unit(county, users):
    build_registry(county, users)
    assert catalogue.compute("registry.key_persons", Scope(2026, unit="WGJ")) is None
    assert "registry.key_persons" not in catalogue.compute_all(Scope(2026, unit="WGJ"))
