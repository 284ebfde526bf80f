"""The figures of 双拥活动 for the yearly summary, each for a region subtree or a member unit (the organiser).

Region scope: records placed in the subtree (activities by their region, cases by the person's region).
Unit scope: records whose organiser (activities, pairs) or handling unit (cases) is that unit.
Figures per activity kind, quantity kind, visit occasion and problem kind are catalogue families generated from
the code tables whenever the catalogue is listed, so a kind added as data gets its figure without code.
"""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum

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
from shuangyong.figures.examples import Example, money_text, register_examples
from shuangyong.figures.names import named
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


# -- named examples for the summary (figures.examples): a few rows each, the largest or most recent first ----------


def _recipient(visit: VisitRecipient, scope: Scope) -> str:
    if visit.person_id:
        return named(visit.person.name, scope)
    return named(visit.household, scope) if visit.household else "一户军属"


def _visit_examples(scope: Scope) -> list[Example]:
    """The largest visits, those of one occasion and one amount said together ("走访慰问A、B，各送去慰问金800元")."""
    rows = (
        households(scope)
        .filter(money_fen__gt=0)
        .select_related("person", "activity__occasion")
        .order_by("-money_fen", "-activity__date", "pk")[:3]
    )
    groups: dict[tuple, list[VisitRecipient]] = {}
    for visit in rows:
        groups.setdefault((visit.activity.occasion_id, visit.money_fen), []).append(visit)
    found = []
    for (_occasion, fen), visits in list(groups.items())[:2]:
        first = visits[0].activity
        occasion = first.occasion.name if first.occasion_id else ""
        if occasion == "八一":
            occasion = "“八一”"
        when = f"{occasion}期间" if occasion else f"{first.date.month}月"
        who = "、".join(_recipient(visit, scope) for visit in visits)
        each = "各" if len(visits) > 1 else ""
        gifts = f"和{visits[0].gifts}" if len(visits) == 1 and visits[0].gifts else ""
        found.append(
            Example(f"{when}走访慰问{who}，{each}送去慰问金{money_text(fen)}{gifts}", "activities.visits.households")
        )
    return found


def _garrison_visit_examples(scope: Scope) -> list[Example]:
    rows = (
        VisitRecipient.objects.filter(activity_q(scope, "activity__"), garrison__isnull=False, money_fen__gt=0)
        .select_related("garrison", "activity__occasion")
        .order_by("-money_fen", "pk")[:1]
    )
    return [
        Example(
            f"慰问驻军{visit.garrison.name}，送去慰问金{money_text(visit.money_fen)}", "activities.visits.garrisons"
        )
        for visit in rows
    ]


def _troops(activity: Activity) -> str:
    amounts = {q.kind_id: q.amount for q in activity.quantities.all()}
    parts = [f"出动官兵{_number(amounts['troops'])}人次"] if amounts.get("troops") else []
    if amounts.get("vehicles"):
        parts.append(f"车辆{_number(amounts['vehicles'])}台次")
    return "、".join(parts)


def _army_help_examples(scope: Scope) -> list[Example]:
    rows = (
        activities(scope)
        .filter(kind__section="civil")
        .annotate(troops=Sum("quantities__amount", filter=Q(quantities__kind_id="troops")))
        .prefetch_related("garrison_units", "quantities")
        .order_by(F("troops").desc(nulls_last=True), "-date", "pk")[:2]
    )
    found = []
    for activity in rows:
        who = "、".join(unit.name for unit in activity.garrison_units.all()) or "驻地部队"
        done = _troops(activity) or "参加"
        found.append(
            Example(f"{activity.date.month}月{activity.title}，{who}{done}", f"activities.kind.{activity.kind_id}")
        )
    return found


def _culture_examples(scope: Scope) -> list[Example]:
    rows = (
        activities(scope)
        .filter(kind_id__in=("performance", "film", "books"), garrison_units__isnull=False)
        .distinct()
        .prefetch_related("garrison_units")
        .order_by("-date", "pk")[:1]
    )
    return [
        Example(
            f"{activity.title}，走进{'、'.join(u.name for u in activity.garrison_units.all())}",
            f"activities.kind.{activity.kind_id}",
        )
        for activity in rows
    ]


def _case_examples(scope: Scope) -> list[Example]:
    rows = (
        cases(scope)
        .filter(status=CaseStatus.CLOSED, closed__gte=scope.start, closed__lte=scope.end)
        .exclude(outcome="")
        .select_related("person", "kind")
        .order_by("-money_fen", "-closed", "pk")[:1]
    )
    return [
        Example(
            f"为{named(case.person.name, scope)}办理{case.kind.name}帮扶，{case.outcome.rstrip('。')}",
            "activities.cases.closed",
        )
        for case in rows
    ]


def _pair_examples(scope: Scope) -> list[Example]:
    rows = pairs(scope).select_related("partner", "garrison").order_by("-since", "pk")[:2]
    return [Example(f"{pair.partner.name}与{pair.garrison.name}结成共建对子", "activities.pairs") for pair in rows]


def _publicity_examples(scope: Scope) -> list[Example]:
    rows = (
        activities(scope)
        .filter(kind__section="publicity")
        .annotate(materials=Sum("quantities__amount", filter=Q(quantities__kind_id="materials")))
        .order_by(F("materials").desc(nulls_last=True), "-date", "pk")[:1]
    )
    return [
        Example(
            f"{activity.date.month}月开展{activity.title}"
            + (f"，发放宣传材料{_number(activity.materials)}份" if activity.materials else ""),
            f"activities.kind.{activity.kind_id}",
        )
        for activity in rows
    ]


register_examples("support", "activities.1.visits", _visit_examples)
register_examples("support", "activities.2.garrisons", _garrison_visit_examples)
register_examples("support", "activities.3.culture", _culture_examples)
register_examples("support", "activities.4.cases", _case_examples)
register_examples("civil", "activities.army_help", _army_help_examples)
register_examples("coconstruction", "activities.pairs", _pair_examples)
register_examples("publicity", "activities.publicity", _publicity_examples)
