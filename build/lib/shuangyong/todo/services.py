"""A region's own calendar: the dates of a season there (replacing the shipped ones of the same key for the region
and below), and back to the shipped dates. Only those who manage the region's settings; audited."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.errors import RuleError
from shuangyong.regions.models import Region
from shuangyong.todo.models import CalendarDate


class CalendarError(RuleError):
    pass


def set_season(region: Region, *, key: str, label: str, start: date, end: date, every_year: bool, user) -> CalendarDate:
    """The region's dates for a season (an every-year season keeps only month and day)."""
    if not user.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied("您的角色不能维护工作日历")
    if not label.strip():
        raise CalendarError("请填写事项名称", field="label")
    if every_year:
        start, end = start.replace(year=2000), end.replace(year=2000)  # a leap year: 2月29日 too
    if end < start:
        raise CalendarError("结束日期不能早于开始日期（跨年的安排请分成两段）", field="end")
    with transaction.atomic(), actor_for(user):
        row = CalendarDate.objects.select_for_update().filter(region=region, key=key).first()
        row = row or CalendarDate(region=region, key=key)
        row.label, row.start, row.end, row.every_year = label.strip(), start, end, every_year
        if not row.link:
            shipped = CalendarDate.objects.filter(region__isnull=True, key=key).first()
            row.link = shipped.link if shipped else ""
        row.source = row.source or f"{region.name}自定"
        ensure_can_write(user, row)
        row.save()
        return row


def drop_season(row: CalendarDate, *, user) -> None:
    """Back to the shipped dates: the region's own row removed."""
    if not user.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied("您的角色不能维护工作日历")
    with transaction.atomic(), actor_for(user):
        current = CalendarDate.objects.select_for_update().get(pk=row.pk)
        if current.region_id is None:
            raise CalendarError("全国通用的安排不能删除，可为本地另设日期")
        ensure_can_write(user, current)
        current.delete()
