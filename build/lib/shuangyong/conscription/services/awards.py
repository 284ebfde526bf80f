"""立功受奖 (awards and their rewards), 送喜报, and the county's money tables for them."""

from datetime import date

from django.db import transaction

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ScopeDenied, ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.conscription.models import Award, AwardKind, HonorDelivery, MeritIncrement, MeritReward, ServiceMember
from shuangyong.conscription.services.allowances import refresh_allowances
from shuangyong.conscription.services.errors import ConscriptionError


@transaction.atomic
def record_award(
    member: ServiceMember, *, kind: AwardKind, awarded_on: date, military_unit: str, note: str = "", user
) -> Award:
    """立功受奖: recorded, then the reward and the 优待金 of that service year are worked out again."""
    with actor_for(user):
        m = ServiceMember.objects.select_for_update().get(pk=member.pk)
        ensure_can_write(user, m)
        if awarded_on < m.enlistment_date:
            raise ConscriptionError(f"授予日期（{awarded_on}）不能早于入伍日期（{m.enlistment_date}）")
        if m.discharge_date and awarded_on > m.discharge_date:
            raise ConscriptionError(f"授予日期（{awarded_on}）晚于退出现役日期（{m.discharge_date}）")
        if not military_unit.strip():
            raise ConscriptionError("请填写授予单位")
        award = Award(member=m, kind=kind, awarded_on=awarded_on, military_unit=military_unit.strip(), note=note)
        award.save()
        refresh_allowances(m, user=user, on=awarded_on, strict=False)
        award.refresh_from_db()
        return award


@transaction.atomic
def deliver_honor(award: Award, *, on: date, delivered_by: str, note: str = "", user) -> HonorDelivery:
    """送喜报 to the family: when and by which leaders and units (recorded again to correct it)."""
    with actor_for(user):
        a = Award.objects.select_for_update().select_related("member").get(pk=award.pk)
        ensure_can_write(user, a)
        if on < a.awarded_on:
            raise ConscriptionError(f"送喜报日期（{on}）不能早于授予日期（{a.awarded_on}）")
        if not delivered_by.strip():
            raise ConscriptionError("请填写送喜报的领导及单位")
        delivery = HonorDelivery.objects.filter(award=a).first() or HonorDelivery(award=a)
        values = {"delivered_on": on, "delivered_by": delivered_by.strip(), "note": note}
        if delivery.pk and all(getattr(delivery, k) == v for k, v in values.items()):
            return delivery
        for k, v in values.items():
            setattr(delivery, k, v)
        delivery.save()
        return delivery


def _ensure_may_manage(user, row) -> None:
    if not user.can(Cap.MANAGE_STANDARDS):
        raise ScopeDenied("您的角色无权维护优待金与奖励标准")
    ensure_can_write(user, row)


@transaction.atomic
def save_increment(*, award_kind, region, valid_from: date, increment_bp: int, note: str = "", user):
    """优待金立功增发比例 for an award kind in a region from a date (saving the same key again changes it)."""
    with actor_for(user):
        if increment_bp < 0 or increment_bp > 100000:
            raise ConscriptionError("增发比例须在 0% 至 1000% 之间")
        row = MeritIncrement.objects.filter(award_kind=award_kind, region=region, valid_from=valid_from).first()
        row = row or MeritIncrement(award_kind=award_kind, region=region, valid_from=valid_from)
        _ensure_may_manage(user, row)
        if row.pk and row.increment_bp == increment_bp and row.note == note:
            return row
        row.increment_bp, row.note = increment_bp, note
        row.save()
        return row


@transaction.atomic
def save_reward(*, award_kind, region, valid_from: date, amount_fen: int, note: str = "", user):
    """立功受奖奖励标准 (元) for an award kind in a region from a date."""
    with actor_for(user):
        if amount_fen < 0:
            raise ConscriptionError("奖励金额不能为负数")
        row = MeritReward.objects.filter(award_kind=award_kind, region=region, valid_from=valid_from).first()
        row = row or MeritReward(award_kind=award_kind, region=region, valid_from=valid_from)
        _ensure_may_manage(user, row)
        if row.pk and row.amount_fen == amount_fen and row.note == note:
            return row
        row.amount_fen, row.note = amount_fen, note
        row.save()
        return row
