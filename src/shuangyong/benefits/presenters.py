"""How benefits data read on screens: amounts in 元, a payment line's "why", a run's lifecycle, and the links a
compute job's page offers. Kept apart from views and templates so the wording is tested once and reused."""

from dataclasses import dataclass

from shuangyong.benefits.choices import Basis, LineType, RunStatus
from shuangyong.money import yuan_text
from shuangyong.registry.choices import DisabilityNature, Status

GRADE_NAMES = "一二三四五六七八九十"


def line_keys(line) -> str:
    """The keys the line was paid under, as an office writes them: 因战五级, or the category's name."""
    if line.disability_grade:
        nature = DisabilityNature(line.disability_nature).label if line.disability_nature else ""
        return f"{nature}{GRADE_NAMES[line.disability_grade - 1]}级"
    return line.category.name


def standard_rule(line) -> str:
    """How the monthly amount follows from the standard, e.g. "因战五级 标准 54,220 元/年 ÷ 12"."""
    standard = line.standard
    keys = line_keys(line)
    if standard is None:
        return f"{keys} 月标准 {yuan_text(line.rate_fen)} 元"
    if standard.basis == Basis.YEAR:
        return f"{keys} 标准 {yuan_text(standard.amount_fen)} 元/年 ÷ 12"
    if standard.basis == Basis.MONTH:
        return f"{keys} 标准 {yuan_text(standard.amount_fen)} 元/月"
    if standard.basis == Basis.SERVICE_YEAR:
        years = line.service_years or 0
        return f"{keys} 标准 {yuan_text(standard.amount_fen)} 元/年·每服役年 × {years} 年 ÷ 12"
    if standard.basis == Basis.WAGE_SHARE:
        return f"{keys} 工资基数的 {share_percent(standard.share_bp)}%（月 {yuan_text(line.rate_fen)} 元）"
    return f"{keys} 一次性标准 {yuan_text(standard.amount_fen)} 元"


def share_percent(share_bp: int | None) -> str:
    """5000 万分比 → "50"; 3750 → "37.5"."""
    whole, rest = divmod(share_bp or 0, 100)
    return f"{whole}" if rest == 0 else f"{whole}.{rest:02d}".rstrip("0")


def standard_amount(standard) -> str:
    """A standard's amount with its unit, as the standards list shows it."""
    if standard.basis == Basis.WAGE_SHARE:
        return f"工资基数的 {share_percent(standard.share_bp)}%"
    if standard.basis == Basis.ONCE:
        return f"{yuan_text(standard.amount_fen)} 元（一次性）"
    return f"{yuan_text(standard.amount_fen)} {Basis(standard.basis).label}"


def _recovery_reason(line, entitlement, person) -> str:
    if entitlement is not None and entitlement.status == Status.DECEASED and person and person.death_date:
        return f"追缴：{person.death_date:%Y-%m-%d} 去世后已发月份"
    if entitlement is not None and entitlement.status in (Status.CANCELLED, Status.MOVED_OUT):
        day = entitlement.status_date or entitlement.pay_until
        when = f"{day:%Y-%m-%d} " if day else ""
        return f"追缴：{when}{entitlement.get_status_display()}后已发月份"
    return f"追缴：应发 {yuan_text(line.due_fen)} 元，此前已发 {yuan_text(line.paid_before_fen)} 元"


def line_reason(line, *, entitlement=None, person=None) -> str:
    """Why a payment line has its amount, in one sentence built from the line (and, for a recovery, from the
    entitlement's end and the person's death)."""
    kind = line.line_type
    if kind == LineType.REGULAR:
        return standard_rule(line)
    if kind == LineType.ARREARS:
        return f"补发未发月份：{standard_rule(line)}"
    if kind == LineType.BACKPAY:
        return f"补发：应发 {yuan_text(line.due_fen)} 元，此前已发 {yuan_text(line.paid_before_fen)} 元"
    if kind == LineType.CARRY:
        return f"重发：上次银行发放失败，应发 {yuan_text(line.due_fen)} 元"
    if kind == LineType.RECOVERY:
        return _recovery_reason(line, entitlement, person)
    if kind == LineType.FUNERAL:
        return f"{line.kind.name}：{line.months} 个月 × {yuan_text(line.rate_fen)} 元"
    if kind == LineType.LUMP_SUM:
        amount = line.standard.amount_fen if line.standard is not None else line.amount_fen
        return f"{line.kind.name}：一次性标准 {yuan_text(amount)} 元"
    return ""


@dataclass(frozen=True)
class Step:
    label: str
    state: str  # done | current | todo


LIFECYCLE = [RunStatus.DRAFT, RunStatus.CHECKED, RunStatus.APPROVED, RunStatus.EXPORTED, RunStatus.RECONCILED]


def run_steps(run) -> list[Step]:
    """草稿 → 已检查 → 已批准 → 已导出银行文件 → 已对账, with the run's place in it."""
    current = LIFECYCLE.index(RunStatus(run.status))
    return [
        Step(status.label, "done" if i < current else "current" if i == current else "todo")
        for i, status in enumerate(LIFECYCLE)
    ]


def with_yuan(objects, *fields: str):
    """Give each object a `<name>_yuan` text for each `<name>_fen` field: templates cannot divide, and
    formatting in one place keeps 分 exact (no float on the way)."""
    for obj in objects:
        for field in fields:
            name = field.removesuffix("_fen") + "_yuan"
            if isinstance(obj, dict):
                obj[name] = yuan_text(obj[field])
            else:
                setattr(obj, name, yuan_text(getattr(obj, field)))
    return objects


def person_payments(person, user) -> dict:
    """The 发放记录 part of the person page (registry.sections): the lines the user may see."""
    from shuangyong.accounts.scope import visible
    from shuangyong.benefits.models import PaymentLine

    return {"payments": payment_history(person, visible(user, PaymentLine.objects.of_person(person.pk)), user)}


def payment_history(person, lines, user):
    """发放记录 on the person page: every line written for the person, newest first, each with its why, and
    whether the user may open its run (a town user sees a county run's lines of their persons, not the run)."""
    from shuangyong.accounts.scope import visible
    from shuangyong.benefits.models import PaymentRun

    lines = list(
        lines.select_related("run__region", "kind", "standard", "category", "entitlement").order_by(
            "-month", "-run_id", "kind__sort_order", "-seq"
        )
    )
    runs = visible(user, PaymentRun.objects.filter(pk__in={line.run_id for line in lines}))
    readable = set(runs.values_list("pk", flat=True))
    for line in lines:
        line.reason = line_reason(line, entitlement=line.entitlement, person=person)
        line.run_readable = line.run_id in readable
    return with_yuan(lines, "amount_fen", "rate_fen")
