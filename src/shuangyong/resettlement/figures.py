"""Figures of 退役军人安置 for the summary and the index page: arrivals of the year (by arrival date) in a region.

Late reporting and overdue placement are judged as of today (a December arrival of last year still unreported
is late now). 安置率 = placed ÷ due (domain.md §4: no official definition).
"""

from django.db.models import Sum
from django.utils import timezone

from shuangyong.benefits.models import PaymentLine
from shuangyong.benefits.services.grants import PAID_STATUSES
from shuangyong.reports.catalogue import Figure, register, share, yuan
from shuangyong.resettlement.models import Arrival
from shuangyong.resettlement.reference import shipped_rows

SECTION = "resettlement"
SOURCE = "退役士兵花名册（按到达安置地日期计年度）"


def arrivals(scope):
    return Arrival.objects.filter(scope.in_region("region_id")).in_year(scope.year)


def _count(records):
    return lambda scope: records(scope).count()


def placed(scope):
    return arrivals(scope).placed()


def late(scope):
    return arrivals(scope).late_reporting(timezone.localdate())


def overdue(scope):
    return arrivals(scope).overdue_placement(timezone.localdate())


def with_grant(scope):
    return arrivals(scope).filter(grant__isnull=False)


def grant_total(scope):
    return yuan(with_grant(scope).aggregate(total=Sum("grant__amount_fen"))["total"])


def grant_paid(scope):
    lines = PaymentLine.objects.filter(
        grant__in=with_grant(scope).values("grant_id"), failed=False, run__status__in=PAID_STATUSES
    )
    return yuan(lines.aggregate(total=Sum("amount_fen"))["total"])


def _by_method(code):
    return lambda scope: arrivals(scope).filter(method_id=code)


def rate(scope):
    return share(placed(scope).count(), arrivals(scope).count())


for key, label, unit, value, records, source in (
    ("due", "应安置退役士兵人数", "人", _count(arrivals), arrivals, SOURCE),
    ("placed", "已安置退役士兵人数", "人", _count(placed), placed, f"{SOURCE}：已报到，安排工作的已上岗"),
    ("rate", "退役士兵安置率", "%", rate, placed, f"{SOURCE}：已安置人数 ÷ 应安置人数"),
    ("late_reporting", "逾期报到人数", "人", _count(late), late, f"{SOURCE}：到达后超过报到期限未报到或逾期报到"),
    (
        "overdue_placement",
        "安排工作逾期未上岗人数",
        "人",
        _count(overdue),
        overdue,
        f"{SOURCE}：超过上岗期限",
    ),
    ("grant_total", "一次性经济补助核定金额", "元", grant_total, with_grant, f"{SOURCE}：已核定的一次性经济补助"),
    ("grant_paid", "一次性经济补助已发放金额", "元", grant_paid, with_grant, "已审批发放批次中的一次性经济补助"),
):
    register(
        Figure(
            key=f"resettlement.{key}",
            label=label,
            unit=unit,
            section=SECTION,
            value=value,
            records=records,
            source=source,
        )
    )

# one count per 安置方式 of the shipped table (自主就业人数, 安排工作人数 ...)
for row in shipped_rows("methods.csv"):
    records = _by_method(row["code"])
    register(
        Figure(
            key=f"resettlement.method.{row['code']}",
            label=f"{row['name']}人数",
            unit="人",
            section=SECTION,
            value=_count(records),
            records=records,
            source=f"{SOURCE}：安置方式为{row['name']}",
        )
    )
