"""Moves between counties (条例 §30): the old county pays the whole year of the move, the new county from the
January after — whichever day each side records it — with exact amounts in 分."""

from datetime import date

import pytest

from shuangyong.accounts.system import system_user
from shuangyong.benefits.choices import LineType
from shuangyong.benefits.services.engine import compute_run
from shuangyong.benefits.tests.test_engine import WAR5_MONTH, lines_of, pay
from shuangyong.benefits.tests.test_life_changes import DIFF, rise
from shuangyong.registry.services.lifecycle import record_death
from shuangyong.registry.services.transfers import accept_transfer, send_transfer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("alone_and_among_many")]


@pytest.fixture
def war5(standard):
    return standard("disability", 54220, category="11", nature="war", grade=5)


def pay_in(region, month, user):
    """compute, check, waive and approve one month for a county, as its administrator."""
    from shuangyong.benefits.services.approval import approve_run, check_run, waive_open_findings

    run = check_run(compute_run(region, month, user=system_user()), user=system_user())
    waive_open_findings(run, reason="测试：已核实", user=user)
    return approve_run(run, user=user)


def months_paid(region, user, months):
    return {f"{m:%Y-%m}": lines_of(pay_in(region, m, user)) for m in months}


def test_a_move_in_may_received_in_june_is_paid_by_the_old_county_through_december(
    county, other_county, war5, entitled, users
):
    """The finding: paid by the old county only through May, by the new one from January — seven months lost."""
    luoyuan, lianjiang = users["county_admin"], other_county["admin"]
    ent = entitled("11", name="迁移者")
    for month in range(1, 5):
        pay(county, date(2026, month, 1), users)
    transfer = send_transfer(ent.person, on=date(2026, 5, 10), to_county=other_county["county"], user=luoyuan)
    pay(county, date(2026, 5, 1), users)
    accept_transfer(transfer, on=date(2026, 6, 3), region=other_county["village"], user=lianjiang)
    ent.person.refresh_from_db()
    assert (ent.person.region_id, ent.person.prior_region_id) == ("350122100001", "350123100001")

    old_side = months_paid(county["county"], luoyuan, [date(2026, m, 1) for m in range(6, 13)])
    assert old_side == {
        f"2026-{m:02d}": [(f"2026-{m:02d}", "disability", LineType.REGULAR, WAR5_MONTH)] for m in range(6, 13)
    }
    new_side = months_paid(other_county["county"], lianjiang, [date(2026, m, 1) for m in range(6, 13)])
    assert all(lines == [] for lines in new_side.values())

    assert lines_of(pay_in(county["county"], date(2027, 1, 1), luoyuan)) == []
    january = pay_in(other_county["county"], date(2027, 1, 1), lianjiang)
    assert lines_of(january) == [("2027-01", "disability", LineType.REGULAR, WAR5_MONTH)]
    assert january.payees.get().region_id == "350122100001"


def test_the_old_county_pays_its_months_even_when_the_acceptance_comes_late(
    county, other_county, war5, entitled, users
):
    """Sent in March, no run since February, accepted in June: the old county's June run pays March to June."""
    luoyuan, lianjiang = users["county_admin"], other_county["admin"]
    ent = entitled("11")
    pay(county, date(2026, 2, 1), users)
    transfer = send_transfer(ent.person, on=date(2026, 3, 20), to_county=other_county["county"], user=luoyuan)
    accept_transfer(transfer, on=date(2026, 6, 1), region=other_county["town"], user=lianjiang)
    june = compute_run(county["county"], date(2026, 6, 1), user=luoyuan)
    assert lines_of(june) == [
        ("2026-03", "disability", LineType.ARREARS, WAR5_MONTH),
        ("2026-04", "disability", LineType.ARREARS, WAR5_MONTH),
        ("2026-05", "disability", LineType.ARREARS, WAR5_MONTH),
        ("2026-06", "disability", LineType.REGULAR, WAR5_MONTH),
    ]
    assert june.payees.get().region_id == "350123100001"  # paid from the old place, in the old county's lists
    assert compute_run(other_county["county"], date(2026, 6, 1), user=lianjiang).line_count == 0


def test_a_back_dated_rise_is_paid_by_the_county_that_paid_the_month(county, other_county, war5, entitled, users):
    luoyuan, lianjiang = users["county_admin"], other_county["admin"]
    ent = entitled("11")
    for month in (11, 12):
        pay(county, date(2025, month, 1), users)
    transfer = send_transfer(ent.person, on=date(2025, 12, 5), to_county=other_county["county"], user=luoyuan)
    accept_transfer(transfer, on=date(2025, 12, 20), region=other_county["village"], user=lianjiang)
    pay_in(other_county["county"], date(2026, 1, 1), lianjiang)
    rise(users, date(2025, 11, 1))
    old = compute_run(county["county"], date(2026, 2, 1), user=luoyuan)
    assert lines_of(old) == [
        ("2025-11", "disability", LineType.BACKPAY, DIFF),
        ("2025-12", "disability", LineType.BACKPAY, DIFF),
    ]
    new = compute_run(other_county["county"], date(2026, 2, 1), user=lianjiang)
    assert lines_of(new) == [
        ("2026-01", "disability", LineType.BACKPAY, DIFF),
        ("2026-02", "disability", LineType.REGULAR, WAR5_MONTH + DIFF),
    ]


def test_a_death_in_the_move_year_is_the_old_countys_to_pay_and_recover(county, other_county, war5, entitled, users):
    """Died in August after a move in May: the old county recovers September on and pays the funeral grant."""
    luoyuan, lianjiang = users["county_admin"], other_county["admin"]
    ent = entitled("11")
    transfer = send_transfer(ent.person, on=date(2026, 5, 10), to_county=other_county["county"], user=luoyuan)
    accept_transfer(transfer, on=date(2026, 5, 20), region=other_county["village"], user=lianjiang)
    for month in (5, 6, 7, 8, 9):
        pay_in(county["county"], date(2026, month, 1), luoyuan)
    record_death(ent.person, on=date(2026, 8, 14), cause="因病", user=lianjiang)
    october = compute_run(county["county"], date(2026, 10, 1), user=luoyuan)
    assert lines_of(october) == [
        ("2026-08", "funeral", LineType.FUNERAL, 12 * WAR5_MONTH),
        ("2026-09", "disability", LineType.RECOVERY, -WAR5_MONTH),
    ]
    assert compute_run(other_county["county"], date(2026, 10, 1), user=lianjiang).line_count == 0


def test_a_move_inside_the_year_to_a_third_county_leaves_the_year_with_the_first(
    county, other_county, war5, entitled, users
):
    """罗源 → 连江 in May, 连江 → 罗源 again in October: 罗源 owed the whole year; 连江 owes nothing."""
    luoyuan, lianjiang = users["county_admin"], other_county["admin"]
    ent = entitled("11")
    first = send_transfer(ent.person, on=date(2026, 5, 1), to_county=other_county["county"], user=luoyuan)
    accept_transfer(first, on=date(2026, 5, 2), region=other_county["village"], user=lianjiang)
    second = send_transfer(ent.person, on=date(2026, 10, 1), to_county=county["county"], user=lianjiang)
    accept_transfer(second, on=date(2026, 10, 2), region=county["village_b1"], user=luoyuan)
    ent.person.refresh_from_db()
    assert (ent.person.prior_region_id, ent.person.prior_until) == ("350123100001", date(2026, 12, 1))
    november = compute_run(county["county"], date(2026, 11, 1), user=luoyuan)
    assert november.payees.get().region_id == "350123100001"
    assert compute_run(other_county["county"], date(2026, 11, 1), user=lianjiang).line_count == 0


def test_the_checks_expect_the_months_where_they_are_owed(county, other_county, war5, entitled, users):
    """应发未发 looks for the moved person in the old county's run through December, in the new one's after."""
    from shuangyong.benefits.choices import FindingCode
    from shuangyong.benefits.services.approval import check_run

    luoyuan, lianjiang = users["county_admin"], other_county["admin"]
    ent = entitled("11")
    transfer = send_transfer(ent.person, on=date(2026, 5, 10), to_county=other_county["county"], user=luoyuan)
    accept_transfer(transfer, on=date(2026, 5, 20), region=other_county["village"], user=lianjiang)
    new_side = check_run(compute_run(other_county["county"], date(2026, 6, 1), user=system_user()), user=system_user())
    assert not new_side.findings.filter(code=FindingCode.ABSENT).exists()
    old_run = compute_run(county["county"], date(2026, 6, 1), user=system_user())
    old_run.lines.all().delete()  # as if the old county had left the person out
    old_side = check_run(old_run, user=system_user())
    assert list(old_side.findings.filter(code=FindingCode.ABSENT).values_list("entitlement_id", flat=True)) == [ent.pk]
