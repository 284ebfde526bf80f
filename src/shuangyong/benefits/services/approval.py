"""A run's life after computing: checks, findings resolved or waived, approval by a second user (maker-checker),
discarding an open run. Each is a plain function that locks the run, checks the user, writes (audited) and
raises BenefitsError with a Chinese message when a rule refuses."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ensure_can_write
from shuangyong.accounts.system import is_system, system_user
from shuangyong.audit.context import actor_for
from shuangyong.benefits.choices import CLOSED_FINDING_STATES, FindingCode, FindingState, RunStatus
from shuangyong.benefits.models import Finding, PaymentRun
from shuangyong.benefits.services.checks import Found, run_checks
from shuangyong.benefits.services.engine import BenefitsError, refresh_totals


def _locked(run: PaymentRun, user) -> PaymentRun:
    locked = PaymentRun.objects.select_for_update().get(pk=run.pk)
    ensure_can_write(user, locked)
    return locked


def _require(run: PaymentRun, statuses, action: str) -> None:
    if run.status not in statuses:
        allowed = "、".join(RunStatus(s).label for s in statuses)
        raise BenefitsError(f"发放批次当前为“{run.get_status_display()}”，只有{allowed}的批次可以{action}")


def check_run(run: PaymentRun, *, user, progress=None) -> PaymentRun:
    """Run every check; keep closed findings that still apply, open new ones, mark vanished ones corrected.
    `progress` (a job's) is advanced check by check.

    The checks only read, before the run is locked: one of them may read on a second connection (run_checks),
    which a lock held by this one would not stop but a transaction of this one would hide the run from. A run
    computed again meanwhile is not given findings of the lines it no longer has."""
    with actor_for(user):
        ensure_can_write(user, run)
        _require(run, (RunStatus.DRAFT, RunStatus.CHECKED), "检查")
        computed_at = PaymentRun.objects.values_list("computed_at", flat=True).get(pk=run.pk)
        found = {(code, pid, eid, message) for code, pid, eid, message in run_checks(run, progress)}
        with transaction.atomic():
            run = _locked(run, user)
            _require(run, (RunStatus.DRAFT, RunStatus.CHECKED), "检查")
            if run.computed_at != computed_at:
                raise BenefitsError("检查期间该发放批次已重新计算，本次检查结果未保存，请重新检查")
            return _record_findings(run, found, user)


def _record_findings(run: PaymentRun, found: set[Found], user) -> PaymentRun:
    existing = {(f.code, f.person_id, f.entitlement_id, f.message): f for f in run.findings.all()}
    now = timezone.now()
    for key, finding in existing.items():
        if key not in found and finding.state == FindingState.OPEN:
            finding.state, finding.resolution, finding.resolved_at = FindingState.RESOLVED, "复查时已不存在", now
            finding.resolved_by = user
            finding.save()
    fresh = sorted(found - existing.keys(), key=lambda k: (k[0], k[3]))
    places = _places(run, {pid for _, pid, _, _ in fresh if pid})
    new = [
        Finding(
            run=run,
            code=code,
            person_id=pid,
            entitlement_id=eid,
            message=message[:300],
            region_id=places.get(pid, run.region_id) if pid else run.region_id,
        )
        for code, pid, eid, message in fresh
    ]
    Finding.objects.bulk_create(new, batch_size=1000)
    run.status, run.checked_at = RunStatus.CHECKED, now
    run.save()
    return run


# Findings that mean paying someone not owed anything (dead, stopped, moved away): corrected in the registry
# (then the next check finds them gone) or the person excluded from the run — never waived with a sentence.
UNWAIVABLE = frozenset({FindingCode.DECEASED_OR_MOVED})
UNWAIVABLE_MESSAGE = "向已去世、已停发或已迁出的人员发放的问题不能豁免：请纠正人员信息后重新计算，或将该人剔除出本批"


def _places(run: PaymentRun, person_ids: set[int]) -> dict[int, str]:
    """Where each person is paid from in the run (the payee's region), else where they live."""
    from shuangyong.registry.models import Person

    places = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "region_id"))
    places.update(run.payees.filter(person_id__in=person_ids).values_list("person_id", "region_id"))
    return places


def _locked_for_finding(finding: Finding, user) -> PaymentRun:
    """The finding's run, locked; the user must be able to act where the finding is (the town that must act, or
    any region above it), not necessarily on the whole run."""
    run = PaymentRun.objects.select_for_update().get(pk=finding.run_id)
    ensure_can_write(user, finding)
    return run


def _waiver_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise BenefitsError("豁免须写明理由")
    return reason[:300]


@transaction.atomic
def waive_finding(finding: Finding, *, reason: str, user) -> Finding:
    """豁免: the finding stands but the payment is right; the reason is kept and audited."""
    with actor_for(user):
        run = _locked_for_finding(finding, user)
        _require(run, (RunStatus.DRAFT, RunStatus.CHECKED), "处理检查问题")
        reason = _waiver_reason(reason)
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if finding.state != FindingState.OPEN:
            raise BenefitsError(f"该问题已{finding.get_state_display()}")
        if finding.code in UNWAIVABLE:
            raise BenefitsError(UNWAIVABLE_MESSAGE)
        finding.state, finding.resolution = FindingState.WAIVED, reason
        finding.resolved_by, finding.resolved_at = user, timezone.now()
        finding.save()
        return finding


@transaction.atomic
def waive_open_findings(run: PaymentRun, *, reason: str, code: str | None = None, user) -> int:
    """豁免 every open finding of the run (of one check, with `code`) with the same reason: one update, each
    finding's change still audited (AuditedQuerySet.update)."""
    with actor_for(user):
        run = _locked(run, user)
        _require(run, (RunStatus.DRAFT, RunStatus.CHECKED), "处理检查问题")
        reason = _waiver_reason(reason)
        if code in UNWAIVABLE:
            raise BenefitsError(UNWAIVABLE_MESSAGE)
        # paying the dead, the stopped or the moved-away is never waived: those stay open for correction or 剔除
        findings = run.findings.filter(state=FindingState.OPEN).exclude(code__in=UNWAIVABLE)
        if code:
            findings = findings.filter(code=code)
        return findings.update(
            state=FindingState.WAIVED, resolution=reason, resolved_by=user, resolved_at=timezone.now()
        )


@transaction.atomic
def exclude_person(finding: Finding, *, reason: str, user) -> Finding:
    """剔除: take the finding's person out of this run (their months stay unpaid and come back as arrears)."""
    with actor_for(user):
        run = _locked_for_finding(finding, user)
        _require(run, (RunStatus.DRAFT, RunStatus.CHECKED), "剔除人员")
        if finding.person_id is None:
            raise BenefitsError("该问题不针对具体人员，不能剔除")
        reason = (reason or "").strip() or "检查发现问题，剔除出本批"
        run.lines.filter(person_id=finding.person_id).delete()
        run.payees.filter(person_id=finding.person_id).delete()
        now = timezone.now()
        for other in run.findings.filter(person_id=finding.person_id, state=FindingState.OPEN):
            other.state, other.resolution, other.resolved_by, other.resolved_at = (
                FindingState.EXCLUDED,
                reason[:300],
                user,
                now,
            )
            other.save()
        refresh_totals(run)
        run.save()
        return Finding.objects.get(pk=finding.pk)


@transaction.atomic
def approve_run(run: PaymentRun, *, user) -> PaymentRun:
    """审批: by a second user (not the one who computed it), after every finding is closed. The system actor
    approves only through approve_unattended, which a county chooses for automation."""
    with actor_for(user):
        if not user.can(Cap.APPROVE_PAYMENTS):
            raise PermissionDenied("您的角色不能审批待遇发放")
        run = _locked(run, user)
        _require(run, (RunStatus.CHECKED,), "审批（请先运行检查）")
        if run.computed_by_id is not None and run.computed_by_id == user.pk and not is_system(user):
            raise BenefitsError("审批人不能是计算该批次的经办人（须由另一人审批）")
        open_count = run.findings.exclude(state__in=CLOSED_FINDING_STATES).count()
        if open_count:
            raise BenefitsError(f"还有 {open_count} 个检查问题未处理（纠正、剔除或说明理由后豁免），不能审批")
        run.status, run.approved_by, run.approved_at = RunStatus.APPROVED, user, timezone.now()
        run.save()
        return run


@transaction.atomic
def approve_unattended(run: PaymentRun, *, reason: str, progress=None) -> tuple[PaymentRun, int]:
    """For automation (`payment-run --approve`), as the system actor: check the run, waive every finding that may
    be waived with `reason`, approve. A finding that may not be waived (paying the dead, the stopped, the moved
    away) stays open and the approval refuses. Returns the run and how many findings were waived."""
    actor = system_user()
    run = check_run(run, user=actor, progress=progress)
    waived = waive_open_findings(run, reason=reason, user=actor)
    return approve_run(run, user=actor), waived


@transaction.atomic
def discard_run(run: PaymentRun, *, user) -> None:
    """作废 an open run: its lines go, so its months are computed afresh by the next run."""
    with actor_for(user):
        run = _locked(run, user)
        _require(run, (RunStatus.DRAFT, RunStatus.CHECKED), "作废")
        run.findings.all().delete()
        run.delete()
