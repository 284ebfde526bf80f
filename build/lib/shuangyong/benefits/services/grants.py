"""一次性款项: amounts other apps work out (义务兵家庭优待金, 立功受奖奖金, 一次性经济补助) and the payment runs pay.

The owning app calls set_grant whenever the amount it owes changes; the next run over the payee's region pays
what is still owed (see Engine.insert_grants). Nothing here computes an amount: the rule lives with its app.
"""

from datetime import date

from django.db import transaction
from django.db.models import Sum

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.benefits.choices import RunStatus
from shuangyong.benefits.models import BenefitKind, Grant, PaymentLine
from shuangyong.benefits.services.engine import BenefitsError
from shuangyong.benefits.services.rates import month_start

PAID_STATUSES = (RunStatus.APPROVED, RunStatus.EXPORTED, RunStatus.RECONCILED)


def set_grant(entitlement, *, kind: str, month: date, amount_fen: int, basis: str, source: str, user) -> Grant:
    """Record what `source` owes the entitlement's person (creating or changing it; 0 withdraws it), audited."""
    if amount_fen < 0:
        raise BenefitsError("一次性款项金额不能为负数")
    with actor_for(user), transaction.atomic():
        kind_row = BenefitKind.objects.filter(code=kind).first()
        if kind_row is None or kind_row.is_periodic:
            raise BenefitsError(f"“{kind}”不是一次性待遇项目")
        grant = Grant.objects.select_for_update().filter(source=source).first()
        fields = {
            "entitlement": entitlement,
            "kind": kind_row,
            "month": month_start(month),
            "amount_fen": amount_fen,
            "basis": basis[:300],
        }
        if grant is None:
            grant = Grant(source=source, **fields)
        elif all(getattr(grant, name) == value for name, value in fields.items()):
            return grant  # unchanged: nothing written, nothing audited
        else:
            if grant.entitlement_id != entitlement.pk and grant.lines.exists():
                raise BenefitsError("该款项已有发放记录，不能改由他人领取；请先将金额改为 0 并另行登记")
            for name, value in fields.items():
                setattr(grant, name, value)
        ensure_can_write(user, grant)
        grant.save()
        return grant


def grant_paid_fen(grant: Grant) -> int:
    """What approved runs have paid for the grant so far (bank failures excluded)."""
    paid = PaymentLine.objects.filter(grant=grant, failed=False, run__status__in=PAID_STATUSES)
    return paid.aggregate(total=Sum("amount_fen"))["total"] or 0


def grant_state(grant: Grant) -> str:
    """待发放 / 已列入批次 / 已发放 — as staff say it."""
    paid = grant_paid_fen(grant)
    if grant.amount_fen == paid:
        return "已发放" if grant.amount_fen else "已撤销"
    if grant.lines.filter(run__status__in=[RunStatus.DRAFT, RunStatus.CHECKED]).exists():
        return "已列入待审批批次"
    return "待追缴" if grant.amount_fen < paid else "待发放"
