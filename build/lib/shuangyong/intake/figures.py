"""The summary reader's figures (section 档案资料): summaries read and items confirmed, per year and scope.

A document counts in its year (SummaryDocument.year, read from the text or set by staff), placed by its region
(region scope: the subtree) or its reporting unit (unit scope); documents without a year count nowhere.
"""

from django.db.models import Q

from shuangyong.figures.catalogue import Figure, Scope, register
from shuangyong.intake.models import ExtractedItem, ItemStatus, SummaryDocument

BOTH = frozenset({"region", "unit"})


def documents(scope: Scope):
    where = scope.in_region("region") if scope.is_region else Q(unit__code=scope.unit)
    return SummaryDocument.objects.filter(where, year=scope.year)


def confirmed_items(scope: Scope):
    return ExtractedItem.objects.filter(document__in=documents(scope), status=ItemStatus.CONFIRMED)


register(
    Figure(
        key="intake.documents",
        label="识读工作总结份数",
        unit="份",
        section="archive",
        value=lambda scope: documents(scope).count(),
        records=documents,
        source="总结识读：上传识读的本年度工作总结（按所属区划或报送单位）",
        scopes=BOTH,
    )
)
register(
    Figure(
        key="intake.confirmed_items",
        label="总结中核对确认的数字和活动",
        unit="条",
        section="archive",
        value=lambda scope: confirmed_items(scope).count(),
        records=confirmed_items,
        source="总结识读：本年度总结中经核对确认的数字和活动条目",
        scopes=BOTH,
    )
)
