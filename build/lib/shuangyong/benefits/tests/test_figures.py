"""Benefits figures: money paid in the year by kind, back-pay, recovery, one-time, payees — exact, by region."""

from datetime import date
from decimal import Decimal

import pytest
from conftest import make_region

from shuangyong.benefits.models import (
    BankFileLayout,
    BenefitKind,
    DeathGrantRule,
    Payee,
    PaymentLine,
    PaymentRun,
    Standard,
)
from shuangyong.benefits.services.reference import load_reference
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope
from shuangyong.figures.examples import examples_for
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.test_figures import COUNTY, TOWN_A, TOWN_B, build_registry

pytestmark = pytest.mark.django_db


def build_payments(county, users):
    """Four runs: Jan 2026 approved, Feb 2026 reconciled (one payee failed, one recovery), Mar 2026 only
    checked (not counted), Dec 2025 approved."""
    load_reference(BenefitKind, DeathGrantRule, BankFileLayout)
    made = build_registry(county, users)
    ent = {key: person.entitlements.order_by("category_id").first() for key, person in made.items()}

    def run(month, status, lines, failed=()):
        r = PaymentRun.objects.create(region=county["county"], period_start=month, period_end=month, status=status)
        totals = {}
        for key, kind, line_type, fen in lines:
            e, person = ent[key], made[key]
            PaymentLine.objects.create(
                run=r,
                person=person,
                entitlement=e,
                kind_id=kind,
                month=month,
                seq=PaymentLine.objects.filter(entitlement=e, month=month, kind_id=kind).count(),
                line_type=line_type,
                amount_fen=fen,
                due_fen=fen,
                category_id=e.category_id,
                region_id=person.region_id,
                failed=key in failed,
            )
            totals[key] = totals.get(key, 0) + fen
        for key, fen in totals.items():
            status_ = "failed" if key in failed else ("held" if fen <= 0 else "paid")
            Payee.objects.create(
                run=r, person=made[key], name=made[key].name, region_id=made[key].region_id, total_fen=fen,
                bank_status=status_, bank_account=made[key].bank_account,
            )  # fmt: skip
        return r

    run(
        date(2026, 1, 1),
        "approved",
        [
            ("a", "disability", "regular", 100000),
            ("b", "disability", "regular", 80000),
            ("c", "survivor", "regular", 50000),
            ("c", "funeral", "funeral", 300000),
        ],
    )
    run(
        date(2026, 2, 1),
        "reconciled",
        [
            ("a", "disability", "regular", 100000),
            ("a", "disability", "backpay", 5000),
            ("b", "disability", "regular", 80000),
            ("c", "survivor", "recovery", -20000),
        ],
        failed={"b"},
    )
    run(date(2026, 3, 1), "checked", [("a", "disability", "regular", 100000)])
    run(date(2025, 12, 1), "approved", [("a", "disability", "regular", 90000)])
    return made


MONEY = (
    "benefits.paid",
    "benefits.backpay",
    "benefits.recovered",
    "benefits.one_time",
    "benefits.kind.disability",
    "benefits.kind.survivor",
    "benefits.kind.funeral",
    "benefits.kind.nursing",
    "benefits.payee_times",
    "benefits.payee_persons",
)


def values(scope, keys):
    with catalogue.memo():
        return [catalogue.compute(key, scope) for key in keys]


def test_money_paid_in_2026_by_kind(county, users):
    build_payments(county, users)
    assert values(Scope(2026, region=COUNTY), MONEY) == [
        Decimal("6150.00"),  # 1,000 + 800 + 500 + 3,000 (Jan) + 1,000 + 50 − 200 (Feb; 林二's failed 800 not paid)
        Decimal("50.00"),
        Decimal("200.00"),
        Decimal("3000.00"),
        Decimal("2850.00"),
        Decimal("300.00"),
        Decimal("3000.00"),
        Decimal("0.00"),
        4,  # Jan: 3 payees; Feb: 林一 only (林二 failed, 陈三 held for recovery)
        3,
    ]


def test_towns_add_up_and_years_are_apart(county, users):
    build_payments(county, users)
    town_a = values(Scope(2026, region=TOWN_A), MONEY)
    town_b = values(Scope(2026, region=TOWN_B), MONEY)
    assert town_a[0] == Decimal("2850.00") and town_b[0] == Decimal("3300.00")
    assert [a + b for a, b in zip(town_a, town_b, strict=True)] == values(Scope(2026, region=COUNTY), MONEY)
    assert values(Scope(2025, region=COUNTY), ("benefits.paid", "benefits.payee_times")) == [Decimal("900.00"), 1]


def test_records_behind_the_money(county, users):
    build_payments(county, users)
    scope = Scope(2026, region=COUNTY)
    lines = catalogue.get("benefits.paid").records(scope)
    assert sum(line.amount_fen for line in lines) == 615000
    assert [(line.person.name, line.amount_fen) for line in catalogue.get("benefits.recovered").records(scope)] == [
        ("陈三", -20000)
    ]
    assert sorted(p.name for p in catalogue.get("benefits.payee_times").records(scope)) == [
        "林一",
        "林一",
        "林二",
        "陈三",
    ]


def test_standards_changed_in_the_year_for_the_region(county, users):
    load_reference(BenefitKind, DeathGrantRule, BankFileLayout)
    make_region("350122000000", "连江县")
    rows = [(None, "2026-08-01"), ("350123000000", "2026-01-01"), ("350122000000", "2026-01-01"), (None, "2025-08-01")]
    for region, since in rows:
        Standard.objects.create(kind_id="disability", region_id=region, amount_fen=100, valid_from=since)
    assert catalogue.compute("benefits.standards_changed", Scope(2026, region=COUNTY)) == 2
    assert catalogue.compute("benefits.standards_changed", Scope(2026, region=TOWN_A)) == 2
    assert catalogue.compute("benefits.standards_changed", Scope(2025, region=COUNTY)) == 1


def test_the_example_is_the_highest_standard_raised_in_the_year(county, users):
    load_reference(BenefitKind, DeathGrantRule, BankFileLayout)
    load_categories()
    Standard.objects.create(kind_id="disability", category_id="11", disability_nature="war", disability_grade=1,
                            amount_fen=11_245_000, valid_from=date(2026, 8, 1))  # fmt: skip
    Standard.objects.create(kind_id="disability", category_id="11", disability_nature="war", disability_grade=2,
                            amount_fen=10_160_000, valid_from=date(2026, 8, 1))  # fmt: skip
    Standard.objects.create(kind_id="living", category_id="41", basis="month", amount_fen=150_000,
                            valid_from=date(2025, 8, 1))  # fmt: skip
    texts = [e.text for e in examples_for("benefits", Scope(2026, region=TOWN_A))]
    assert texts == ["自8月起残疾军人（因战一级）残疾抚恤金标准调整为每年11.25万元"]
    assert [e.text for e in examples_for("benefits", Scope(2025, region=COUNTY))] == [
        "自8月起在乡复员军人定期生活补助标准调整为每月1500元"
    ]


def test_the_example_of_a_death_names_the_grant_paid(county, users):
    made = build_payments(county, users)
    texts = [e.text for e in examples_for("benefits", Scope(2026, region=COUNTY))]
    category = made["c"].entitlements.order_by("category_id").first().category.name
    assert texts == [f"为去世的{category}陈某家属发放丧葬补助3000元"]
    assert examples_for("benefits", Scope(2026, region=TOWN_A)) == []  # 陈三 lives in the other town
