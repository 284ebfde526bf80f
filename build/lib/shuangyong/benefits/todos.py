"""待办 from the payment runs: runs checked and waiting for this user's approval (another hand than the one who
computed them), the check findings open in the user's scope, and of those the ones the county office sent to be
checked by a date (下发乡镇核实)."""

from datetime import date

from django.db.models import Count, Min
from django.urls import reverse

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.benefits.choices import OPEN_RUN_STATUSES, FindingState, RunStatus
from shuangyong.benefits.models import Finding, PaymentRun
from shuangyong.todo.registry import Todo, register_todo


@register_todo
def payment_work(user, today: date) -> list[Todo]:
    if not user.can(Cap.VIEW_RECORDS):
        return []
    found = []
    if user.can(Cap.APPROVE_PAYMENTS):
        waiting = visible(user, PaymentRun.objects.filter(status=RunStatus.CHECKED))
        waiting = waiting.exclude(computed_by=user).exclude(findings__state=FindingState.OPEN)
        found.append(Todo("benefits.approve", "待我审批的发放批次", waiting.count(), None, reverse("benefits:runs")))
    findings = visible(user, Finding.objects.filter(state=FindingState.OPEN, run__status__in=OPEN_RUN_STATUSES))
    found.append(Todo("benefits.findings", "待处理发放检查问题", findings.count(), None, reverse("benefits:findings")))
    sent = findings.filter(sent_on__isnull=False).aggregate(count=Count("pk"), due=Min("due"))
    label = "县双拥办下发待核实的发放检查问题"
    found.append(Todo("benefits.findings_sent", label, sent["count"], sent["due"], reverse("benefits:findings")))
    return found
