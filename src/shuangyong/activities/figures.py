"""The figures of 双拥活动 for the yearly summary, each for a region subtree or a member unit (the organiser).

Region scope: records placed in the subtree (activities by their region, cases by the person's region).
Unit scope: records whose organiser (activities, pairs) or handling unit (cases) is that unit.
Figures per activity kind, per quantity kind and per visit occasion are generated from the code tables: the
shipped rows at start-up, and a kind added later as data when it is saved (and in every process at its first
request), so a new quantity kind gets its figure without code.
"""

from contextlib import suppress
from decimal import Decimal

from django.core.signals import request_started
from django.db.models import Q, Sum
from django.db.models.signals import post_save

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
from shuangyong.activities.services.codes import shipped_rows
from shuangyong.reports.catalogue import CatalogueError, Figure, Scope, get, register, yuan
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
    try:
        get(key)
    except CatalogueError:
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


# -- figures generated from the code tables -----------------------------------------------------------------------


def _kind_figure(code: str, label: str, section: str) -> None:
    _add(
        f"activities.kind.{code}",
        label,
        "次",
        section,
        lambda s: activities(s).filter(kind_id=code).count(),
        lambda s: activities(s).filter(kind_id=code),
        f"双拥活动：类别为“{code}”的活动",
    )


def _quantity_records(scope: Scope, code: str):
    return ActivityQuantity.objects.filter(activity_q(scope, "activity__"), kind_id=code)


def _quantity_figure(code: str, label: str, unit: str, section: str) -> None:
    _add(
        f"activities.quantity.{code}",
        label,
        unit,
        section,
        lambda s: _number(_quantity_records(s, code).aggregate(total=Sum("amount"))["total"]),
        lambda s: _quantity_records(s, code),
        f"活动计量：计量项目“{code}”合计",
    )


def _occasion_figures(code: str, name: str) -> None:
    _add(
        f"activities.visits.{code}.households",
        f"{name}慰问户数",
        "户",
        "support",
        lambda s: households(s, code).count(),
        lambda s: households(s, code),
        f"慰问对象：时机为“{name}”的慰问（按户次计）",
    )
    _add(
        f"activities.visits.{code}.money",
        f"{name}慰问金额",
        "元",
        "support",
        lambda s: _fen_sum(households(s, code)),
        lambda s: households(s, code),
        f"慰问对象：时机为“{name}”发放到户的慰问金",
    )


def _problem_figure(code: str, name: str) -> None:
    _add(
        f"activities.cases.kind.{code}",
        f"{name}帮扶件数",
        "件",
        "support",
        lambda s: cases(s).filter(s.in_year("opened"), kind_id=code).count(),
        lambda s: cases(s).filter(s.in_year("opened"), kind_id=code),
        f"帮扶事项：本年受理的“{name}”",
    )


def register_code_figures(kinds=(), quantities=(), occasions=(), problems=()) -> None:
    for row in kinds:
        _kind_figure(row["code"], row["figure_label"], row["section"])
    for row in quantities:
        _quantity_figure(row["code"], row["figure_label"], row["unit"], row["section"])
    for row in occasions:
        if row["report_visits"]:
            _occasion_figures(row["code"], row["name"])
    for row in problems:
        _problem_figure(row["code"], row["name"])


register_code_figures(
    shipped_rows("ActivityKind"), shipped_rows("QuantityKind"), shipped_rows("Occasion"), shipped_rows("ProblemKind")
)


def sync_code_figures() -> None:
    """Figures for code-table rows added as data after the shipped ones."""
    register_code_figures(
        ActivityKind.objects.values("code", "figure_label", "section"),
        QuantityKind.objects.values("code", "figure_label", "unit", "section"),
        Occasion.objects.values("code", "name", "report_visits"),
        ProblemKind.objects.values("code", "name"),
    )


def _on_code_saved(sender, instance, **kwargs):
    sync_code_figures()


def _on_first_request(**kwargs):
    request_started.disconnect(_on_first_request, dispatch_uid="activities-figures")
    with suppress(Exception):  # a database not yet migrated: the shipped figures stand
        sync_code_figures()


for _model in (ActivityKind, QuantityKind, Occasion, ProblemKind):
    post_save.connect(_on_code_saved, sender=_model, dispatch_uid=f"activities-figures-{_model.__name__}")
request_started.connect(_on_first_request, dispatch_uid="activities-figures")
