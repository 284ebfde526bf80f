"""Figures of 退役军人安置 for the summary and the index page: arrivals of the year (by arrival date) in a region.

Late reporting and overdue placement are judged as of today (a December arrival of last year still unreported
is late now). 安置率 = placed ÷ due (domain.md §4: no official definition).
"""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from shuangyong.benefits.models import PaymentLine
from shuangyong.benefits.services.grants import PAID_STATUSES
from shuangyong.figures.catalogue import Figure, cached, register, register_family, share, yuan
from shuangyong.figures.examples import Example, register_examples
from shuangyong.figures.names import named
from shuangyong.resettlement.models import Arrival, Method

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
    return arrivals(scope).filter(Q(grant__isnull=False) | Q(paid_before_system_fen__isnull=False))


def paid_before(scope) -> int:
    """一次性经济补助 paid before this system took over the payments (entered with the arrival)."""
    return arrivals(scope).aggregate(total=Sum("paid_before_system_fen"))["total"] or 0


def grant_total(scope):
    return yuan((with_grant(scope).aggregate(total=Sum("grant__amount_fen"))["total"] or 0) + paid_before(scope))


def grant_paid(scope):
    lines = PaymentLine.objects.filter(
        grant__in=with_grant(scope).values("grant_id"), failed=False, run__status__in=PAID_STATUSES
    )
    return yuan((lines.aggregate(total=Sum("amount_fen"))["total"] or 0) + paid_before(scope))


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
        "安排工作逾期上岗人数",
        "人",
        _count(overdue),
        overdue,
        f"{SOURCE}：超过上岗期限仍未上岗或逾期上岗",
    ),
    (
        "grant_total",
        "一次性经济补助核定金额",
        "元",
        grant_total,
        with_grant,
        f"{SOURCE}：已核定的一次性经济补助（含系统外已发放）",
    ),
    (
        "grant_paid",
        "一次性经济补助已发放金额",
        "元",
        grant_paid,
        with_grant,
        "已审批发放批次中的一次性经济补助，加系统外已发放金额",
    ),
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


def _method_counts(scope) -> dict:
    """Arrivals per 安置方式, one grouped query shared by the family's figures within a memo() block."""
    rows = arrivals(scope).order_by().values_list("method_id").annotate(n=Count("id"))
    return cached(("resettlement.methods", scope), lambda: dict(rows))


def method_figures():
    """One count per 安置方式 of the code table (自主就业人数, 安排工作人数 ...)."""
    for code, name in Method.objects.values_list("code", "name"):
        yield Figure(
            key=f"resettlement.method.{code}",
            label=f"{name}人数",
            unit="人",
            section=SECTION,
            value=lambda scope, code=code: _method_counts(scope).get(code, 0),
            records=_by_method(code),
            source=f"{SOURCE}：安置方式为{name}",
        )


register_family("resettlement.method.", method_figures)


def _placement_examples(scope) -> list[Example]:
    if not scope.is_region:
        return []
    rows = (
        placed(scope)
        .filter(employer__isnull=False)
        .select_related("person", "employer")
        .order_by("-placed_on", "pk")[:2]
    )
    return [
        Example(f"退役士兵{named(arrival.person.name, scope)}安排到{arrival.employer.name}工作", "resettlement.placed")
        for arrival in rows
    ]


register_examples("resettlement", "resettlement.placements", _placement_examples)
