"""The steps of a candidate (应征公民): 报名 → 体检 → 政治考核 → 审批定兵 → 输送 (→ 退兵), in that order.

Each step locks the candidate, checks the order, writes, and is audited (AuditedModel) in one transaction.
"""

from datetime import date

from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.conscription.choices import Season, Stage
from shuangyong.conscription.models import Candidate, Quota, ReturnReason
from shuangyong.conscription.services.errors import ConscriptionError
from shuangyong.registry import idnumber

CANDIDATE_FIELDS = (
    "name",
    "region",
    "hukou",
    "phone",
    "education",
    "student_status",
    "political",
    "registered_on",
    "note",
)


def _locked(candidate: Candidate, user) -> Candidate:
    locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
    ensure_can_write(user, locked)
    return locked


def _not_before(day: date, earlier: date | None, what: str, earlier_what: str) -> None:
    if earlier and day < earlier:
        raise ConscriptionError(f"{what}日期（{day}）不能早于{earlier_what}日期（{earlier}）")


@transaction.atomic
def register_candidate(*, year: int, season: str, id_number: str, user, **fields) -> Candidate:
    """网上报名: a new candidate of one campaign; sex and birth date come from the ID number."""
    with actor_for(user):
        if season not in Season.values:
            raise ConscriptionError("批次须为春季或秋季")
        try:
            checked = idnumber.parse(id_number)
        except idnumber.IdNumberError as exc:
            raise ConscriptionError(str(exc)) from None
        if not fields.get("name"):
            raise ConscriptionError("请填写姓名")
        candidate = Candidate(
            year=year,
            season=season,
            id_number=checked.value,
            sex=checked.sex,
            birth_date=checked.birth_date,
            **{k: v for k, v in fields.items() if k in CANDIDATE_FIELDS},
        )
        if candidate.registered_on.year not in (year, year - 1):
            raise ConscriptionError(f"报名日期 {candidate.registered_on} 不在 {year} 年度征兵期内")
        ensure_can_write(user, candidate)
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError:
            raise ConscriptionError(
                f"身份证号 {checked.value} 已在 {year} 年{Season(season).label}征兵中报名，请在名单中查找"
            ) from None
        return candidate


@transaction.atomic
def record_exam(candidate: Candidate, *, on: date, passed: bool, user) -> Candidate:
    """体检: after registration; a failed exam ends the candidate's campaign."""
    with actor_for(user):
        c = _locked(candidate, user)
        if c.stage not in (Stage.REGISTERED, Stage.EXAMINED, Stage.EXAM_FAILED):
            raise ConscriptionError(f"{c.name}已进入“{c.get_stage_display()}”环节，不能再修改体检结果")
        _not_before(on, c.registered_on, "体检", "报名")
        c.exam_on, c.exam_passed = on, passed
        c.stage = Stage.EXAMINED if passed else Stage.EXAM_FAILED
        c.save()
        return c


@transaction.atomic
def record_review(candidate: Candidate, *, on: date, passed: bool, user) -> Candidate:
    """政治考核: only for candidates who passed the physical examination."""
    with actor_for(user):
        c = _locked(candidate, user)
        if c.stage not in (Stage.EXAMINED, Stage.REVIEWED, Stage.REVIEW_FAILED):
            raise ConscriptionError(f"{c.name}体检合格后才能登记政治考核（当前：{c.get_stage_display()}）")
        _not_before(on, c.registered_on, "政治考核", "报名")
        c.review_on, c.review_passed = on, passed
        c.stage = Stage.REVIEWED if passed else Stage.REVIEW_FAILED
        c.save()
        return c


@transaction.atomic
def approve_candidate(candidate: Candidate, *, on: date, user) -> Candidate:
    """审批定兵: only with a passed examination and a passed political review."""
    with actor_for(user):
        c = _locked(candidate, user)
        if not (c.exam_passed and c.review_passed) or c.stage != Stage.REVIEWED:
            raise ConscriptionError(f"{c.name}须体检合格且政治考核合格才能审批定兵（当前：{c.get_stage_display()}）")
        _not_before(on, c.exam_on, "审批定兵", "体检")
        _not_before(on, c.review_on, "审批定兵", "政治考核")
        c.approved_on, c.stage = on, Stage.APPROVED
        c.save()
        return c


@transaction.atomic
def dispatch_candidate(candidate: Candidate, *, on: date, military_unit: str, user, **member_fields):
    """输送（起运）: only after approval; the recruit becomes a serving member (义务兵) in the same step."""
    from shuangyong.conscription.services.members import enlist

    with actor_for(user):
        c = _locked(candidate, user)
        if c.stage != Stage.APPROVED:
            raise ConscriptionError(f"{c.name}尚未审批定兵，不能输送（当前：{c.get_stage_display()}）")
        _not_before(on, c.approved_on, "输送", "审批定兵")
        if not military_unit.strip():
            raise ConscriptionError("请填写入伍部队")
        c.dispatched_on, c.military_unit, c.stage = on, military_unit.strip(), Stage.DISPATCHED
        c.save()
        member = enlist(c, user=user, **member_fields)
        return c, member


@transaction.atomic
def return_recruit(candidate: Candidate, *, on: date, reason: ReturnReason, responsibility: str, user):
    """退兵: a dispatched recruit sent back; the member leaves service that day and is owed no 优待金."""
    from shuangyong.conscription.services.allowances import refresh_allowances

    with actor_for(user):
        c = _locked(candidate, user)
        if c.stage != Stage.DISPATCHED:
            raise ConscriptionError(f"{c.name}尚未输送，不能登记退兵（当前：{c.get_stage_display()}）")
        _not_before(on, c.dispatched_on, "退兵", "输送")
        if reason is None:
            raise ConscriptionError("请选择退兵原因")
        c.returned_on, c.return_reason, c.return_responsibility = on, reason, responsibility.strip()
        c.stage = Stage.RETURNED
        c.save()
        member = getattr(c, "member", None)
        if member is not None:
            member.discharge_date = on
            member.save()
            refresh_allowances(member, user=user, strict=False)
        return c


@transaction.atomic
def set_quota(region, *, year: int, season: str, quota: int, user) -> Quota:
    """征兵任务数 of a town for a campaign (set again to change it)."""
    with actor_for(user):
        row = Quota.objects.select_for_update().filter(region=region, year=year, season=season).first()
        if row is None:
            row = Quota(region=region, year=year, season=season, quota=quota)
        elif row.quota == quota:
            return row
        row.quota = quota
        ensure_can_write(user, row)
        row.save()
        return row
