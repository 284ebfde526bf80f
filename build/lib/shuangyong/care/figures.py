"""What 优待服务与关爱 offers to the yearly summary: one count per service kind (and its money where the kind takes
money) in the kind's own section, the 烈士纪念设施 and their 祭扫, and 双拥经费 by purpose (section 组织领导).
Kinds and purposes are code tables: a row added as data gets its figures (catalogue families)."""

from django.db.models import Count, Q, Sum

from shuangyong.care.models import MEMORIAL_VISIT, CareKind, CareRecord, Fund, FundPurpose, MemorialSite
from shuangyong.figures.catalogue import Figure, Scope, cached, register, register_family, yuan
from shuangyong.figures.examples import Example, money_text, register_examples
from shuangyong.figures.names import named

BOTH = frozenset({"region", "unit"})
REGION = frozenset({"region"})


def records(scope: Scope):
    """Records of the scope's year, in its region subtree or provided by its unit."""
    where = scope.in_region("region") if scope.is_region else Q(provider__code=scope.unit)
    return CareRecord.objects.filter(where, scope.in_year("date"))


def _by_kind(scope: Scope) -> dict[str, dict]:
    """One grouped query answers every kind's figures of a scope."""

    def run():
        rows = records(scope).values("kind_id").annotate(count=Sum("count"), money=Sum("money_fen"), n=Count("id"))
        return {row["kind_id"]: row for row in rows}

    return cached(("care.by_kind", scope), run)


def _of(scope: Scope, code: str, field: str) -> int:
    return (_by_kind(scope).get(code) or {}).get(field) or 0


def kind_figures():
    for kind in CareKind.objects.all():
        code = kind.code
        yield Figure(
            f"care.kind.{code}",
            kind.figure_label,
            kind.unit,
            kind.section,
            lambda s, c=code: _of(s, c, "count"),
            f"优待服务记录：类别为“{kind.name}”的数量合计",
            lambda s, c=code: records(s).filter(kind_id=c),
            BOTH,
        )
        if kind.takes_money:
            yield Figure(
                f"care.kind.{code}.money",
                f"{kind.figure_label}金额",
                "元",
                kind.section,
                lambda s, c=code: yuan(_of(s, c, "money")),
                f"优待服务记录：类别为“{kind.name}”的金额合计",
                lambda s, c=code: records(s).filter(kind_id=c, money_fen__gt=0),
                BOTH,
            )


def funds(scope: Scope):
    return Fund.objects.filter(scope.in_region("region"), year=scope.year)


def _fund_totals(scope: Scope) -> dict:
    def run():
        rows = funds(scope).values("purpose_id").annotate(budget=Sum("budget_fen"), spent=Sum("spent_fen"))
        return {row["purpose_id"]: row for row in rows}

    return cached(("care.funds", scope), run)


def _fund_sum(scope: Scope, field: str, purpose: str | None = None):
    rows = _fund_totals(scope).values() if purpose is None else [_fund_totals(scope).get(purpose) or {}]
    return yuan(sum(row.get(field) or 0 for row in rows))


def purpose_figures():
    for code, name in FundPurpose.objects.values_list("code", "name"):
        yield Figure(
            f"care.funds.spent.{code}",
            f"双拥经费支出：{name}",
            "元",
            "leadership",
            lambda s, c=code: _fund_sum(s, "spent", c),
            f"双拥经费：用途为“{name}”的本年支出",
            lambda s, c=code: funds(s).filter(purpose_id=c),
            REGION,
        )


register_family("care.kind.", kind_figures)
register_family("care.funds.spent.", purpose_figures)

register(
    Figure(
        "care.funds.budget",
        "双拥经费预算",
        "元",
        "leadership",
        lambda s: _fund_sum(s, "budget"),
        "双拥经费：本区划及下辖乡镇本年预算合计",
        funds,
        REGION,
    )
)
register(
    Figure(
        "care.funds.spent",
        "双拥经费支出",
        "元",
        "leadership",
        lambda s: _fund_sum(s, "spent"),
        "双拥经费：本区划及下辖乡镇本年支出合计",
        funds,
        REGION,
    )
)


def sites(scope: Scope):
    return MemorialSite.objects.filter(scope.in_region("region"))


register(
    Figure(
        "care.memorial_sites",
        "烈士纪念设施",
        "处",
        "publicity",
        lambda s: sites(s).count(),
        "烈士纪念设施：本区划及下辖乡镇登记的设施",
        sites,
        REGION,
    )
)
register(
    Figure(
        "care.memorial_visits",
        "组织祭扫活动",
        "次",
        "publicity",
        lambda s: _of(s, MEMORIAL_VISIT, "n"),
        "优待服务记录：“烈士纪念设施祭扫”的条数（每条一次活动）",
        lambda s: records(s).filter(kind_id=MEMORIAL_VISIT),
        BOTH,
    )
)


# -- named examples: the largest of each section's records ----------------------------------------------------


def _example(record: CareRecord, scope: Scope) -> str:
    kind = record.kind
    by = record.provider.shown_name if record.provider_id else record.region.name
    if kind.code == MEMORIAL_VISIT:
        where = record.site.name if record.site_id else record.place
        return f"{record.date.month}月{by}{record.count}人次到{where or '烈士纪念设施'}祭扫"
    if kind.is_case:
        who = named(record.beneficiary, scope)
        return f"{kind.person_noun or kind.name}{who}{record.outcome or record.place}"
    money = f"，金额{money_text(record.money_fen)}" if record.money_fen else ""
    return f"{by}{kind.name}{record.count}{kind.unit}{money}"


def _provider(section: str):
    """Named cases first (a person helped, with the outcome), then the largest by money and by count; one record
    per kind."""

    def provide(scope: Scope) -> list[Example]:
        rows = (
            records(scope)
            .filter(kind__section=section)
            .select_related("kind", "provider", "site", "region")
            .order_by("-kind__is_case", "-money_fen", "-count", "-date", "pk")[:12]
        )
        chosen = {}
        for row in rows:
            chosen.setdefault(row.kind_id, row)
        return [Example(_example(row, scope), f"care.kind.{row.kind_id}") for row in list(chosen.values())[:2]]

    return provide


for _section in ("support", "benefits", "publicity", "resettlement"):
    register_examples(_section, "care.records", _provider(_section))
