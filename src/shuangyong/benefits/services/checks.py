"""The checks behind "不错不漏", run on a computed run before it may be approved.

Each check is a query over the run's frozen lines and payees and the registry as it is now; it yields
(code, person id, entitlement id, message). Findings the staff already waived or excluded for the same
person and problem stay closed when the checks run again; open ones no longer found count as corrected.
"""

import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Substr

from shuangyong.benefits.choices import ONE_TIME_TYPES, FindingCode, LineType
from shuangyong.benefits.models import Payee, PaymentLine, PaymentRun
from shuangyong.benefits.services.rates import Keys, RateBook, add_months
from shuangyong.money import yuan_text
from shuangyong.regions.codes import subtree_bounds
from shuangyong.regions.local_settings import get_setting
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Category, Entitlement, Person
from shuangyong.registry.rules import age_on
from shuangyong.registry.services.confirmation import deadline_for, required_confirmation

log = logging.getLogger(__name__)
Found = tuple[str, int | None, int | None, str]


def _yuan(fen: int) -> str:
    return f"{yuan_text(fen)} 元"


def duplicates(run: PaymentRun) -> Iterator[Found]:
    # One ID number twice in a run cannot happen: a person is paid once per run (payee_once_per_run) and an ID
    # number belongs to one person (person_unique_id_number). Accounts and name + birth date can repeat; numbers
    # are encrypted at rest, so alike accounts are found by their alike blind indexes (sealed.py).
    payees = Payee.objects.filter(run=run)
    # a person is a payee once per run: counting payees counts persons (COUNT DISTINCT would sort a million rows)
    with_account = payees.exclude(bank_account_index="").order_by().values("bank_account_index")
    shared = with_account.annotate(n=Count("id")).filter(n__gt=1)
    for row in shared:
        names = list(payees.filter(bank_account_index=row["bank_account_index"]).values_list("person_id", "name"))
        together = "、".join(name for _, name in names)
        for pid, name in names:
            yield FindingCode.DUPLICATE, pid, None, f"{name}：银行账号与 {together} 相同（同一账号多人领取）"
    same_person = payees.order_by().values("name", "person__birth_date").annotate(n=Count("id")).filter(n__gt=1)
    for group in same_person:
        born = group["person__birth_date"]
        for pid, name in payees.filter(name=group["name"], person__birth_date=born).values_list("person_id", "name"):
            yield (
                FindingCode.DUPLICATE,
                pid,
                None,
                f"{name}：同名且同出生日期（{born}）的对象有 {group['n']} 人，请核实是否重复建档",
            )


def _not_owed(line, ent, person) -> bool:
    """Whether the registry now says this line's month is not owed: never entitled, after the 止发月份 (cancelled,
    moved away, died), after the death, or inside the current suspension. Months before a suspension stay owed
    (条例 §58): back-pay for them is no finding."""
    if ent.status in (Status.REJECTED, Status.NOT_ENTITLED):
        return True
    if ent.pay_until and line.month > ent.pay_until:
        return True
    if person.death_date and line.month > person.death_date:
        return True
    return (
        ent.status == Status.SUSPENDED and ent.status_date is not None and line.month >= ent.status_date.replace(day=1)
    )


def deceased_or_moved(run: PaymentRun) -> Iterator[Found]:
    """Lines for months the registry now says are not payable (the data changed after the run was computed).

    Asked from the few ended entitlements and dead persons towards the run's lines, in two queries: one condition
    over both tables made PostgreSQL hash the whole registry's persons."""
    lines = (
        PaymentLine.objects.filter(run=run, amount_fen__gt=0)
        .exclude(line_type__in=ONE_TIME_TYPES)
        .order_by("entitlement_id", "month")
    )
    stopped = Q(entitlement__status__in=[Status.SUSPENDED, Status.CANCELLED, Status.REJECTED, Status.NOT_ENTITLED])
    ended = Q(entitlement__pay_until__isnull=False, month__gt=F("entitlement__pay_until"))
    # the dead listed first: SQLite then looks up their lines by the run's (run, person) index instead of looking
    # up the person of each of the run's million lines (0.77 s → 0.32 s)
    dead = Person.objects.filter(death_date__isnull=False).values("pk")
    candidates = [lines.filter(stopped | ended), lines.filter(person__in=dead)]
    seen = set()
    for found in candidates:
        for line in list(found.select_related("entitlement", "person")):
            ent, person = line.entitlement, line.person
            if ent.pk in seen or not _not_owed(line, ent, person):
                continue
            seen.add(ent.pk)
            if person.death_date:
                why = f"已于 {person.death_date} 去世"
            else:
                why = f"状态为“{ent.get_status_display()}”{f'（{ent.status_reason}）' if ent.status_reason else ''}"
            yield (
                FindingCode.DECEASED_OR_MOVED,
                person.pk,
                ent.pk,
                f"{person.name}：{why}，本批仍发放 {line.month:%Y-%m}",
            )


def bank_accounts(run: PaymentRun) -> Iterator[Found]:
    """Payees without an account, or with one that is not 12–25 digits. Accounts are encrypted at rest; their
    shape is kept beside them (sealed.ShapeField), so a million payees are judged without decrypting one."""
    payees = Payee.objects.filter(run=run, total_fen__gt=0).exclude(bank_account_shape="ok").order_by("person_id")
    for pid, name, shape in payees.values_list("person_id", "name", "bank_account_shape"):
        if not shape:
            yield FindingCode.BANK_ACCOUNT, pid, None, f"{name}：没有银行账号，无法社会化发放"
        else:
            yield FindingCode.BANK_ACCOUNT, pid, None, f"{name}：银行账号格式错误（应为 12–25 位数字）"


def amounts(run: PaymentRun) -> Iterator[Found]:
    """Regular lines whose amount is not what the standards now give; payees above the local outlier limit.

    The run's lines share few distinct (kind, keys, month, years, amount): each is judged once, and only the
    lines of a wrong one are read.
    """
    book = RateBook()
    regular = PaymentLine.objects.filter(run=run, line_type=LineType.REGULAR)
    # .order_by(): the lines' default ordering would join the DISTINCT and make every line its own shape
    shapes = (
        regular.order_by()
        .annotate(county=Substr("region_id", 1, 6))
        .values_list(
            "kind_id",
            "category_id",
            "disability_nature",
            "disability_grade",
            "hukou",
            "enlistment_period",
            "support_mode",
            "county",
            "month",
            "service_years",
            "amount_fen",
        )
        .distinct()
    )
    wrong: dict[tuple, int | None] = {}
    for kind, category, nature, grade, hukou, period, support, county, month, years, amount in shapes:
        keys = Keys(category, nature, grade or 0, hukou, period, county, support)
        standard = book.standard_for(kind, keys, month)
        rate = standard and book.rate(standard, keys, month)
        expected = rate.monthly_for(years) if rate else None
        if expected != amount:
            wrong[(kind, category, nature, grade, hukou, period, support, county, month, years, amount)] = expected
    for shape, expected in wrong.items():
        kind, category, nature, grade, hukou, period, support, county, month, years, amount = shape
        lines = regular.filter(
            kind_id=kind,
            category_id=category,
            disability_nature=nature,
            disability_grade=grade,
            hukou=hukou,
            enlistment_period=period,
            support_mode=support,
            region__code__startswith=county,
            month=month,
            service_years=years,
            amount_fen=amount,
        ).select_related("person", "kind")
        shown = "无适用标准" if expected is None else _yuan(expected)
        for line in lines:
            yield (
                FindingCode.AMOUNT,
                line.person_id,
                line.entitlement_id,
                f"{line.person.name}：{line.month:%Y-%m} {line.kind.name} "
                f"发放 {_yuan(line.amount_fen)}，按现行标准应为 {shown}（标准已变更，请重新计算）",
            )
    limit = int(get_setting("payment_outlier_fen", run.region_id, run.period_start))
    for pid, name, total in Payee.objects.filter(run=run, total_fen__gt=limit).values_list(
        "person_id", "name", "total_fen"
    ):
        yield FindingCode.AMOUNT, pid, None, f"{name}：本批合计 {_yuan(total)}，超过异常提示线 {_yuan(limit)}"


def absent(run: PaymentRun) -> Iterator[Found]:
    """应发未发: entitlements in force in the period with no line for any month of it, in any run. Those who live
    in the region (less the months an old county still owes) and those who moved away this year are asked apart:
    one OR over two columns of the joined persons made PostgreSQL scan the registry (26 s at a million)."""
    lo, hi = subtree_bounds(run.region_id)
    next_month = add_months(run.period_end, 1)
    lines = PaymentLine.objects.filter(month__gte=run.period_start, month__lte=run.period_end)
    paid = Exists(lines.filter(entitlement=OuterRef("pk")))
    owed = (
        Entitlement.objects.filter(status=Status.ACTIVE, category__is_key=True)
        .filter(Q(pay_from__isnull=True) | Q(pay_from__lte=run.period_end))
        .filter(Q(approval_date__isnull=True) | Q(approval_date__lt=next_month))
        .filter(Q(paid_through__isnull=True) | Q(paid_through__lt=run.period_end))
        .exclude(_stopped_unconfirmed(run))
    )
    here = Q(person__region_id__gte=lo, person__region_id__lte=hi) & (
        Q(person__prior_until__isnull=True) | Q(person__prior_until__lt=run.period_start)
    )
    # the unpaid found first, each entitlement against its own lines (SQLite: one probe of the unique index
    # each, 0.6 s at a million against 0.75 s for a NOT IN list; PostgreSQL: one hash anti-join), then the few
    # looked up by their persons (asked the other way round, SQLite walked the region's persons: 5.6 s)
    unpaid = owed.exclude(paid).order_by().values("pk")
    lives_here = Entitlement.objects.filter(pk__in=unpaid).filter(here)
    moved_away = owed.filter(
        person__prior_region_id__gte=lo, person__prior_region_id__lte=hi, person__prior_until__gte=run.period_end
    ).exclude(paid)
    for rows in (lives_here, moved_away):
        # read whole, not through a server-side cursor: PostgreSQL plans a cursor for its first rows (nested loops,
        # an index probe per entitlement) where the whole answer wants one hash anti-join; the answer is the few
        # entitlements left unpaid
        missing = rows.select_related("person", "category").order_by()
        for ent in list(missing):
            yield (
                FindingCode.ABSENT,
                ent.person_id,
                ent.pk,
                f"{ent.person.name}：{ent.category.name}享受待遇，但本期没有发放（可能缺少适用的标准或资料不全）",
            )


def _stopped_unconfirmed(run: PaymentRun) -> Q:
    """Entitlements the region stops for a missing 年度确认 in the period's last month, as the engine does."""
    required = required_confirmation(run.region_id, run.period_end)
    if required is None:
        return Q(pk__in=[])
    year, deadline = required
    unconfirmed = Q(confirmed_year__isnull=True) | Q(confirmed_year__lt=year)
    return unconfirmed & (Q(approval_date__isnull=True) | Q(approval_date__lte=deadline))


def _in_run(run: PaymentRun):
    """The paid entitlements of the run's persons. Asked through the payee's unique (run, person) index, which
    both databases probe directly; through the lines they chose plans that read the run once per person."""
    return Entitlement.objects.filter(
        Exists(Payee.objects.filter(run=run, person_id=OuterRef("person_id"))),
        status__in=[Status.ACTIVE, Status.SUSPENDED, Status.DECEASED, Status.CANCELLED, Status.MOVED_OUT],
    )


def _born_after(day: date, years: int) -> date:
    """Born after this date = younger than `years` on `day`."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_and_category(run: PaymentRun) -> Iterator[Found]:
    """Category rules against age and disability data: one filter in the database for all of them (a million
    entitlements in a run; one scan rather than one per rule), then each rule said for the few it finds."""
    on = run.period_end
    min_ages = {code: age for code, age in Category.objects.values_list("code", "min_age") if age is not None}
    too_young = Q(pk__in=[])
    for code, min_age in min_ages.items():
        too_young |= Q(category_id=code, person__birth_date__gt=_born_after(on, min_age))
    lacking = Q(category__requires_disability=True) & (Q(disability_grade__isnull=True) | Q(disability_nature=""))
    very_old = Q(person__birth_date__lt=_born_after(on, 111))
    minor = Q(person__birth_date__gt=_born_after(on, 18)) & ~Q(category_id="21")
    found = _in_run(run).filter(too_young | lacking | very_old | minor).select_related("person", "category")
    for ent in list(found.order_by()):  # the few that break a rule; read whole for the reason given in absent()
        born, category = ent.person.birth_date, ent.category
        age = age_on(born, on)
        wordings = []
        if category.code in min_ages and born > _born_after(on, min_ages[category.code]):
            wordings.append(f"{ent.person.name}：{category.name}须年满 {category.min_age} 周岁，现年 {age} 岁")
        if category.requires_disability and (ent.disability_grade is None or not ent.disability_nature):
            wordings.append(f"{ent.person.name}：{category.name}缺少伤残等级或性质")
        if born < _born_after(on, 111):
            wordings.append(f"{ent.person.name}：年龄 {age} 岁，请核实是否健在")
        if born > _born_after(on, 18) and category.code != "21":
            wordings.append(f"{ent.person.name}：年龄 {age} 岁与类别“{category.name}”不符")
        for message in wordings:
            yield FindingCode.AGE_CATEGORY, ent.person_id, ent.pk, message


def unconfirmed(run: PaymentRun) -> Iterator[Found]:
    """年度确认 (条例 §8): this year's once its deadline has passed, else last year's."""
    year = run.period_end.year
    if run.period_end <= deadline_for(run.region_id, year):
        year -= 1
    ents = (
        _in_run(run)
        .filter(status=Status.ACTIVE)
        .filter(Q(confirmed_year__isnull=True) | Q(confirmed_year__lt=year))
        .exclude(approval_date__gt=deadline_for(run.region_id, year))  # approved after it: the 认定 was the check
        .select_related("person")
        .only("id", "person__name", "confirmed_year")
    )
    for ent in ents.iterator(chunk_size=5000):
        done = f"最近确认 {ent.confirmed_year} 年" if ent.confirmed_year else "从未确认"
        yield FindingCode.UNCONFIRMED, ent.person_id, ent.pk, f"{ent.person.name}：未完成 {year} 年度确认（{done}）"


CHECKS = (duplicates, deceased_or_moved, bank_accounts, amounts, absent, age_and_category, unconfirmed)


CHECK_LABELS = {
    "duplicates": "重复发放",
    "deceased_or_moved": "去世、停发、迁出后仍发放",
    "bank_accounts": "银行账号",
    "amounts": "金额与标准",
    "absent": "应发未发",
    "age_and_category": "年龄与类别",
    "unconfirmed": "年度确认",
}


CHECK_WORK_MEM = "64MB"  # PostgreSQL: the checks' groupings over a million payees stay in memory

# SQLite: the longest check (two groupings of a million payees) reads on a second connection, on another core,
# while the others run (6.1 s → 3.4–3.9 s at a million). Only when the caller holds nothing uncommitted (a job,
# the API, the benchmark), since another connection sees only what is committed; inside a caller's transaction
# (tests, the demo builder, approve_unattended) every check runs on the caller's connection. PostgreSQL already
# spreads a large query over the cores (parallel workers): a second connection measured no faster (5.9 s against
# 5.6 s), so it runs them in turn.
BESIDE = duplicates


def _prepare() -> None:
    """PostgreSQL: the run just wrote its lines and payees, and the autovacuum daemon may not yet have counted
    them; with the old counts the planner takes a million-row run for a few rows and nests loops over it. The
    statistics of the columns the checks filter by are refreshed first (a sample: well under a second)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{CHECK_WORK_MEM}'")
        cursor.execute(f"ANALYZE {PaymentLine._meta.db_table} (run_id, month, line_type, entitlement_id)")
        cursor.execute(f"ANALYZE {Payee._meta.db_table} (run_id, total_fen)")


def _on_own_connection(check, run: PaymentRun) -> tuple[list[Found], float]:
    """A check in a thread of its own: Django gives the thread its own connection, closed when done. No
    transaction on it: SQLite's BEGIN IMMEDIATE would wait for the caller's, which waits for this thread."""
    try:
        started = time.perf_counter()
        return list(check(run)), time.perf_counter() - started
    finally:
        connection.close()


def run_checks(run: PaymentRun, progress=None) -> list[Found]:
    """Every check; a job's `progress` counts them and notes each one's count."""
    beside = connection.vendor == "sqlite" and not connection.in_atomic_block
    found: list[Found] = []
    timings = []
    if progress is not None:
        progress.set_total(len(CHECKS))

    def done(check, results: list[Found], seconds: float) -> None:
        found.extend(results)
        timings.append(f"{check.__name__} {seconds:.2f}s")
        if progress is not None:
            progress.note(f"{CHECK_LABELS[check.__name__]}：{len(results)} 个问题")
            progress.advance()

    with ThreadPoolExecutor(max_workers=1) as pool, transaction.atomic():  # SET LOCAL lasts to its end
        _prepare()
        aside = pool.submit(_on_own_connection, BESIDE, run) if beside else None
        for check in CHECKS:
            if aside is None or check is not BESIDE:
                started = time.perf_counter()
                done(check, list(check(run)), time.perf_counter() - started)
        if aside is not None:
            done(BESIDE, *aside.result())
    log.debug("run %s checked%s: %s", run.pk, " (two connections)" if beside else "", ", ".join(timings))
    return found
