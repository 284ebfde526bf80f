"""Demo: one 2025 summary draft for the county, so the 工作总结 page has something to open (generating it
takes well under a second at the demo's size). Staff generate 2026's themselves."""

from datetime import date

from shuangyong.accounts.models import User
from shuangyong.audit.context import acting_as
from shuangyong.figures.catalogue import Scope
from shuangyong.regions.models import Region
from shuangyong.reports.models import SummaryDraft
from shuangyong.reports.summary.drafts import create_draft

AUTHOR = "syb"
YEAR = 2025


def build(county: Region, today: date) -> None:
    if SummaryDraft.objects.filter(year=YEAR, region=county).exists():
        return  # idempotent: the demo's draft (possibly edited since) is kept
    author = User.objects.filter(username=AUTHOR).first()
    if author is None:
        return
    with acting_as(author, "演示数据"):
        create_draft(Scope(YEAR, region=county.code), with_plan=True, user=author)
