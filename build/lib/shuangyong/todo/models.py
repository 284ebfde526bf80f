"""The year's calendar of 双拥 work (春节 and 八一 visit seasons, 征兵 campaigns, the 创建 self-assessment ...) as
data: shipped rows for the whole country, and rows of a region that replace the shipped one of the same key."""

import calendar
from datetime import date

from django.db import models

from shuangyong.audit.mixins import AuditedModel


class CalendarDate(AuditedModel):
    """A season of work. `every_year`: the month and day of start and end repeat each year (the year stored is
    ignored); otherwise the row is for its own year only (春节 follows the lunar calendar: one row a year)."""

    key = models.SlugField("代码", max_length=40)
    label = models.CharField("事项", max_length=60)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="区划",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="空：全国通用；填写：本区划及以下使用，替代同代码的通用安排",
    )
    start = models.DateField("开始")
    end = models.DateField("结束")
    every_year = models.BooleanField("每年相同", default=True)
    link = models.CharField("相关页面", max_length=120, blank=True)
    source = models.CharField("依据", max_length=120, blank=True)

    scope_region_field = "region"
    scope_read_ancestors = True

    class Meta:
        verbose_name = "工作日历"
        verbose_name_plural = "工作日历"
        ordering = ["start", "key"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="calendar_end_after_start"),
        ]

    def __str__(self):
        return f"{self.label}（{self.start:%m-%d}至{self.end:%m-%d}）"

    def in_year(self, year: int) -> tuple[date, date] | None:
        """The season's dates in `year` (None: a dated row of another year)."""
        if not self.every_year:
            return (self.start, self.end) if self.start.year == year else None
        return _same_day_in(self.start, year), _same_day_in(self.end, year)


def _same_day_in(day: date, year: int) -> date:
    """The month and day in `year`; 2月29日 is the 28th in a year without it."""
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)
