"""The figures of 双拥活动 for the yearly summary, each for a region subtree or a member unit (the organiser).

Region scope: records placed in the subtree (activities by their region, cases by the person's region).
Unit scope: records whose organiser (activities, pairs) or handling unit (cases) is that unit.
Figures per activity kind, quantity kind, visit occasion and problem kind are catalogue families generated from
the code tables whenever the catalogue is listed, so a kind added as data gets its figure without code.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from shuangyong.activities.models import (
    Activity,
    ActivityKind,
    ActivityQuantity,
    CaseStatus,
    HelpCase,
    HelpStep,
    Occasion,
    Pair,
    ProblemKind,
    QuantityKind,
    VisitRecipient,
)
from shuangyong.figures.catalogue import Figure, Scope, cached, register, register_family, yuan
from shuangyong.units.models import PartnerKind

BOTH = frozenset({"region", "unit"})


def activity_q(scope: Scope, prefix: str = "") -> Q:
    """Activities of the scope's year, in its region subtree or organised by its unit."""
    where = scope.in_region(f"{prefix}region") if scope.is_region else Q(**{f"{prefix}organiser__code": scope.unit})
    return where & scope.in_year(f"{prefix}date")


def activities(scope: Scope):
    return Activity.objects.filter(activity_q(scope))


def households(scope: Scope, occasion: str | None = None):
    """Households visited (persons of the registry and households named by hand; not 驻军 units)."""
    qs = VisitRecipient.objects.filter(activity_q(scope, "activity__"), garrison__isnull=True)
    return qs.filter(activity__occasion_id=occasion) if occasion else qs


def pairs(scope: Scope):
    """Pairs in force at some time of the year."""
    where = scope.in_region("region") if scope.is_region else Q(organiser__code=scope.unit)
    return Pair.objects.filter(where, since__lte=scope.end).filter(Q(until__isnull=True) | Q(until__gte=scope.start))


def cases(scope: Scope):
    where = scope.in_region("person__region") if scope.is_region else Q(unit__code=scope.unit)
    return HelpCase.objects.filter(where)


def _number(total) -> int | Decimal:
    total = Decimal(total or 0)
    return int(total) if total == total.to_integral_value() else total.normalize()


def _fen_sum(qs, field: str = "money_fen") -> Decimal:
    return yuan(qs.aggregate(total=Sum(field))["total"])


def _add(key, label, unit, section, value, records, source) -> None:
    register(Figure(key, label, unit, section, value, source, records, BOTH))


# -- fixed figures ------------------------------------------------------------------------------------------------

_add(
    "activities.count",
    "双拥活动次数",
    "次",
    "support",
    lambda s: activities(s).count(),
    activities,
    "双拥活动：本年登记的各类活动",
)
_add(
    "activities.money",
    "双拥活动投入金额",
    "元",
    "support",
    lambda s: _fen_sum(activities(s)),
    activities,
    "双拥活动：本年活动金额合计（不含慰问金明细）",
)
_add(
    "activities.visits.households",
    "慰问户数",
    "户",
    "support",
    lambda s: households(s).count(),
    households,
    "慰问对象：本年慰问的优抚对象及军属户（按户次计）",
)
_add(
    "activities.visits.money",
    "慰问金总额",
    "元",
    "support",
    lambda s: _fen_sum(VisitRecipient.objects.filter(activity_q(s, "activity__"))),
    lambda s: VisitRecipient.objects.filter(activity_q(s, "activity__")),
    "慰问对象：本年发放给各户及驻军单位的慰问金",
)
_add(
    "activities.visits.garrisons",
    "慰问驻军单位次数",
    "次",
    "support",
    lambda s: VisitRecipient.objects.filter(activity_q(s, "activity__"), garrison__isnull=False).count(),
    lambda s: VisitRecipient.objects.filter(activity_q(s, "activity__"), garrison__isnull=False),
    "慰问对象：本年慰问驻军单位（单位次）",
)
_add(
    "activities.pairs",
    "军民共建对子数",
    "个",
    "coconstruction",
    lambda s: pairs(s).count(),
    pairs,
    "军民共建对子：本年内处于共建状态的对子",
)
_add(
    "activities.pairs.activities",
    "共建对子活动次数",
    "次",
    "coconstruction",
    lambda s: activities(s).filter(pair__isnull=False).count(),
    lambda s: activities(s).filter(pair__isnull=False),
    "双拥活动：本年登记在共建对子名下的活动",
)
for _kind, _name in PartnerKind.choices:
    _add(
        f"activities.pairs.{_kind}",
        f"{_name}共建对子数",
        "个",
        "coconstruction",
        lambda s, k=_kind: pairs(s).filter(partner__partner_kind=k).count(),
        lambda s, k=_kind: pairs(s).filter(partner__partner_kind=k),
        f"军民共建对子：地方一方为{_name}",
    )
_add(
    "activities.cases",
    "帮扶件数",
    "件",
    "support",
    lambda s: cases(s).filter(s.in_year("opened")).count(),
    lambda s: cases(s).filter(s.in_year("opened")),
    "帮扶事项：本年受理",
)
_add(
    "activities.cases.money",
    "帮扶金额",
    "元",
    "support",
    lambda s: _fen_sum(HelpStep.objects.filter(case__in=cases(s), date__year=s.year)),
    lambda s: HelpStep.objects.filter(case__in=cases(s), date__year=s.year),
    "帮扶办理步骤：本年拨付的金额",
)
_add(
    "activities.cases.closed",
    "已办结帮扶件数",
    "件",
    "support",
    lambda s: cases(s).filter(s.in_year("closed"), status=CaseStatus.CLOSED).count(),
    lambda s: cases(s).filter(s.in_year("closed"), status=CaseStatus.CLOSED),
    "帮扶事项：本年办结",
)
_add(
    "activities.cases.open",
    "年末在办帮扶件数",
    "件",
    "support",
    lambda s: cases(s).filter(opened__lte=s.end).filter(Q(closed__isnull=True) | Q(closed__gt=s.end)).count(),
    lambda s: cases(s).filter(opened__lte=s.end).filter(Q(closed__isnull=True) | Q(closed__gt=s.end)),
    "帮扶事项：截至年末尚未办结",
)


# -- figures generated from the code tables (catalogue families: a row added as data gets its figure) -------------


def _figure(key, label, unit, section, value, records, source) -> Figure:
    return Figure(key, label, unit, section, value, source, records, BOTH)


def _kind_counts(scope: Scope) -> dict[str, int]:
    """One grouped count answers every activity-kind figure of a scope."""
    rows = activities(scope).values("kind_id").annotate(n=Count("id")).values_list("kind_id", "n")
    return cached(("activities.kind_counts", scope), lambda: dict(rows))


def _quantity_totals(scope: Scope) -> dict[str, Decimal]:
    rows = (
        ActivityQuantity.objects.filter(activity_q(scope, "activity__"))
        .values("kind_id")
        .annotate(total=Sum("amount"))
        .values_list("kind_id", "total")
    )
    return cached(("activities.quantity_totals", scope), lambda: dict(rows))


def kind_figures():
    for code, label, section in ActivityKind.objects.values_list("code", "figure_label", "section"):
        yield _figure(
            f"activities.kind.{code}",
            label,
            "次",
            section,
            lambda s, c=code: _kind_counts(s).get(c, 0),
            lambda s, c=code: activities(s).filter(kind_id=c),
            f"双拥活动：类别为“{label.removesuffix('次数')}”的活动",
        )


def quantity_figures():
    for code, name, unit, label, section in QuantityKind.objects.values_list(
        "code", "name", "unit", "figure_label", "section"
    ):
        yield _figure(
            f"activities.quantity.{code}",
            label,
            unit,
            section,
            lambda s, c=code: _number(_quantity_totals(s).get(c)),
            lambda s, c=code: ActivityQuantity.objects.filter(activity_q(s, "activity__"), kind_id=c),
            f"活动计量：“{name}（{unit}）”合计",
        )


def occasion_figures():
    for code, name in Occasion.objects.filter(report_visits=True).values_list("code", "name"):
        yield _figure(
            f"activities.visits.{code}.households",
            f"{name}慰问户数",
            "户",
            "support",
            lambda s, c=code: households(s, c).count(),
            lambda s, c=code: households(s, c),
            f"慰问对象：时机为“{name}”的慰问（按户次计）",
        )
        yield _figure(
            f"activities.visits.{code}.money",
            f"{name}慰问金额",
            "元",
            "support",
            lambda s, c=code: _fen_sum(households(s, c)),
            lambda s, c=code: households(s, c),
            f"慰问对象：时机为“{name}”发放到户的慰问金",
        )


def problem_figures():
    for code, name in ProblemKind.objects.values_list("code", "name"):
        yield _figure(
            f"activities.cases.kind.{code}",
            f"{name}帮扶件数",
            "件",
            "support",
            lambda s, c=code: cases(s).filter(s.in_year("opened"), kind_id=c).count(),
            lambda s, c=code: cases(s).filter(s.in_year("opened"), kind_id=c),
            f"帮扶事项：本年受理的“{name}”",
        )


register_family("activities.kind.", kind_figures)
register_family("activities.quantity.", quantity_figures)
register_family("activities.visits.", occasion_figures)
register_family("activities.cases.kind.", problem_figures)
