"""义务兵家庭优待金 per year of service with the highest merit increment, paid once by the runs; a late award
pays only the difference; rewards for merit; refreshing twice changes nothing."""

from datetime import date

import pytest

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.models import Grant
from shuangyong.benefits.services.grants import grant_state
from shuangyong.benefits.tests.test_engine import lines_of, pay
from shuangyong.conscription.models import Allowance, Award, MeritIncrement, MeritReward
from shuangyong.conscription.services.allowances import grant_allowances, refresh_allowances
from shuangyong.conscription.services.awards import deliver_honor, record_award, save_increment, save_reward
from shuangyong.conscription.services.errors import ConscriptionError
from shuangyong.conscription.services.members import discharge_member

TODAY = date(2026, 11, 25)


@pytest.fixture
def tables(county, reference):
    kinds = reference["awards"]
    since = date(2025, 1, 1)
    for name, bp in (("一等功", 2000), ("二等功", 1500), ("三等功", 1000)):
        MeritIncrement.objects.create(
            award_kind=kinds[name], region=county["county"], increment_bp=bp, valid_from=since
        )
    for name, fen in (("二等功", 558000), ("三等功", 279000), ("优秀士兵", 93000)):
        MeritReward.objects.create(award_kind=kinds[name], region=county["county"], amount_fen=fen, valid_from=since)
    return kinds


def allowances(member):
    return list(
        Allowance.objects.filter(member=member)
        .order_by("service_year")
        .values_list("service_year", "year_start", "standard_fen", "increment_bp", "amount_fen")
    )


def test_each_year_of_service_at_the_standard_in_force_when_it_begins(member, allowance_standard, users):
    refresh_allowances(member, on=TODAY, user=system_user())
    # year 1 from 2025-09-10: 2025 rural standard 5,500 元; year 2 from 2026-09-10: the 2026 figure 14,000 元
    assert allowances(member) == [
        (1, date(2025, 9, 10), 550000, 0, 550000),
        (2, date(2026, 9, 10), 1400000, 0, 1400000),
    ]
    grants = Grant.objects.order_by("month").values_list("month", "kind_id", "amount_fen", "entitlement__person__name")
    assert list(grants) == [
        (date(2025, 9, 1), "conscript_family", 550000, "陈秀兰"),
        (date(2026, 9, 1), "conscript_family", 1400000, "陈秀兰"),
    ]


def test_the_highest_award_only_raises_the_year_and_a_late_award_pays_the_difference(
    county, member, allowance_standard, tables, users
):
    admin = users["county_admin"]
    refresh_allowances(member, on=date(2026, 1, 31), user=system_user())
    run = pay(county, date(2026, 1, 1), users)
    assert lines_of(run) == [("2025-09", "conscript_family", "grant", 550000)]

    third = record_award(
        member, kind=tables["三等功"], awarded_on=date(2026, 3, 5), military_unit="陆军某部", user=admin
    )
    record_award(member, kind=tables["二等功"], awarded_on=date(2026, 6, 1), military_unit="陆军某部", user=admin)
    # both in service year 1 (2025-09-10 … 2026-09-09): the 二等功's 15% only, not 10% + 15%
    assert allowances(member) == [(1, date(2025, 9, 10), 550000, 1500, 632500)]
    year1 = Allowance.objects.get(service_year=1)
    assert year1.increment_award.kind.name == "二等功"
    assert year1.basis == "第1年（2025-09-10起）优待金标准 5,500.00 元 + 二等功增发 15%（825.00 元）"
    assert grant_state(year1.grant) == "待发放"
    assert Award.objects.get(pk=third.pk).reward_grant.amount_fen == 279000

    run = pay(county, date(2026, 6, 1), users)  # pays what is owed up to June: the difference and two rewards
    assert lines_of(run) == [
        ("2025-09", "conscript_family", "grant", 82500),
        ("2026-03", "merit_reward", "grant", 279000),
        ("2026-06", "merit_reward", "grant", 558000),
    ]
    year1.refresh_from_db()
    assert grant_state(year1.grant) == "已发放"

    entries = AuditEntry.objects.count()
    refresh_allowances(member, on=date(2026, 6, 30), user=admin)
    assert AuditEntry.objects.count() == entries
    assert lines_of(pay(county, date(2026, 7, 1), users)) == []


def test_a_returned_or_discharged_member_is_owed_no_later_year(member, allowance_standard, users):
    refresh_allowances(member, on=TODAY, user=system_user())
    discharge_member(member, on=date(2026, 9, 1), user=users["county_admin"])
    assert [(a.service_year, a.amount_fen) for a in Allowance.objects.order_by("service_year")] == [
        (1, 550000),
        (2, 0),
    ]
    assert Grant.objects.get(source=f"conscription.Allowance:{member.pk}:2").amount_fen == 0


def test_a_county_runs_its_year_once(county, member, allowance_standard, users):
    assert grant_allowances(county["county"], 2026, user=users["county_admin"]) == 1
    assert allowances(member) == [
        (1, date(2025, 9, 10), 550000, 0, 550000),
        (2, date(2026, 9, 10), 1400000, 0, 1400000),
    ]
    entries = AuditEntry.objects.count()
    grant_allowances(county["county"], 2026, user=users["county_admin"])
    assert AuditEntry.objects.count() == entries


def test_no_standard_no_allowance(member, users):
    with pytest.raises(ConscriptionError, match="没有 2025-09-10 适用的义务兵家庭优待金标准"):
        refresh_allowances(member, on=TODAY, user=system_user())
    assert Allowance.objects.count() == 0


def test_the_honour_is_delivered_once_and_can_be_corrected(member, tables, users, allowance_standard):
    admin = users["county_admin"]
    award = record_award(
        member, kind=tables["优秀士兵"], awarded_on=date(2026, 1, 10), military_unit="某部", user=admin
    )
    deliver_honor(award, on=date(2026, 2, 2), delivered_by="县人武部政委、凤山镇党委书记", user=admin)
    delivery = deliver_honor(award, on=date(2026, 2, 3), delivered_by="县人武部政委、凤山镇党委书记", user=admin)
    assert (delivery.delivered_on, award.reward_grant.amount_fen) == (date(2026, 2, 3), 93000)
    with pytest.raises(ConscriptionError, match="不能早于授予日期"):
        deliver_honor(award, on=date(2026, 1, 1), delivered_by="某", user=admin)


def test_only_county_staff_with_the_right_set_money_rules(county, tables, users):
    entries = AuditEntry.objects.count()
    for role in ("town_staff", "leader"):
        with pytest.raises(ScopeDenied):
            save_reward(
                award_kind=tables["一等功"],
                region=county["county"],
                valid_from=date(2026, 1, 1),
                amount_fen=1,
                user=users[role],
            )
    assert (MeritReward.objects.count(), AuditEntry.objects.count()) == (3, entries)
    row = save_increment(
        award_kind=tables["一等功"],
        region=county["county"],
        valid_from=date(2026, 1, 1),
        increment_bp=2500,
        user=users["county_admin"],
    )
    assert str(row) == "一等功 +25%（2026-01-01 起）"


def test_a_town_cannot_record_an_award_for_another_town(county, member, tables, users):
    entries = AuditEntry.objects.count()
    with pytest.raises(ScopeDenied):
        record_award(
            member, kind=tables["三等功"], awarded_on=date(2026, 3, 5), military_unit="某部", user=users["town_b_staff"]
        )
    assert (Award.objects.count(), AuditEntry.objects.count()) == (0, entries)


def test_the_summary_names_the_highest_awards_of_the_year(member, tables, users):
    from shuangyong.figures.catalogue import Scope
    from shuangyong.figures.examples import examples_for

    admin = users["county_admin"]
    record_award(member, kind=tables["三等功"], awarded_on=date(2026, 6, 1), military_unit="陆军某部", user=admin)
    texts = [e.text for e in examples_for("support", Scope(2026, region="350123000000"), limit=9)]
    assert texts == ["陈某在陆军某部荣获三等功"]
    assert examples_for("support", Scope(2025, region="350123000000")) == []
