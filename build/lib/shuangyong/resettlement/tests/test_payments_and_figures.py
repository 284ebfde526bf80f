"""一次性经济补助 from the standard table, paid once through the payment runs; the figures with exact values."""

from datetime import date
from decimal import Decimal

import pytest

from shuangyong.benefits.choices import LineType
from shuangyong.benefits.models import Grant
from shuangyong.benefits.services.grants import grant_paid_fen
from shuangyong.benefits.tests.test_engine import lines_of, pay
from shuangyong.figures.catalogue import Scope, compute, compute_all
from shuangyong.resettlement.models import GrantStandard
from shuangyong.resettlement.services import steps
from shuangyong.resettlement.services.payments import payment_state, set_arrival_grant
from shuangyong.resettlement.services.rules import ResettlementError

ON = date(2026, 1, 5)


@pytest.fixture
def standards(county, methods):
    """罗源县: 自主就业 6,000 元 per year for any kind, 8,000 per year + 2,000 for 军士; 福建省: 5,000 per year."""
    county_code = county["county"].code
    GrantStandard.objects.create(
        region=county["county"], method=methods["self_employed"], valid_from=date(2024, 1, 1), per_year_fen=600000
    )
    GrantStandard.objects.create(
        region_id=county_code,
        method=methods["self_employed"],
        soldier_kind="nco",
        valid_from=date(2024, 1, 1),
        base_fen=200000,
        per_year_fen=800000,
    )
    GrantStandard.objects.create(
        region_id="350000000000", method=methods["self_employed"], valid_from=date(2020, 1, 1), per_year_fen=500000
    )


def test_the_amount_comes_from_the_nearest_and_most_specific_standard(arrive, methods, standards, users):
    admin = users["county_admin"]
    conscript = arrive("甲", method=methods["self_employed"])  # 2023-09-01 → 2025-09-01: 2 years
    nco = arrive("乙", kind="nco", method=methods["self_employed"], enlisted_on=date(2017, 9, 1))  # 8 years
    part_year = arrive(
        "丙", method=methods["self_employed"], discharged_on=date(2025, 12, 1), arrival=date(2025, 12, 5)
    )
    conscript = set_arrival_grant(conscript, on=ON, user=admin)
    assert conscript.grant.amount_fen == 1_200_000
    assert conscript.grant.basis == (
        "一次性经济补助：罗源县自主就业·各类别（2024-01-01 起），"
        "基础 0.00 元 + 每服役年 6,000.00 元 × 2 年 = 12,000.00 元"
    )
    assert set_arrival_grant(nco, on=ON, user=admin).grant.amount_fen == 200000 + 8 * 800000
    assert set_arrival_grant(part_year, on=ON, user=admin).grant.amount_fen == 1_500_000  # 2.5 years
    assert (conscript.grant.source, conscript.grant.kind_id) == (
        f"resettlement.Arrival:{conscript.pk}",
        "resettlement_grant",
    )


def test_without_a_standard_the_amount_is_entered(arrive, methods, users):
    arrival = arrive("甲", method=methods["supported"])
    with pytest.raises(ResettlementError, match="没有适用于“供养”的一次性经济补助标准，请录入金额"):
        set_arrival_grant(arrival, on=ON, user=users["county_admin"])
    admin = users["county_admin"]
    arrival = set_arrival_grant(arrival, on=ON, amount_fen=345678, note="县政府专题会议纪要", user=admin)
    assert (arrival.grant.amount_fen, arrival.grant.basis) == (
        345678,
        "一次性经济补助：录入金额 3,456.78 元（县政府专题会议纪要）",
    )


def test_the_grant_is_paid_once_and_shows_paid(arrive, methods, standards, users, county):
    arrival = set_arrival_grant(arrive("甲", method=methods["self_employed"]), on=ON, user=users["county_admin"])
    assert payment_state(arrival) == {"state": "待发放", "amount_fen": 1_200_000, "paid_fen": 0}
    run = pay(county, date(2026, 1, 1), users)
    assert lines_of(run) == [("2026-01", "resettlement_grant", LineType.GRANT, 1_200_000)]
    arrival.refresh_from_db()
    assert payment_state(arrival) == {"state": "已发放", "amount_fen": 1_200_000, "paid_fen": 1_200_000}
    assert lines_of(pay(county, date(2026, 2, 1), users)) == []
    # the method changes to one without a standard: the grant is withdrawn and the next run recovers it
    steps.choose_method(arrival, method=methods["assigned_job"], on=date(2026, 2, 10), user=users["county_admin"])
    grant = Grant.objects.get(pk=arrival.grant_id)
    assert grant.amount_fen == 0
    assert lines_of(pay(county, date(2026, 3, 1), users)) == [
        ("2026-01", "resettlement_grant", LineType.GRANT, -1_200_000)
    ]
    assert grant_paid_fen(grant) == 0


def test_paid_before_the_system_is_not_paid_again(arrive, methods, standards, users, county):
    arrival = arrive(
        "甲",
        method=methods["self_employed"],
        paid_before_system_on=date(2025, 10, 20),
        paid_before_system_fen=1_200_000,
    )
    with pytest.raises(ResettlementError, match="一次性经济补助已于 2025-10-20 在系统外发放"):
        set_arrival_grant(arrival, on=ON, user=users["county_admin"])
    assert payment_state(arrival)["state"] == "系统外已发放"
    assert not Grant.objects.exists()
    scope = Scope(year=2025, region=county["county"].code)
    assert (compute("resettlement.grant_total", scope), compute("resettlement.grant_paid", scope)) == (
        Decimal("12000.00"),
        Decimal("12000.00"),
    )


def test_town_staff_cannot_set_another_towns_grant(arrive, methods, standards, users, county):
    arrival = arrive("甲", method=methods["self_employed"], region=county["village_b1"])
    with pytest.raises(Exception, match="不在您的管辖范围内"):
        set_arrival_grant(arrival, on=ON, user=users["town_staff"])
    assert not Grant.objects.exists()


def test_figures_with_exact_values(arrive, methods, standards, users, county):
    admin = users["county_admin"]
    a = arrive("甲", method=methods["self_employed"], reported_on=date(2025, 9, 15))
    b = arrive("乙", method=methods["assigned_job"], reported_on=date(2025, 10, 20))  # reported late
    arrive("丙", method=methods["assigned_job"], reported_on=date(2025, 9, 15), region=county["village_b1"])
    arrive("丁", arrival=date(2025, 12, 20))  # not reported: late by now
    arrive("戊", arrival=date(2026, 3, 1), reported_on=date(2026, 3, 2), method=methods["self_employed"])
    steps.assign_employer(b, employer_name="罗源县供电公司", on=date(2025, 11, 1), user=admin)  # never placed
    set_arrival_grant(a, on=ON, user=admin)
    pay(county, date(2026, 1, 1), users)
    scope = Scope(year=2025, region=county["county"].code)
    values = {k: v for k, v in compute_all(scope).items() if k.startswith("resettlement.")}
    assert values == {
        "resettlement.due": 4,
        "resettlement.placed": 1,
        "resettlement.rate": Decimal("25.0"),
        "resettlement.late_reporting": 2,
        "resettlement.overdue_placement": 1,
        "resettlement.grant_total": Decimal("12000.00"),
        "resettlement.grant_paid": Decimal("12000.00"),
        "resettlement.method.self_employed": 1,
        "resettlement.method.assigned_job": 2,
        "resettlement.method.monthly_pension": 0,
        "resettlement.method.retired": 0,
        "resettlement.method.supported": 0,
        "resettlement.method.transferred": 0,
        "resettlement.method.demobilized": 0,
    }
    town = Scope(year=2025, region=county["town_a"].code)
    assert (compute("resettlement.due", town), compute("resettlement.method.assigned_job", town)) == (3, 1)
    assert compute("resettlement.rate", Scope(year=2024, region=county["county"].code)) is None
    assert compute("resettlement.due", Scope(year=2026, region=county["county"].code)) == 1
