"""One-time amounts (benefits.Grant) paid through the runs: once, the difference after a change, again after a
bank failure, never by a second run."""

from datetime import date

import pytest

from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.choices import LineType
from shuangyong.benefits.models import Grant, PaymentLine
from shuangyong.benefits.services.engine import BenefitsError, compute_run
from shuangyong.benefits.services.grants import grant_paid_fen, grant_state, set_grant
from shuangyong.benefits.tests.test_engine import lines_of, pay

pytestmark = pytest.mark.usefixtures("alone_and_among_many")

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


@pytest.fixture
def family(entitled):
    """a serving soldier's mother: 军人家属, no periodic benefit"""
    return entitled("91", name="李秀英", birth="19720304", relation="母子", soldier_name="王强")


def test_a_grant_is_paid_once_by_the_next_run(county, family, users):
    grant = set_grant(
        family,
        kind="conscript_family",
        month=JAN,
        amount_fen=550000,
        basis="2026年优待金",
        source="test:1",
        user=system_user(),
    )
    run = pay(county, JAN, users)
    assert lines_of(run) == [("2026-01", "conscript_family", LineType.GRANT, 550000)]
    assert run.one_time_fen == 550000
    assert run.payees.get().total_fen == 550000
    assert (grant_paid_fen(grant), grant_state(grant)) == (550000, "已发放")
    assert lines_of(compute_run(county["county"], FEB, user=system_user())) == []


def test_a_grant_owed_later_waits_for_its_month(county, family, users):
    set_grant(
        family, kind="merit_reward", month=MAR, amount_fen=279000, basis="三等功", source="test:2", user=system_user()
    )
    assert lines_of(pay(county, JAN, users)) == []
    assert lines_of(compute_run(county["county"], MAR, user=system_user())) == [
        ("2026-03", "merit_reward", LineType.GRANT, 279000)
    ]


def test_a_changed_amount_pays_or_recovers_only_the_difference(county, family, users):
    grant = set_grant(
        family, kind="conscript_family", month=JAN, amount_fen=550000, basis="标准", source="t:3", user=system_user()
    )
    pay(county, JAN, users)
    # an award recorded later raises the allowance by 15%
    set_grant(
        family,
        kind="conscript_family",
        month=JAN,
        amount_fen=632500,
        basis="标准×115%",
        source="t:3",
        user=system_user(),
    )
    run = pay(county, FEB, users)
    assert lines_of(run) == [("2026-01", "conscript_family", LineType.GRANT, 82500)]
    assert [(line.seq, line.due_fen, line.paid_before_fen) for line in run.lines.all()] == [(1, 632500, 550000)]
    set_grant(family, kind="conscript_family", month=JAN, amount_fen=0, basis="撤销", source="t:3", user=system_user())
    assert lines_of(pay(county, MAR, users)) == [("2026-01", "conscript_family", LineType.GRANT, -632500)]
    grant.refresh_from_db()
    assert (grant_paid_fen(grant), grant_state(grant)) == (0, "已撤销")


def test_a_failed_bank_payment_is_paid_again(county, family, users):
    set_grant(
        family, kind="conscript_family", month=JAN, amount_fen=550000, basis="标准", source="t:4", user=system_user()
    )
    run = pay(county, JAN, users)
    run.lines.update(failed=True)
    nxt = compute_run(county["county"], FEB, user=system_user())
    assert [(line.month, line.seq, line.amount_fen) for line in nxt.lines.all()] == [(JAN, 1, 550000)]


def test_setting_the_same_grant_again_writes_nothing(county, family, users):
    set_grant(
        family, kind="conscript_family", month=JAN, amount_fen=550000, basis="标准", source="t:5", user=system_user()
    )
    entries = AuditEntry.objects.count()
    set_grant(
        family, kind="conscript_family", month=JAN, amount_fen=550000, basis="标准", source="t:5", user=system_user()
    )
    assert AuditEntry.objects.count() == entries
    assert Grant.objects.count() == 1


def test_periodic_kinds_and_negative_amounts_are_refused(county, family):
    with pytest.raises(BenefitsError, match="不是一次性待遇项目"):
        set_grant(family, kind="disability", month=JAN, amount_fen=1, basis="", source="t:6", user=system_user())
    with pytest.raises(BenefitsError, match="不能为负数"):
        set_grant(family, kind="merit_reward", month=JAN, amount_fen=-1, basis="", source="t:6", user=system_user())
    assert Grant.objects.count() == 0


def test_a_user_outside_the_region_cannot_set_a_grant(county, family, users):
    from shuangyong.accounts.scope import ScopeDenied

    town_a = users["town_staff"]  # 凤山镇; the family is moved to a village of 松山镇
    family.person.region = county["village_b1"]
    family.person.save()
    with pytest.raises(ScopeDenied):
        set_grant(family, kind="merit_reward", month=JAN, amount_fen=100, basis="", source="t:7", user=town_a)
    assert Grant.objects.count() == 0
    assert PaymentLine.objects.count() == 0
