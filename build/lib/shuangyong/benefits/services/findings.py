"""下发乡镇核实: the county office sends a town the open findings that the town must act on, with a date to act by.
The findings were the town's to see already; sending them puts them on its to-do list with that date."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.benefits.choices import OPEN_RUN_STATUSES, FindingState
from shuangyong.benefits.models import Finding
from shuangyong.benefits.services.engine import BenefitsError
from shuangyong.regions.codes import Level, level_of


def send_findings(findings, *, due: date, user) -> int:
    """Send the open findings of `findings` (a queryset the user may see) to their towns, due by `due`. A finding
    already sent with the same date is left as it is, so sending twice changes nothing. Returns how many changed."""
    today = timezone.localdate()
    if due < today:
        raise BenefitsError("核实时限不能早于今天")
    if not user.region_id or level_of(user.region_id) > Level.COUNTY:
        raise BenefitsError("只有县级（及以上）双拥办可以下发检查问题")
    with transaction.atomic(), actor_for(user):
        rows = findings.filter(state=FindingState.OPEN, run__status__in=OPEN_RUN_STATUSES).exclude(due=due)
        locked = list(Finding.objects.select_for_update().filter(pk__in=rows.values("pk")).order_by("pk"))
        for finding in locked:
            ensure_can_write(user, finding)
            if finding.region_id is None or level_of(finding.region_id) < Level.TOWN:
                raise BenefitsError(f"“{finding.message}”不属于任何乡镇，由县双拥办自行处理")
        Finding.objects.filter(pk__in=[f.pk for f in locked]).update(sent_on=today, due=due)
        return len(locked)
