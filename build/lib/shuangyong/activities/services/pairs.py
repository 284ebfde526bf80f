"""军民共建对子: pairing a local partner with a 驻军 unit, and ending the pairing."""

from datetime import date

from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.activities.models import Pair, PairStatus
from shuangyong.activities.services.records import ActivitiesError
from shuangyong.audit.context import actor_for
from shuangyong.units.models import Unit, UnitKind


def open_pair(
    *, partner: Unit, garrison: Unit, since: date, organiser: Unit | None = None, agreement="", note="", user
) -> Pair:
    if partner.kind != UnitKind.PARTNER:
        raise ActivitiesError(f"“{partner.name}”不是共建单位（村、社区、学校、企业、机关）")
    if garrison.kind != UnitKind.GARRISON:
        raise ActivitiesError(f"“{garrison.name}”不是驻军单位")
    if organiser is not None and organiser.kind != UnitKind.MEMBER:
        raise ActivitiesError(f"牵头单位“{organiser.name}”不是成员单位")
    pair = Pair(
        partner=partner,
        garrison=garrison,
        region_id=partner.region_id,
        organiser=organiser,
        since=since,
        agreement=(agreement or "").strip(),
        note=(note or "").strip(),
    )
    with transaction.atomic(), actor_for(user):
        ensure_can_write(user, pair)
        try:
            with transaction.atomic():
                pair.save()
        except IntegrityError:
            raise ActivitiesError(f"{partner.name} 与 {garrison.name} 已是共建对子") from None
    return pair


def end_pair(pair: Pair, *, on: date, note: str = "", user) -> Pair:
    with transaction.atomic(), actor_for(user):
        locked = Pair.objects.select_for_update().get(pk=pair.pk)
        ensure_can_write(user, locked)
        if locked.status == PairStatus.ENDED:
            raise ActivitiesError("该共建对子已终止")
        if on < locked.since:
            raise ActivitiesError(f"终止日期不能早于结对日期 {locked.since:%Y-%m-%d}")
        locked.status, locked.until = PairStatus.ENDED, on
        if note:
            locked.note = note.strip()
        locked.save()
        return locked
