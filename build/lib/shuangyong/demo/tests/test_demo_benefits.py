"""The demo county's benefits: every month of last year and January to October paid and approved by two people
(last year's 优待金 and rewards among them), November checked with the back-pay of the county rise entered late,
every active person paid, and a second build changes nothing."""

from datetime import date

import pytest

from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.choices import FindingCode, FindingState, LineType, RunStatus
from shuangyong.benefits.models import Finding, PaymentLine, PaymentRun, Standard, StandardChange, WageBase
from shuangyong.demo.benefits import _period_of
from shuangyong.demo.services import build_demo
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Entitlement, PersonEvent

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
# the county rise for 在乡复员军人 from 2026-08-01, monthly: 37,800 / 35,280 / 32,760 元 a year against
# 36,000 / 33,600 / 31,200 before → +150 / +140 / +130 元 a month
RISE_FEN = {"anti_japanese": 15_000, "liberation": 14_000, "prc": 13_000}


def counts():
    models = (AuditEntry, Standard, StandardChange, WageBase, PaymentRun, PaymentLine, Finding, PersonEvent)
    return [model.objects.count() for model in models]


def test_enlistment_period_follows_the_birth_year():
    assert [_period_of(date(year, 6, 1)) for year in (1926, 1927, 1928, 1931, 1932, 1937)] == [
        "anti_japanese",
        "anti_japanese",
        "liberation",
        "liberation",
        "prc",
        "prc",
    ]


def test_demo_pays_the_year_and_leaves_november_for_a_second_approver():
    build_demo(today=TODAY)
    runs = list(PaymentRun.objects.filter(region_id="350123000000").order_by("period_start"))
    assert [f"{run.period_start:%Y-%m}" for run in runs] == [
        *(f"2025-{month:02d}" for month in range(1, 13)),
        *(f"2026-{month:02d}" for month in range(1, 12)),
    ]

    for run in runs[:22]:
        assert (run.status, run.computed_by.username, run.approved_by.username) == (RunStatus.APPROVED, "syb", "syb2")
        assert not run.findings.filter(state=FindingState.OPEN).exists()
    november = runs[22]
    assert (november.status, november.computed_by.username, november.approved_by) == (RunStatus.CHECKED, "syb", None)
    waived = november.findings.values_list("state", "resolved_by__username").distinct()
    assert set(waived) <= {(FindingState.WAIVED, "syb")}
    assert not november.findings.filter(code=FindingCode.ABSENT).exists()

    # back-pay: exactly the rise for August to October, for each 在乡复员军人 paid in those months
    backpay = PaymentLine.objects.filter(run=november, line_type=LineType.BACKPAY)
    paid_before = PaymentLine.objects.filter(
        run__in=runs[19:22], category_id="41", kind_id="living", line_type=LineType.REGULAR
    )
    assert sorted(backpay.values_list("entitlement_id", "month")) == sorted(
        paid_before.values_list("entitlement_id", "month")
    )
    assert {(line.month, line.amount_fen - RISE_FEN[line.enlistment_period]) for line in backpay} == {
        (date(2026, month, 1), 0) for month in (8, 9, 10)
    }
    assert november.backpay_fen == sum(RISE_FEN[p] for p in backpay.values_list("enlistment_period", flat=True)) > 0

    # every active key entitlement approved by November has a November line
    active = Entitlement.objects.filter(
        status=Status.ACTIVE, category__is_key=True, approval_date__lt=date(2026, 12, 1)
    ).values_list("pk", flat=True)
    paid = PaymentLine.objects.filter(month=date(2026, 11, 1)).values_list("entitlement_id", flat=True)
    assert set(active) - set(paid) == set()
    # 护理费 for grades 1-4 from the 福建省 wage base 8,956 元/月: 因战、因公一至二级 50% = 4,478 元, 三至四级 40%
    nursing = PaymentLine.objects.filter(run=november, kind_id="nursing", disability_nature__in=["war", "duty"])
    assert set(nursing.filter(disability_grade__in=[1, 2]).values_list("amount_fen", flat=True)) == {447_800}
    assert set(nursing.filter(disability_grade__in=[3, 4]).values_list("amount_fen", flat=True)) == {358_240}

    # last year's runs paid the 优待金 of the 2025 recruits' families and the rewards of 2025's awards
    last_year = PaymentLine.objects.filter(run__in=runs[:12], grant__isnull=False)
    assert last_year.filter(kind_id="conscript_family").count() > 0
    assert {line.month.year for line in last_year} == {2025}

    before = counts()
    build_demo(today=TODAY)
    assert counts() == before
