"""Every figure of 双拥活动, exactly, for a region subtree and for a member unit."""

from decimal import Decimal

import pytest

from shuangyong.accounts.system import system_user
from shuangyong.activities.tests.world import build_world
from shuangyong.figures.catalogue import Scope, compute, compute_all, get

pytestmark = pytest.mark.django_db

COUNTY, TOWN_A = "350123000000", "350123100000"


@pytest.fixture
def world(county, more_units, person):
    return build_world(county, more_units, person)


def ours(values: dict) -> dict:
    return {k: v for k, v in values.items() if k.startswith("activities.") and v not in (0, Decimal("0.00"))}


def test_county_2026(world):
    assert ours(compute_all(Scope(2026, region=COUNTY))) == {
        "activities.count": 7,
        "activities.money": Decimal("15500.00"),
        "activities.kind.publicity": 1,
        "activities.kind.film": 1,
        "activities.kind.books": 1,
        "activities.kind.disaster_relief": 1,
        "activities.kind.visit": 2,
        "activities.kind.military_training": 1,
        "activities.quantity.materials": 1200,
        "activities.quantity.boards": 8,
        "activities.quantity.banners": 15,
        "activities.quantity.screenings": 3,
        "activities.quantity.participants": 450,
        "activities.quantity.books": 500,
        "activities.quantity.troops": 120,
        "activities.quantity.vehicles": 15,
        "activities.quantity.trainees": 300,
        "activities.visits.households": 4,
        "activities.visits.money": Decimal("5600.00"),
        "activities.visits.garrisons": 1,
        "activities.visits.bayi.households": 2,
        "activities.visits.bayi.money": Decimal("1000.00"),
        "activities.visits.spring.households": 2,
        "activities.visits.spring.money": Decimal("1600.00"),
        "activities.pairs": 2,
        "activities.pairs.school": 1,
        "activities.pairs.village": 1,
        "activities.pairs.activities": 1,
        "activities.cases": 2,
        "activities.cases.kind.housing": 1,
        "activities.cases.kind.schooling": 1,
        "activities.cases.money": Decimal("35000.00"),
        "activities.cases.closed": 2,
        "activities.cases.open": 1,
    }


def test_county_2025(world):
    assert ours(compute_all(Scope(2025, region=COUNTY))) == {
        "activities.count": 1,
        "activities.kind.publicity": 1,
        "activities.quantity.materials": 800,
        "activities.pairs": 2,
        "activities.pairs.school": 2,
        "activities.cases": 1,
        "activities.cases.kind.medical": 1,
        "activities.cases.money": Decimal("3000.00"),
        "activities.cases.open": 1,
    }


def test_town_subtree(world):
    assert ours(compute_all(Scope(2026, region=TOWN_A))) == {
        "activities.count": 2,
        "activities.kind.film": 1,
        "activities.kind.visit": 1,
        "activities.quantity.screenings": 3,
        "activities.quantity.participants": 450,
        "activities.visits.households": 2,
        "activities.visits.money": Decimal("4000.00"),
        "activities.visits.garrisons": 1,
        "activities.visits.bayi.households": 2,
        "activities.visits.bayi.money": Decimal("1000.00"),
        "activities.pairs": 1,
        "activities.pairs.school": 1,
        "activities.cases": 2,
        "activities.cases.kind.housing": 1,
        "activities.cases.kind.schooling": 1,
        "activities.cases.money": Decimal("30000.00"),
        "activities.cases.closed": 2,
    }


def test_member_unit_scope(world):
    assert ours(compute_all(Scope(2026, unit="WGJ"))) == {
        "activities.count": 2,
        "activities.money": Decimal("3500.00"),
        "activities.kind.publicity": 1,
        "activities.kind.visit": 1,
        "activities.quantity.materials": 1200,
        "activities.quantity.boards": 8,
        "activities.quantity.banners": 15,
        "activities.visits.households": 2,
        "activities.visits.money": Decimal("1600.00"),
        "activities.visits.spring.households": 2,
        "activities.visits.spring.money": Decimal("1600.00"),
        "activities.cases": 1,
        "activities.cases.kind.housing": 1,
        "activities.cases.money": Decimal("30000.00"),
        "activities.cases.closed": 1,
    }
    assert ours(compute_all(Scope(2026, unit="JYJ"))) == {
        "activities.count": 2,
        "activities.money": Decimal("12000.00"),
        "activities.kind.books": 1,
        "activities.kind.military_training": 1,
        "activities.quantity.books": 500,
        "activities.quantity.trainees": 300,
        "activities.pairs": 1,
        "activities.pairs.school": 1,
        "activities.pairs.activities": 1,
        "activities.cases": 1,
        "activities.cases.kind.schooling": 1,
        "activities.cases.closed": 1,
    }


def test_records_open_the_rows_behind_a_figure(world):
    scope = Scope(2026, region=COUNTY)
    rows = get("activities.visits.bayi.households").records(scope)
    assert sorted(r.target_name() for r in rows) == ["李守海", "现役军人刘俊家属"]
    assert sorted(get("activities.quantity.materials").records(scope).values_list("amount", flat=True)) == [
        Decimal("1200.00")
    ]
    assert [c.pk for c in get("activities.cases.open").records(scope)] == [world["c2"].pk]


def test_labels_and_units_are_chinese(world):
    assert (get("activities.quantity.materials").label, get("activities.quantity.materials").unit) == (
        "宣传材料份数",
        "份",
    )
    assert get("activities.kind.disaster_relief").label == "抢险救灾次数"
    assert get("activities.visits.bayi.money").label == "八一慰问金额"
    assert get("activities.visits.spring.households").unit == "户"
    assert get("activities.pairs.village").label == "村共建对子数"


def test_a_quantity_kind_added_as_data_gets_its_figure(world):
    from shuangyong.activities.models import QuantityKind
    from shuangyong.activities.services.records import record_activity

    QuantityKind.objects.create(
        code="leaflets_qr", name="二维码宣传卡", unit="张", section="publicity", figure_label="二维码宣传卡张数"
    )
    record_activity(
        region=world["p1"].region,
        kind="publicity",
        date=world["a1"].date,
        title="扫码学国防",
        quantities={"leaflets_qr": 260},
        user=system_user(),
    )
    figure = get("activities.quantity.leaflets_qr")
    assert (figure.label, figure.unit, figure.section) == ("二维码宣传卡张数", "张", "publicity")
    assert compute("activities.quantity.leaflets_qr", Scope(2026, region=TOWN_A)) == 260
