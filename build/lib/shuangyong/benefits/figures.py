"""The benefits' figures for the catalogue: money paid in the year, by kind, and who was paid.

Money "paid in the year" = the lines of the runs approved (or exported, reconciled) whose period starts in
the year, less the lines the bank returned as failed (the next run pays those months again as 重发 lines,
which then count). A line belongs to the scope by the payee's region as the run froze it. One grouped query
per scope answers every money figure (catalogue.cached).
"""

from django.db.models import Count, Q, Sum

from shuangyong.benefits.choices import BACKPAY_TYPES, ONE_TIME_TYPES, BankStatus, Basis, LineType, RunStatus
from shuangyong.benefits.models import BenefitKind, Payee, PaymentLine, PaymentRun, Standard
from shuangyong.figures.catalogue import Figure, Scope, cached, register, register_family, yuan
from shuangyong.figures.examples import Example, money_text, register_examples
from shuangyong.figures.names import named
from shuangyong.regions.codes import subtree_bounds

SECTION = "benefits"
PAID_RUN_STATUSES = (RunStatus.APPROVED, RunStatus.EXPORTED, RunStatus.RECONCILED)
SOURCE_LINES = "发放明细：本年已批准发放批次的明细（银行退回的除外）"


def paid_runs(scope: Scope):
    return PaymentRun.objects.filter(status__in=PAID_RUN_STATUSES, period_start__year=scope.year)


def paid_lines(scope: Scope):
    run_ids = cached(("benefits.runs", scope), lambda: list(paid_runs(scope).values_list("pk", flat=True)))
    return PaymentLine.objects.filter(scope.in_region("region_id"), run_id__in=run_ids, failed=False)


def _sums(scope: Scope) -> dict[tuple[str, str], int]:
    """分 by (kind, line type): one query for all the money figures of a scope."""

    def run():
        grouped = paid_lines(scope).order_by().values("kind_id", "line_type").annotate(fen=Sum("amount_fen"))
        return {(row["kind_id"], row["line_type"]): row["fen"] or 0 for row in grouped}

    return cached(("benefits.sums", scope), run)


def _total(scope: Scope, *, kind: str | None = None, types=None) -> int:
    return sum(
        fen
        for (kind_id, line_type), fen in _sums(scope).items()
        if (kind is None or kind_id == kind) and (types is None or line_type in types)
    )


def paid_fen(scope: Scope, kind: str) -> int:
    """分 paid in the year for one benefit kind, from the scope's one grouped query (for other apps' figures)."""
    return _total(scope, kind=kind)


def paid_grant_lines(scope: Scope, kind: str):
    """The year's paid lines of a one-time grant kind (优待金, 立功奖金 ...): the partial index line_grant holds these
    few rows, so this never reads the periodic lines."""
    return paid_lines(scope).filter(grant__isnull=False, kind_id=kind)


def paid_payees(scope: Scope):
    """Payees paid in the year: a positive total the bank did not return."""
    return Payee.objects.filter(
        scope.in_region("region_id"),
        run__in=paid_runs(scope),
        total_fen__gt=0,
    ).exclude(bank_status__in=[BankStatus.FAILED, BankStatus.HELD])


def _payee_counts(scope: Scope) -> dict[str, int]:
    def run():
        return paid_payees(scope).aggregate(times=Count("id"), persons=Count("person_id", distinct=True))

    return cached(("benefits.payees", scope), run)


def standards_changed(scope: Scope):
    """Standards in force from a day of the year that apply to the scope: national ones, those of the scope's
    province, city or county, and those of regions inside it."""
    low, high = subtree_bounds(scope.region)
    ancestors = [scope.region[:n].ljust(12, "0") for n in (2, 4, 6, 9) if scope.region[:n].ljust(12, "0") < low]
    return Standard.objects.filter(scope.in_year("valid_from")).filter(
        Q(region__isnull=True) | Q(region_id__in=ancestors) | Q(region_id__gte=low, region_id__lte=high)
    )


register(
    Figure(
        key="benefits.paid",
        label="发放抚恤补助金额",
        unit="元",
        section=SECTION,
        value=lambda s: yuan(_total(s)),
        records=paid_lines,
        source=SOURCE_LINES + "，全部项目合计（含补发、一次性待遇，减追缴）",
    )
)
register(
    Figure(
        key="benefits.backpay",
        label="补发金额",
        unit="元",
        section=SECTION,
        value=lambda s: yuan(_total(s, types=BACKPAY_TYPES)),
        records=lambda s: paid_lines(s).filter(line_type__in=BACKPAY_TYPES),
        source=SOURCE_LINES + "，类型为补发（未发月份、标准或等级调整）",
    )
)
register(
    Figure(
        key="benefits.recovered",
        label="追缴金额",
        unit="元",
        section=SECTION,
        value=lambda s: yuan(-_total(s, types=(LineType.RECOVERY,))),
        records=lambda s: paid_lines(s).filter(line_type=LineType.RECOVERY),
        source=SOURCE_LINES + "，类型为追缴（以正数计）",
    )
)
register(
    Figure(
        key="benefits.one_time",
        label="一次性待遇金额",
        unit="元",
        section=SECTION,
        value=lambda s: yuan(_total(s, types=ONE_TIME_TYPES)),
        records=lambda s: paid_lines(s).filter(line_type__in=ONE_TIME_TYPES),
        source=SOURCE_LINES + "，一次性待遇（丧葬补助、一次性抚恤金等）",
    )
)
register(
    Figure(
        key="benefits.payee_times",
        label="发放人次",
        unit="人次",
        section=SECTION,
        value=lambda s: _payee_counts(s)["times"],
        records=paid_payees,
        source="发放对象：本年已批准发放批次中金额为正、未被银行退回的对象，按批次计",
    )
)
register(
    Figure(
        key="benefits.payee_persons",
        label="发放人数",
        unit="人",
        section=SECTION,
        value=lambda s: _payee_counts(s)["persons"],
        records=paid_payees,
        source="发放对象：本年已批准发放批次中金额为正、未被银行退回的对象，按人计",
    )
)
register(
    Figure(
        key="benefits.standards_changed",
        label="调整抚恤补助标准项数",
        unit="项",
        section=SECTION,
        value=lambda s: standards_changed(s).count(),
        records=standards_changed,
        source="抚恤补助标准：本年生效、适用于本区划的标准行",
    )
)


def kind_figures():
    """One figure per 待遇项目 in the code table (a kind added as data gets its own)."""
    for kind in BenefitKind.objects.filter(is_active=True).order_by("sort_order", "code"):
        code = kind.code
        yield Figure(
            key=f"benefits.kind.{code}",
            label=f"发放{kind.name}金额",
            unit="元",
            section=SECTION,
            value=lambda s, c=code: yuan(_total(s, kind=c)),
            records=lambda s, c=code: paid_lines(s).filter(kind_id=c),
            source=f"{SOURCE_LINES}，项目为“{kind.name}”",
        )


register_family("benefits.kind.", kind_figures)


PER = {Basis.YEAR: "每年", Basis.MONTH: "每月"}
GRADES = "一二三四五六七八九十"  # 伤残等级 as a summary writes them


def _standard_examples(scope: Scope) -> list[Example]:
    """The highest standard raised in the year that applies to the scope: 自8月起……标准调整为每年X元."""
    if not scope.is_region:
        return []
    rows = (
        standards_changed(scope)
        .filter(basis__in=list(PER), amount_fen__gt=0)
        .select_related("kind", "category")
        .order_by("-amount_fen", "pk")[:1]
    )
    examples = []
    for standard in rows:
        keys = [
            standard.get_disability_nature_display() if standard.disability_nature else "",
            f"{GRADES[standard.disability_grade - 1]}级" if standard.disability_grade else "",
            standard.get_hukou_display() if standard.hukou else "",
        ]
        who = (standard.category.name if standard.category else "") + (f"（{''.join(keys)}）" if any(keys) else "")
        examples.append(
            Example(
                f"自{standard.valid_from.month}月起{who}{standard.kind.name}标准调整为"
                f"{PER[Basis(standard.basis)]}{money_text(standard.amount_fen)}",
                "benefits.standards_changed",
            )
        )
    return examples


register_examples("benefits", "benefits.standards", _standard_examples)

DEATH_GRANTS = ("funeral", "death_lump_sum")  # 丧葬补助, 一次性抚恤金 (benefits/data/benefit_kinds.csv)


def _death_grant_examples(scope: Scope) -> list[Example]:
    """The largest grant paid on a death in the year: 为去世的残疾军人李某某家属发放丧葬补助5.42万元."""
    if not scope.is_region:
        return []
    rows = (
        paid_lines(scope)
        .filter(kind_id__in=DEATH_GRANTS, amount_fen__gt=0)
        .select_related("person", "category", "kind")
        .order_by("-amount_fen", "pk")[:1]
    )
    return [
        Example(
            f"为去世的{line.category.name if line.category_id else '优抚对象'}{named(line.person.name, scope)}"
            f"家属发放{line.kind.name}{money_text(line.amount_fen)}",
            f"benefits.kind.{line.kind_id}",
        )
        for line in rows
    ]


register_examples("benefits", "benefits.death_grants", _death_grant_examples)
