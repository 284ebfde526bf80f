"""The catalogue's conscription and support figures, exact for a small county."""

from datetime import date
from decimal import Decimal

from shuangyong.benefits.tests.test_engine import pay
from shuangyong.conscription.models import MeritIncrement, MeritReward
from shuangyong.conscription.services.allowances import refresh_allowances
from shuangyong.conscription.services.awards import deliver_honor, record_award
from shuangyong.conscription.services.candidates import (
    approve_candidate,
    dispatch_candidate,
    record_exam,
    record_review,
    return_recruit,
    set_quota,
)
from shuangyong.figures.catalogue import Scope, compute, compute_all
from shuangyong.figures.examples import examples_for


def send(candidate, admin):
    record_exam(candidate, on=date(2026, 7, 1), passed=True, user=admin)
    record_review(candidate, on=date(2026, 7, 10), passed=True, user=admin)
    approve_candidate(candidate, on=date(2026, 8, 20), user=admin)
    return dispatch_candidate(candidate, on=date(2026, 9, 10), military_unit="陆军某部", user=admin)


def test_conscription_figures(county, candidate_of, users, reference):
    admin = users["county_admin"]
    set_quota(county["town_a"], year=2026, season="autumn", quota=4, user=admin)
    send(candidate_of("甲", education="高中", political="league"), admin)
    send(candidate_of("乙", education="本科", political="party", student="graduated"), admin)
    send(candidate_of("丙", education="初中", political="masses"), admin)
    returned, _ = send(candidate_of("丁", education="大专", political="masses"), admin)
    return_recruit(
        returned, on=date(2026, 10, 8), reason=reference["reasons"]["思想原因"], responsibility="某村", user=admin
    )
    candidate_of("戊")  # registered only
    candidate_of("己", year=2025, region=county["village_b1"])  # another year and town

    town = Scope(year=2026, region=county["town_a"].code)
    values = {key: compute(key, town) for key in compute_all(town) if key.startswith("conscription.")}
    assert values == {
        "conscription.quota": 4,
        "conscription.sent": 3,
        "conscription.senior_high_share": Decimal("66.7"),
        "conscription.college_count": 1,
        "conscription.college_share": Decimal("33.3"),
        "conscription.party_league_share": Decimal("66.7"),
        "conscription.returned": 1,
        "conscription.completion": Decimal("75.0"),
    }
    assert compute("support.serving_members", town) == 3  # 丁 left on 2026-10-08
    assert compute("support.serving_members.conscript", town) == 3
    assert compute("conscription.sent", Scope(year=2026, region=county["town_b"].code)) == 0
    assert compute("conscription.completion", Scope(year=2026, region=county["town_b"].code)) is None


def test_support_figures(county, member, allowance_standard, users, reference):
    admin = users["county_admin"]
    kinds = reference["awards"]
    MeritIncrement.objects.create(
        award_kind=kinds["三等功"], region=county["county"], increment_bp=1000, valid_from=date(2025, 1, 1)
    )
    MeritReward.objects.create(
        award_kind=kinds["三等功"], region=county["county"], amount_fen=279000, valid_from=date(2025, 1, 1)
    )
    award = record_award(member, kind=kinds["三等功"], awarded_on=date(2026, 3, 5), military_unit="某部", user=admin)
    deliver_honor(award, on=date(2026, 3, 20), delivered_by="县人武部、凤山镇", user=admin)
    refresh_allowances(member, on=date(2026, 10, 31), user=admin)
    pay(county, date(2026, 10, 1), users)

    year = Scope(year=2026, region=county["county"].code)
    assert compute("support.allowance_total", year) == Decimal("20050.00")  # 5,500 × 110% + 14,000
    assert compute("support.allowance_families", year) == 1
    assert compute("support.allowance_standard", year) == Decimal("14000.00")
    assert compute("support.merit_awards", year) == 1
    assert compute("support.merit_awards.merit3", year) == 1
    assert compute("support.merit_reward_total", year) == Decimal("2790.00")
    assert compute("support.honor_deliveries", year) == 1
    assert compute("support.serving_members", year) == 1

    last = Scope(year=2025, region=county["county"].code)
    assert compute("support.allowance_standard", last) is None  # split that year
    assert (compute("support.allowance_standard.urban", last), compute("support.allowance_standard.rural", last)) == (
        Decimal("8300.00"),
        Decimal("5500.00"),
    )
    assert compute("support.allowance_total", last) == Decimal("0.00")


def test_the_examples_name_the_towns_that_sent_the_most(county, candidate_of, users, reference):
    admin = users["county_admin"]
    send(candidate_of("甲", education="本科", student="graduated"), admin)
    send(candidate_of("乙", education="高中"), admin)
    send(candidate_of("丙", education="高中", region=county["village_b1"]), admin)
    send(candidate_of("丁", education="高中", region=county["village_b2"]), admin)
    send(candidate_of("戊", education="高中", region=county["village_b2"]), admin)
    county_examples = examples_for("conscription", Scope(year=2026, region=county["county"].code))
    assert [e.text for e in county_examples] == ["松山镇输送合格新兵3人", "凤山镇输送合格新兵2人，其中大学生1人"]
    town_examples = examples_for("conscription", Scope(year=2026, region=county["town_b"].code))
    assert [e.text for e in town_examples] == ["迹头村输送合格新兵2人"]  # a village that sent one is no example
