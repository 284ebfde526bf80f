"""Entering, changing and ending standards. A standard whose effective date lies in months this system has
already paid leaves a StandardChange behind, and the next run pays the difference for those months (补发)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from shuangyong.accounts.roles import Cap
from shuangyong.audit.context import actor_for
from shuangyong.benefits.choices import Basis
from shuangyong.benefits.models import Standard, StandardChange, WageBase
from shuangyong.benefits.services.engine import BenefitsError
from shuangyong.benefits.services.rates import month_start
from shuangyong.regions.codes import Level, level_of
from shuangyong.registry.choices import DisabilityNature

STANDARD_FIELDS = (
    "kind",
    "category",
    "disability_nature",
    "disability_grade",
    "hukou",
    "enlistment_period",
    "support_mode",
    "region",
    "basis",
    "amount_fen",
    "share_bp",
    "valid_from",
    "valid_to",
    "note",
    "source",
)


def ensure_can_manage_standards(user) -> None:
    if not user.can(Cap.MANAGE_STANDARDS):
        raise PermissionDenied("您的角色不能维护抚恤补助标准")


def standard_problems(standard: Standard) -> list[tuple[str, str]]:
    """(field, Chinese message) for every rule a standard row breaks."""
    problems = []
    if standard.region_id and level_of(standard.region_id) > Level.COUNTY:
        problems.append(("region", "标准只能按全国、省、市或县（区）制定"))
    if standard.disability_grade is not None and not 1 <= standard.disability_grade <= 10:
        problems.append(("disability_grade", "伤残等级应为一级至十级"))
    if (
        standard.disability_nature == DisabilityNature.ILLNESS
        and standard.disability_grade
        and standard.disability_grade > 6
    ):
        problems.append(("disability_grade", "因病致残只有一级至六级享受抚恤（条例第二十五条）"))
    if standard.basis == Basis.WAGE_SHARE:
        if not standard.share_bp or standard.share_bp > 10000:
            problems.append(("share_bp", "按工资基数比例计发的标准须填写 1–10000 的万分比"))
    elif standard.amount_fen <= 0:
        problems.append(("amount_fen", "标准金额应大于零"))
    if standard.basis == Basis.ONCE and standard.kind.is_periodic:
        problems.append(("basis", f"{standard.kind.name}是定期待遇，不能按一次性计发"))
    if standard.basis != Basis.ONCE and not standard.kind.is_periodic:
        problems.append(("basis", f"{standard.kind.name}是一次性待遇，计发方式应为一次性"))
    if standard.valid_to and standard.valid_to < standard.valid_from:
        problems.append(("valid_to", "失效日期不能早于生效日期"))
    return problems


KEY_FIELDS = ("category_id", "disability_nature", "disability_grade", "hukou", "enlistment_period", "support_mode")


def _record_change(standard: Standard, effective: date, reason: str) -> None:
    # Only a date in the past can touch months already paid; the engine skips months it never paid.
    if standard.kind.is_periodic and month_start(effective) <= month_start(date.today()):
        StandardChange.objects.create(
            kind=standard.kind,
            region=standard.region,
            from_month=month_start(effective),
            reason=reason[:200],
            **{name: getattr(standard, name) for name in KEY_FIELDS},
        )


@transaction.atomic
def save_standard(standard: Standard, *, user) -> Standard:
    """Create or change a standard row (audited); a past effective date schedules 补发."""
    with actor_for(user):
        ensure_can_manage_standards(user)
        problems = standard_problems(standard)
        if problems:
            raise BenefitsError("；".join(message for _, message in problems))
        before = None if standard.pk is None else Standard.objects.select_for_update().get(pk=standard.pk)
        try:
            with transaction.atomic():
                standard.save()
        except IntegrityError as exc:
            raise BenefitsError("同一项目、同一适用条件、同一生效日期的标准已存在") from exc
        effective = standard.valid_from if before is None else min(standard.valid_from, before.valid_from)
        if before is not None and before.valid_to != standard.valid_to:
            ends = [d for d in (before.valid_to, standard.valid_to) if d]
            effective = min([effective, *ends])
        _record_change(standard, effective, f"{'录入' if before is None else '修改'}标准：{standard}")
        if before is not None and any(getattr(before, n) != getattr(standard, n) for n in (*KEY_FIELDS, "region_id")):
            _record_change(before, effective, f"修改标准（原适用条件）：{before}")
        return standard


@transaction.atomic
def delete_standard(standard: Standard, *, user) -> None:
    with actor_for(user):
        ensure_can_manage_standards(user)
        _record_change(standard, standard.valid_from, f"删除标准：{standard}")
        standard.delete()


@transaction.atomic
def save_wage_base(wage: WageBase, *, user) -> WageBase:
    """护理费 follows the wage base: a base entered for past months re-rates 护理费 paid since."""
    from shuangyong.benefits.models import BenefitKind

    with actor_for(user):
        ensure_can_manage_standards(user)
        if wage.monthly_fen <= 0:
            raise BenefitsError("月平均工资应大于零")
        wage.save()
        nursing = BenefitKind.objects.filter(code="nursing").first()
        if nursing and month_start(wage.valid_from) <= month_start(date.today()):
            StandardChange.objects.create(
                kind=nursing, region=wage.region, from_month=month_start(wage.valid_from), reason=f"工资基数：{wage}"
            )
        return wage


def validate_standard(standard: Standard) -> None:
    """For forms: the same rules as ValidationError."""
    problems = standard_problems(standard)
    if problems:
        raise ValidationError({field: message for field, message in problems})


RISE_MONTH_DAY = (8, 1)  # national rises take effect on 1 August (domain.md §2)


def last_rise_day(today: date) -> date:
    day = date(today.year, *RISE_MONTH_DAY)
    return day if today >= day else date(today.year - 1, *RISE_MONTH_DAY)


def missing_rises(region_code: str | None, today: date) -> list[str]:
    """ "本年度标准尚未录入" per periodic benefit kind whose rows in force for the region (national, its ancestors',
    its own) all predate the last 1 August — so an office notices a rise it has not entered. Kinds paid as a share
    of the wage base follow the wage base instead and are left out."""
    from django.db.models import Max

    from shuangyong.accounts.scope import ancestor_codes
    from shuangyong.benefits.models import BenefitKind

    rows = Standard.objects.filter(kind__is_periodic=True, kind__is_active=True).exclude(basis=Basis.WAGE_SHARE)
    if region_code:
        rows = rows.filter(Q(region__isnull=True) | Q(region_id__in=[*ancestor_codes(region_code), region_code]))
    else:
        rows = rows.filter(region__isnull=True)
    rise = last_rise_day(today)
    names = dict(BenefitKind.objects.values_list("code", "name"))
    latest = rows.values("kind_id").annotate(latest=Max("valid_from")).order_by("kind__sort_order")
    return [
        f"{names[row['kind_id']]}：本年度标准尚未录入（最新标准 {row['latest']:%Y-%m-%d} 起执行，"
        f"全国标准每年 {rise.month} 月 {rise.day} 日调整，请按省级通知录入并注明文号）"
        for row in latest
        if row["latest"] < rise
    ]
