"""The payment rules of domain.md §3, each asserted with exact amounts in 分."""

from datetime import date

import pytest

from shuangyong.accounts.system import system_user
from shuangyong.benefits.choices import LineType
from shuangyong.benefits.models import PaymentLine
from shuangyong.benefits.services.approval import approve_run, check_run, waive_open_findings
from shuangyong.benefits.services.engine import compute_run, period_for
from shuangyong.benefits.services.rates import yearly_to_monthly
from shuangyong.regions.models import RegionSetting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("alone_and_among_many")]

WAR5 = 5_422_000  # 残疾抚恤金 因战五级 54,220 元/年 (2021 national table)
WAR5_MONTH = 451_833  # 5,422,000 ÷ 12 = 451,833.33 → 451,833 分


def lines_of(run):
    return sorted(
        (line.month.strftime("%Y-%m"), line.kind_id, line.line_type, line.amount_fen)
        for line in PaymentLine.objects.filter(run=run)
    )


def pay(county, month, users):
    """compute, check, waive and approve one month as the county (maker town... approver county)."""
    run = compute_run(county["county"], month, user=system_user())
    run = check_run(run, user=system_user())
    waive_open_findings(run, reason="测试：已核实", user=users["county_admin"])
    return approve_run(run, user=users["county_admin"])


def test_monthly_amount_is_yearly_over_twelve_rounded_half_up():
    assert yearly_to_monthly(WAR5) == WAR5_MONTH
    assert yearly_to_monthly(18) == 2  # 1.5 分 → 2
    assert yearly_to_monthly(17) == 1  # 1.42 分 → 1


def test_period_follows_the_local_frequency():
    assert period_for(date(2026, 11, 5), "monthly") == (date(2026, 11, 1), date(2026, 11, 1))
    assert period_for(date(2026, 11, 5), "quarterly") == (date(2026, 10, 1), date(2026, 12, 1))
    assert period_for(date(2026, 11, 5), "yearly") == (date(2026, 1, 1), date(2026, 12, 1))


def test_a_month_pays_each_entitled_person_the_standard(county, standard, entitled):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="甲")
    entitled("11", name="乙", region=county["village_b1"])
    run = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    assert lines_of(run) == [("2026-03", "disability", "regular", WAR5_MONTH)] * 2
    assert (run.person_count, run.line_count, run.total_fen, run.backpay_fen) == (2, 2, 2 * WAR5_MONTH, 0)


def test_pay_from_the_month_after_paid_through(county, standard, entitled):
    """已发放至 2026-01: February is owed as arrears when the first run is for March."""
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", paid_through=date(2026, 1, 1))
    run = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    assert lines_of(run) == [
        ("2026-02", "disability", LineType.ARREARS, WAR5_MONTH),
        ("2026-03", "disability", LineType.REGULAR, WAR5_MONTH),
    ]
    assert run.backpay_fen == WAR5_MONTH


def test_pay_from_the_month_of_approval(county, standard, entitled, users):
    """条例 §27: from the month of approval; a late approval is paid back to it once the system pays."""
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="老兵")
    pay(county, date(2026, 1, 1), users)
    late = entitled("11", name="新认定", approved=date(2026, 2, 20))
    run = compute_run(county["county"], date(2026, 4, 1), user=system_user())
    mine = sorted((line.month.strftime("%Y-%m"), line.line_type) for line in run.lines.filter(entitlement=late))
    assert mine == [("2026-02", "arrears"), ("2026-03", "arrears"), ("2026-04", "regular")]
    # the other person missed February and March too (no run for them): arrears, not a second payment
    assert run.lines.count() == 6


def test_a_paid_month_is_not_paid_again(county, standard, entitled, users):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11")
    pay(county, date(2026, 3, 1), users)
    again = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    assert (again.line_count, again.total_fen) == (0, 0)


def _rise(users, yearly_fen, since):
    """A 因战五级 残疾抚恤金 standard entered as the county administrator (a past date schedules 补发)."""
    from shuangyong.benefits.models import Standard
    from shuangyong.benefits.services.standards import save_standard

    rise = Standard(
        kind_id="disability",
        category_id="11",
        disability_nature="war",
        disability_grade=5,
        amount_fen=yearly_fen,
        valid_from=since,
    )
    return save_standard(rise, user=users["county_admin"])


def test_back_dated_rise_pays_the_difference_for_each_month_already_paid(county, standard, entitled, users):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11")
    for month in (1, 2, 3):
        pay(county, date(2026, month, 1), users)
    _rise(users, 5_747_300, date(2026, 2, 1))  # +6%: 57,473 元/年 → 478,941.67 → 478,942 分/月
    run = compute_run(county["county"], date(2026, 4, 1), user=system_user())
    diff = 478_942 - WAR5_MONTH
    assert lines_of(run) == [
        ("2026-02", "disability", LineType.BACKPAY, diff),
        ("2026-03", "disability", LineType.BACKPAY, diff),
        ("2026-04", "disability", LineType.REGULAR, 478_942),
    ]
    assert (run.backpay_fen, run.total_fen) == (2 * diff, 2 * diff + 478_942)
    approve_run(check_run(run, user=system_user()), user=users["county_admin"])
    # taken up once: the next month pays no back-pay again
    may = compute_run(county["county"], date(2026, 5, 1), user=system_user())
    assert lines_of(may) == [("2026-05", "disability", LineType.REGULAR, 478_942)]


def _months_of(run):
    return sorted(
        (line.month.strftime("%Y-%m"), line.line_type, line.seq, line.amount_fen, line.paid_before_fen)
        for line in run.lines.all()
    )


@pytest.mark.parametrize("returned", [False, True], ids=["paid", "returned by the bank"])
def test_a_second_back_dated_rise_pays_against_every_line_of_the_month(county, standard, entitled, users, returned):
    """Months with two lines already (paid, then back-paid): the third pays due − the sum of the lines the bank
    did not return, as a carry when the latest was returned."""
    from shuangyong.benefits.services.standards import save_standard

    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11")
    for month in (1, 2, 3):
        pay(county, date(2026, month, 1), users)
    rise = _rise(users, 5_747_300, date(2026, 2, 1))  # 478,942 分/月
    april = pay(county, date(2026, 4, 1), users)
    if returned:
        april.payees.update(bank_status="failed")
        april.lines.update(failed=True)
    rise.amount_fen = 6_000_000  # the figure entered corrected: 500,000 分/月
    save_standard(rise, user=users["county_admin"])
    may = compute_run(county["county"], date(2026, 5, 1), user=system_user())
    if returned:
        assert _months_of(may) == [
            ("2026-02", LineType.CARRY, 2, 500_000 - WAR5_MONTH, WAR5_MONTH),
            ("2026-03", LineType.CARRY, 2, 500_000 - WAR5_MONTH, WAR5_MONTH),
            ("2026-04", LineType.CARRY, 1, 500_000, 0),
            ("2026-05", LineType.REGULAR, 0, 500_000, 0),
        ]
    else:
        assert _months_of(may) == [
            ("2026-02", LineType.BACKPAY, 2, 500_000 - 478_942, 478_942),
            ("2026-03", LineType.BACKPAY, 2, 500_000 - 478_942, 478_942),
            ("2026-04", LineType.BACKPAY, 1, 500_000 - 478_942, 478_942),
            ("2026-05", LineType.REGULAR, 0, 500_000, 0),
        ]


def test_death_recorded_late_recovers_and_pays_the_funeral_grant(county, standard, entitled, users):
    """条例 §32: a disabled veteran dying of illness: through the month of death, then 12 months as 丧葬补助."""
    from shuangyong.registry.services.lifecycle import record_death

    standard("disability", 54220, category="11", nature="war", grade=5)
    ent = entitled("11")
    for month in (1, 2, 3, 4):
        pay(county, date(2026, month, 1), users)
    record_death(ent.person, on=date(2026, 2, 14), cause="因病", user=users["county_admin"])
    run = compute_run(county["county"], date(2026, 5, 1), user=system_user())
    assert lines_of(run) == [
        ("2026-02", "funeral", LineType.FUNERAL, 12 * WAR5_MONTH),
        ("2026-03", "disability", LineType.RECOVERY, -WAR5_MONTH),
        ("2026-04", "disability", LineType.RECOVERY, -WAR5_MONTH),
    ]
    assert run.recovery_fen == -2 * WAR5_MONTH
    assert run.payees.get().total_fen == 10 * WAR5_MONTH


def test_death_month_is_not_paid_when_the_county_says_so(county, standard, entitled, users):
    from shuangyong.registry.services.lifecycle import record_death

    RegionSetting.objects.create(
        region=county["county"], key="pay_death_month", value=False, valid_from=date(2020, 1, 1)
    )
    standard("survivor", 33860, category="21")
    ent = entitled("21", relation="父亲", soldier_name="李烈士")
    for month in (1, 2):
        pay(county, date(2026, month, 1), users)
    record_death(ent.person, on=date(2026, 2, 3), user=users["county_admin"])
    run = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    monthly = yearly_to_monthly(3_386_000)
    # 条例 §22: 6 months of 定期抚恤金 as 丧葬补助; February (the month of death) recovered
    assert lines_of(run) == [
        ("2026-02", "funeral", LineType.FUNERAL, 6 * monthly),
        ("2026-02", "survivor", LineType.RECOVERY, -monthly),
    ]


def test_suspended_is_not_paid_and_resumes_from_the_month_of_resumption(county, standard, entitled, users):
    from shuangyong.registry.services.lifecycle import resume_entitlement, suspend_entitlement

    standard("disability", 54220, category="11", nature="war", grade=5)
    ent = entitled("11")
    pay(county, date(2026, 1, 1), users)
    suspend_entitlement(ent, on=date(2026, 2, 1), reason="服刑", user=users["county_admin"])
    assert compute_run(county["county"], date(2026, 2, 1), user=system_user()).line_count == 0
    discard = compute_run(county["county"], date(2026, 2, 1), user=system_user())
    from shuangyong.benefits.services.approval import discard_run

    discard_run(discard, user=users["county_admin"])
    resume_entitlement(ent, on=date(2026, 4, 8), user=users["county_admin"])
    run = compute_run(county["county"], date(2026, 4, 1), user=system_user())
    assert lines_of(run) == [("2026-04", "disability", LineType.REGULAR, WAR5_MONTH)]


def test_back_dated_grade_change_pays_the_difference(county, standard, entitled, users):
    from shuangyong.registry.services.lifecycle import change_grade

    standard("disability", 54220, category="11", nature="war", grade=5)
    standard("disability", 84700, category="11", nature="war", grade=3)
    standard("nursing", basis="wage_share", category="11", nature="war", grade=3, share_bp=4000)
    from shuangyong.benefits.models import WageBase

    WageBase.objects.create(region=county["county"], year=2025, monthly_fen=800_000, valid_from=date(2026, 1, 1))
    ent = entitled("11")
    for month in (1, 2, 3):
        pay(county, date(2026, month, 1), users)
    change_grade(ent, grade=3, on=date(2026, 2, 16), user=users["county_admin"])
    run = compute_run(county["county"], date(2026, 4, 1), user=system_user())
    grade3 = yearly_to_monthly(8_470_000)
    nursing = 320_000  # 40% of 8,000 元 (条例 §34: 因战 grades 3-4)
    assert lines_of(run) == [
        ("2026-02", "disability", LineType.BACKPAY, grade3 - WAR5_MONTH),
        ("2026-02", "nursing", LineType.ARREARS, nursing),
        ("2026-03", "disability", LineType.BACKPAY, grade3 - WAR5_MONTH),
        ("2026-03", "nursing", LineType.ARREARS, nursing),
        ("2026-04", "disability", LineType.REGULAR, grade3),
        ("2026-04", "nursing", LineType.REGULAR, nursing),
    ]


def test_failed_bank_payment_is_paid_again_in_the_next_run(county, standard, entitled, users):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11")
    run = pay(county, date(2026, 1, 1), users)
    payee = run.payees.get()
    payee.bank_status = "failed"
    payee.save()
    run.lines.update(failed=True)
    nxt = compute_run(county["county"], date(2026, 2, 1), user=system_user())
    assert lines_of(nxt) == [
        ("2026-01", "disability", LineType.CARRY, WAR5_MONTH),
        ("2026-02", "disability", LineType.REGULAR, WAR5_MONTH),
    ]
    assert [line.seq for line in nxt.lines.order_by("month")] == [1, 0]


def test_quarterly_frequency_pays_the_quarter(county, standard, entitled):
    RegionSetting.objects.create(
        region=county["county"], key="payment_frequency", value="quarterly", valid_from=date(2020, 1, 1)
    )
    standard("living", 732, category="51", basis="month", since=date(2024, 8, 1))  # 732 元/月
    entitled("51")
    run = compute_run(county["county"], date(2026, 11, 1), user=system_user())
    assert (run.period_start, run.period_end) == (date(2026, 10, 1), date(2026, 12, 1))
    assert lines_of(run) == [(f"2026-{m}", "living", LineType.REGULAR, 73_200) for m in ("10", "11", "12")]


def test_service_year_standard_is_per_year_of_service(county, standard, entitled):
    """农村籍退役士兵: yearly amount per year of service ÷ 12, rounded half-up."""
    standard("living", 552, category="72", basis="service_year", since=date(2024, 8, 1))
    entitled("72", service_years=3, birth="19550101")
    run = compute_run(county["county"], date(2026, 11, 1), user=system_user())
    assert lines_of(run) == [("2026-11", "living", LineType.REGULAR, (55_200 * 3 + 6) // 12)]
