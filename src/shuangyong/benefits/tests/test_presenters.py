"""The wording of amounts and of each payment line's "why", on lines the engine really wrote."""

from datetime import date

import pytest

from shuangyong.accounts.system import system_user
from shuangyong.benefits.models import BenefitKind, PaymentLine, PaymentRun, Standard
from shuangyong.benefits.presenters import (
    line_reason,
    payment_history,
    run_steps,
    standard_amount,
)
from shuangyong.benefits.services.approval import approve_run, check_run, waive_open_findings
from shuangyong.benefits.services.engine import compute_run
from shuangyong.benefits.services.standards import save_standard
from shuangyong.jobs.models import Job
from shuangyong.money import yuan_text
from shuangyong.registry.models import Category

pytestmark = pytest.mark.django_db


def pay(county, month, users):
    run = check_run(compute_run(county["county"], month, user=system_user()), user=system_user())
    waive_open_findings(run, reason="测试：已核实", user=users["county_admin"])
    return approve_run(run, user=users["county_admin"])


def reasons(run) -> list[tuple[str, str, str]]:
    lines = run.lines.select_related("kind", "standard", "category", "entitlement", "person")
    return sorted(
        (
            line.month.strftime("%Y-%m"),
            line.kind_id,
            line_reason(line, entitlement=line.entitlement, person=line.person),
        )
        for line in lines
    )


@pytest.mark.parametrize(
    ("fen", "text", "bare"),
    [
        (0, "0.00", "0.00"),
        (None, "0.00", "0.00"),
        (5_422_000, "54,220.00", "54220.00"),
        (451_833, "4,518.33", "4518.33"),
        (478_942, "4,789.42", "4789.42"),
        (-451_833, "-4,518.33", "-4518.33"),
        (5, "0.05", "0.05"),
    ],
)
def test_money_is_written_one_way_exactly(fen, text, bare):
    assert (yuan_text(fen), yuan_text(fen, grouping=False)) == (text, bare)


def test_regular_line_names_the_standard_and_the_division(county, standard, entitled):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", paid_through=date(2026, 1, 1))
    run = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    assert reasons(run) == [
        ("2026-02", "disability", "补发未发月份：因战五级 标准 54,220.00 元/年 ÷ 12"),
        ("2026-03", "disability", "因战五级 标准 54,220.00 元/年 ÷ 12"),
    ]


def test_back_pay_says_what_was_due_and_what_was_paid(county, standard, entitled, users):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11")
    pay(county, date(2026, 2, 1), users)
    rise = Standard(
        kind_id="disability",
        category_id="11",
        disability_nature="war",
        disability_grade=5,
        amount_fen=5_747_300,
        valid_from=date(2026, 2, 1),
    )
    save_standard(rise, user=users["county_admin"])
    run = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    assert reasons(run) == [
        ("2026-02", "disability", "补发：应发 4,789.42 元，此前已发 4,518.33 元"),
        ("2026-03", "disability", "因战五级 标准 57,473.00 元/年 ÷ 12"),
    ]


def test_death_recorded_late_explains_the_recovery_and_the_funeral_grant(county, standard, entitled, users):
    from shuangyong.registry.services.lifecycle import record_death

    standard("disability", 54220, category="11", nature="war", grade=5)
    ent = entitled("11")
    for month in (1, 2, 3):
        pay(county, date(2026, month, 1), users)
    record_death(ent.person, on=date(2026, 2, 14), cause="因病", user=users["county_admin"])
    run = compute_run(county["county"], date(2026, 4, 1), user=system_user())
    assert reasons(run) == [
        ("2026-02", "funeral", "丧葬补助：12 个月 × 4,518.33 元"),
        ("2026-03", "disability", "追缴：2026-02-14 去世后已发月份"),
    ]


def test_carry_after_a_bank_failure(county, standard, entitled, users):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11")
    run = pay(county, date(2026, 1, 1), users)
    run.payees.update(bank_status="failed")
    run.lines.update(failed=True)
    nxt = compute_run(county["county"], date(2026, 2, 1), user=system_user())
    assert reasons(nxt)[0] == ("2026-01", "disability", "重发：上次银行发放失败，应发 4,518.33 元")


def _line(basis, standard_fen, *, share_bp=None, service_years=None, line_type="regular", **fields):
    kind = BenefitKind(code="living", name="定期生活补助")
    standard = Standard(kind=kind, basis=basis, amount_fen=standard_fen, share_bp=share_bp, valid_from=date(2024, 8, 1))
    return PaymentLine(
        kind=kind,
        category=Category(code="72", name="农村籍退役士兵"),
        standard=standard,
        line_type=line_type,
        service_years=service_years,
        **fields,
    )


def test_other_bases_read_as_offices_write_them():
    assert line_reason(_line("month", 73_200)) == "农村籍退役士兵 标准 732.00 元/月"
    assert line_reason(_line("service_year", 55_200, service_years=3)) == (
        "农村籍退役士兵 标准 552.00 元/年·每服役年 × 3 年 ÷ 12"
    )
    assert line_reason(_line("wage_share", 0, share_bp=3750, rate_fen=300_000)) == (
        "农村籍退役士兵 工资基数的 37.5%（月 3,000.00 元）"
    )
    lump = _line("once", 2_000_000, line_type="lump_sum", amount_fen=1)
    lump.kind.name = "一次性抚恤金"
    assert line_reason(lump) == "一次性抚恤金：一次性标准 20,000.00 元"
    assert line_reason(_line("year", 0, line_type="recovery", due_fen=0, paid_before_fen=451_833)) == (
        "追缴：应发 0.00 元，此前已发 4,518.33 元"
    )


def test_standard_amount_with_its_unit():
    kind = BenefitKind(code="nursing", name="护理费")
    assert standard_amount(Standard(kind=kind, basis="year", amount_fen=5_422_000)) == "54,220.00 元/年"
    assert standard_amount(Standard(kind=kind, basis="wage_share", share_bp=5000)) == "工资基数的 50%"
    assert standard_amount(Standard(kind=kind, basis="once", amount_fen=1_200_050)) == "12,000.50 元（一次性）"


def test_run_steps_mark_the_runs_place_in_its_lifecycle():
    steps = run_steps(PaymentRun(status="approved"))
    assert [(s.label, s.state) for s in steps] == [
        ("草稿", "done"),
        ("已检查", "done"),
        ("已批准", "current"),
        ("已导出银行文件", "todo"),
        ("已对账", "todo"),
    ]


def test_a_job_without_links_in_its_result_shows_none():
    from shuangyong.jobs.presenters import job_extras

    assert job_extras(Job(kind="compute_run", result=None))["links"] == []


def test_payment_history_is_newest_first_and_knows_which_runs_the_user_may_open(county, standard, entitled, users):
    standard("disability", 54220, category="11", nature="war", grade=5)
    ent = entitled("11")
    pay(county, date(2026, 1, 1), users)
    compute_run(county["county"], date(2026, 2, 1), user=system_user())
    lines = PaymentLine.objects.filter(person=ent.person)
    admin = payment_history(ent.person, lines, users["county_admin"])
    assert [(line.month.month, line.amount_yuan, line.run_readable) for line in admin] == [
        (2, "4,518.33", True),
        (1, "4,518.33", True),
    ]
    town = payment_history(ent.person, lines, users["town_staff"])
    assert [line.run_readable for line in town] == [False, False]  # county runs: lines shown, runs not opened


def test_the_person_page_reads_the_persons_lines_by_index_not_every_line(county, standard, entitled, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shuangyong.benefits.presenters import person_payments

    standard("disability", 54220, category="11", nature="war", grade=5)
    ent, other = entitled("11"), entitled("11")
    pay(county, date(2026, 1, 1), users)
    with CaptureQueriesContext(connection) as queries:
        shown = person_payments(ent.person, users["county_admin"])["payments"]
    assert [(line.person_id, line.amount_yuan) for line in shown] == [(ent.person_id, "4,518.33")]
    assert PaymentLine.objects.filter(person=other.person).count() == 1
    if connection.vendor == "sqlite":  # PostgreSQL scans a table of a few rows whatever its indexes
        table = PaymentLine._meta.db_table
        (read,) = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {read}")
            plan = " ".join(row[-1] for row in cursor.fetchall())
        assert f"SCAN {table}" not in plan


def test_the_job_page_of_a_run_computation_links_to_the_run():
    from shuangyong.benefits.tasks import run_links
    from shuangyong.jobs.presenters import job_extras

    assert job_extras(Job(kind="compute_run", result={"run": 7, "links": run_links(7)}))["links"] == [
        {"label": "查看发放批次", "url": "/benefits/runs/7/"}
    ]
