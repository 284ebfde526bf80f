"""`shuangyong payment-run`: the run computed (and with --approve checked and approved) as the system, its steps
shown as they end, the result on stdout."""

import json

import pytest
from django.core.management import call_command

from shuangyong.benefits.choices import RunStatus
from shuangyong.benefits.models import PaymentRun
from shuangyong.benefits.services.engine import STEP_LABELS

pytestmark = pytest.mark.django_db


def test_the_run_is_computed_and_approved_and_its_steps_shown(county, standard, entitled, capsys):
    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="甲", account="")  # a finding that automation waives
    call_command("payment_run", "--period", "2026-11", "--region", "350123", "--approve", "--json")
    captured = capsys.readouterr()
    run = PaymentRun.objects.get()
    assert json.loads(captured.out) == {
        "run": run.pk,
        "period": "2026-11",
        "lines": run.line_count,
        "persons": 1,
        "total_fen": run.total_fen,
        "backpay_fen": run.backpay_fen,
    }
    assert run.status == RunStatus.APPROVED and run.total_fen > 0
    steps = [line.split("] ", 1)[1] for line in captured.err.splitlines()]
    assert steps[0] == "计算 罗源县 2026-11 的发放批次…"
    assert {step.split("：")[0] for step in steps} >= set(STEP_LABELS.values())
    assert "已豁免 1 个检查问题（见审计日志）" in steps
