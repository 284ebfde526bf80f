"""Computing a payment run, set-based: a few INSERT ... SELECT statements, never a loop over persons.

What a run for period P (one, three or twelve months) over a region subtree pays, per entitlement, kind and
month, is always "due now − paid before" (domain.md §3), for
- the months of P (regular lines), and
- months before P that need another look (each a small set found by SQL):
  arrears   months never paid although owed (late approval, a month left out of an earlier run);
  back-pay  months already paid when a standard entered later takes effect in them (StandardChange), or when
            the entitlement's grade or category changed with an effective date in them;
  recovery  months paid after a death, cancellation or move recorded later (negative lines, 追缴);
  carry     months whose payment the bank returned as failed.
The person's data are frozen on each line and payee. Deaths add the one-time grant of DeathGrantRule.
"""

import logging
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone

from shuangyong.accounts.scope import ensure_can_write, in_subtree
from shuangyong.audit.context import actor_for
from shuangyong.benefits.choices import (
    BACKPAY_TYPES,
    MONTHS_PER_PERIOD,
    ONE_TIME_SQL,
    ONE_TIME_TYPES,
    Frequency,
    LineType,
    RunStatus,
)
from shuangyong.benefits.models import BenefitKind, DeathGrantRule, Grant, PaymentLine, PaymentRun, StandardChange
from shuangyong.benefits.services import sql
from shuangyong.benefits.services.rates import Keys, RateBook, add_months, month_start, months_between
from shuangyong.errors import RuleError
from shuangyong.regions.codes import subtree_bounds
from shuangyong.regions.local_settings import get_setting, is_on
from shuangyong.regions.models import Region
from shuangyong.registry.choices import EventKind, Hukou, Status
from shuangyong.registry.models import Entitlement, Person, PersonEvent
from shuangyong.registry.services.confirmation import required_confirmation

KEY_CHANGE_EVENTS = (
    EventKind.CHANGE_GRADE,
    EventKind.CHANGE_CATEGORY,
    EventKind.CHANGE_SUPPORT,
    EventKind.ENROL,
    EventKind.END_ENROL,
)
RUN_WORK_MEM = "256MB"  # PostgreSQL, for the run's transaction only (SET LOCAL)
# corrections with current keys beyond which their statement wants hash joins (below it, an index probe each)
MANY_CORRECTIONS = 10_000
log = logging.getLogger(__name__)


class BenefitsError(RuleError):
    """A rule refused the operation; the message is Chinese and meant for the user."""


def period_for(month: date, frequency: str) -> tuple[date, date]:
    """The period of the local frequency that contains `month`: the month, its quarter or its year."""
    size = MONTHS_PER_PERIOD[Frequency(frequency)]
    first = month_start(month)
    first = first.replace(month=(first.month - 1) // size * size + 1)
    return first, add_months(first, size - 1)


@dataclass
class Window:
    run: PaymentRun
    lo: str
    hi: str
    months: list[date]  # the period
    lookback_start: date
    pay_death_month: int

    @property
    def first(self) -> date:
        return self.months[0]

    @property
    def last(self) -> date:
        return self.months[-1]


def _window(run: PaymentRun) -> Window:
    lo, hi = subtree_bounds(run.region_id)
    lookback = int(get_setting("backpay_lookback_months", run.region_id, run.period_start))
    pay_death = get_setting("pay_death_month", run.region_id, run.period_start)
    return Window(
        run=run,
        lo=lo,
        hi=hi,
        months=months_between(run.period_start, run.period_end),
        lookback_start=add_months(run.period_start, -lookback),
        pay_death_month=1 if is_on(pay_death) else 0,
    )


def payer_of(person: Person, month: date) -> str:
    """The region that owes the person's month (sql.PAYER, for the few rows read in Python)."""
    if person.prior_until and person.prior_until >= month and person.prior_region_id:
        return person.prior_region_id
    return person.region_id


def _system_start(window: Window) -> date:
    """The first month this system paid for the region: before it, payments were made outside and only
    已发放至 tells which months are settled."""
    paid = PaymentRun.objects.exclude(pk=window.run.pk).exclude(status__in=[RunStatus.DRAFT, RunStatus.CHECKED])
    starts = [run.period_start for run in paid.only("region_id", "period_start") if _overlaps(run.region_id, window)]
    return min(starts, default=window.first)


def _overlaps(code: str, window: Window) -> bool:
    """The region contains the run's region or lies in it."""
    return in_subtree(code, window.run.region_id) or in_subtree(window.run.region_id, code)


def _pending_changes(window: Window) -> list[StandardChange]:
    """Standard changes with months to recompute that no run over this region (or a larger one) took up."""
    pending = []
    changes = StandardChange.objects.filter(from_month__lt=window.first).prefetch_related("runs")
    for change in changes:
        if change.region_id and not _overlaps(change.region_id, window):
            continue
        done = any(
            run.pk != window.run.pk and in_subtree(window.run.region_id, run.region_id) for run in change.runs.all()
        )
        if not done:
            pending.append(change)
    return pending


# What each step is called on a terminal or a job's page (payment-run prints them as they finish).
STEP_LABELS = {
    "entitlements": "本区待遇资格",
    "months": "应发月份",
    "rates": "适用标准",
    "analyze": "统计信息",
    "arrears": "欠发月份",
    "standard changes": "标准调整补差",
    "key changes": "类别等级变更补差",
    "recoveries": "追缴",
    "failures": "发放失败重发",
    "paid": "已发记录",
    "frozen rates": "原发标准",
    "regular lines": "本期发放行",
    "corrections": "补发与追缴行",
    "death grants": "丧葬补助与一次性抚恤",
    "grants": "一次性待遇",
    "payees": "领款人",
}


class Engine:
    def __init__(self, run: PaymentRun, progress=None):
        self.window = _window(run)
        self.progress = progress  # a job's or a terminal's: notes each step as it ends
        self.cursor = connection.cursor()
        self.kinds = list(BenefitKind.objects.filter(is_periodic=True, is_active=True).values_list("code", flat=True))
        self.enrol_kinds = set(BenefitKind.objects.filter(requires_enrolment=True).values_list("code", flat=True))
        self.book = RateBook()  # all kinds: the periodic ones for the lines, the one-time ones for deaths
        self.rated: set[Keys] = set()
        self.ents = sql.T["ent"]  # the entitlements the run may pay are among these (load_entitlements)

    def execute(self, statement: str, params=()) -> int:
        self.cursor.execute(statement, list(params))
        return self.cursor.rowcount

    # -- the tables the statements join --------------------------------------------------------------------
    def load_entitlements(self) -> None:
        """PostgreSQL, a region holding less than half the registry (a county of a province): its persons'
        entitlements copied into run_ent, read by index, so that no statement below joins every entitlement of
        the province (docs/scaling.md). A county alone, or SQLite, reads the entitlement table itself."""
        if connection.vendor != "postgresql" or not self.among_many():
            return
        window = self.window
        self.execute("DROP TABLE IF EXISTS run_ent")
        self.execute(f"CREATE TEMP TABLE run_ent (LIKE {sql.T['ent']}) ON COMMIT DROP")
        self.planner(hashjoin=False, mergejoin=False)  # persons by region, each one's entitlements by its index
        self.execute(sql.RUN_ENTITLEMENTS, [window.lo, window.hi, window.lo, window.hi])
        self.planner(hashjoin=True, mergejoin=True)
        self.execute("CREATE INDEX run_ent_id ON run_ent (id)")
        self.execute("CREATE INDEX run_ent_person ON run_ent (person_id)")
        self.analyze("run_ent")
        self.ents = "run_ent"

    def among_many(self) -> bool:
        """Whether the run's region holds less than half the persons of the registry (the planner's count of
        the whole, exact count of the region's)."""
        self.cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [sql.T["person"]])
        registry = self.cursor.fetchone()[0]
        self.cursor.execute(
            f"SELECT COUNT(*) FROM {sql.T['person']} WHERE region_id >= %s AND region_id <= %s",
            [self.window.lo, self.window.hi],
        )
        return registry > 0 and self.cursor.fetchone()[0] * 2 < registry

    def load_months(self) -> list[date]:
        all_months = months_between(self.window.lookback_start, self.window.last)
        self.cursor.executemany(
            "INSERT INTO run_months (month, m_next, in_period, req_year, req_deadline) VALUES (%s, %s, %s, %s, %s)",
            [
                (m, add_months(m, 1), 1 if m >= self.window.first else 0, *self.required_confirmation(m))
                for m in all_months
            ],
        )
        self.all_months = all_months
        return all_months

    def required_confirmation(self, month: date) -> tuple[int | None, date | None]:
        """(year, deadline) of the 年度确认 `month` needs (条例 §8), or (None, None) where it is only flagged."""
        return required_confirmation(self.window.run.region_id, month) or (None, None)

    def load_rates(self, combos) -> None:
        rows = []
        for combo in combos:
            category, nature, grade, hukou, period, county, support = combo
            keys = Keys(category, nature or "", grade or 0, hukou or "", period or "", county, support or "")
            if keys in self.rated:
                continue
            self.rated.add(keys)
            for kind, month, rate in self.book.rates(keys, self.all_months, self.kinds):
                rows.append(
                    (
                        kind,
                        month,
                        keys.key(),
                        rate.fixed_fen,
                        rate.per_service_year_fen,
                        rate.standard_id,
                        1 if kind in self.enrol_kinds else 0,
                    )
                )
        self.cursor.executemany(
            "INSERT INTO run_rates (kind, month, rate_key, fixed_fen, per_sy_fen, standard_id, enrol)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )

    def current_combos(self):
        """Every key combination the run's entitlements can present: the entitlement keys in use (one scan of one
        table, no join: the registry's, or a county's of a province in run_ent) × 城乡 × the counties of the region
        subtree. A combination nobody has costs a few rate rows. Corrections with current keys are owed only by
        the region's persons and those who moved away from it, all among these."""
        self.cursor.execute(
            f"""SELECT DISTINCT category_id, disability_nature, COALESCE(disability_grade, 0), enlistment_period,
                   support_mode
            FROM {self.ents} WHERE status IN ({sql.OWED})"""
        )
        keys = self.cursor.fetchall()
        counties = {
            code[:6] for code in Region.objects.subtree(self.window.run.region_id).values_list("code", flat=True)
        }
        counties.add(self.window.run.region_id[:6])
        hukous = ["", *Hukou.values]
        return [
            (category, nature, grade, hukou, period, county, support)
            for category, nature, grade, period, support in keys
            for hukou in hukous
            for county in sorted(counties)
        ]

    def frozen_combos(self):
        # the keys of every month paid before that is corrected (those corrected with current keys too: a few
        # rate rows more, one join less)
        self.cursor.execute(
            """SELECT DISTINCT category, nature, COALESCE(grade, 0), hukou, period, SUBSTR(region, 1, 6), support
            FROM run_paid_corrections WHERE region IS NOT NULL"""
        )
        return self.cursor.fetchall()

    # -- months before the period that need another look ----------------------------------------------------
    def add_arrears(self) -> None:
        """Entitlements with nothing paid for the month before the period, then their unpaid months.

        Two statements on purpose: the first narrows a million entitlements to the few without last month's
        line (one index probe each), so the second expands months and kinds for those few only.
        """
        window = self.window
        system_start = _system_start(window)
        previous = add_months(window.first, -1)
        # entitlements first (CROSS JOIN keeps SQLite to that order): their own conditions and the anti-join drop
        # most of them before any person is looked up (SQLite 1.2 s → 0.5 s at 1M, 0.14 s in a first month)
        self.execute(
            f"""INSERT INTO run_unpaid_before (entitlement_id)
            SELECT e.id FROM {self.ents} e CROSS JOIN {sql.T["person"]} p
            WHERE p.id = e.person_id AND p.region_id >= %s AND p.region_id <= %s
              AND e.status IN ({sql.OWED})
              AND (e.paid_through IS NOT NULL OR %s < %s)
              AND (e.paid_through IS NULL OR e.paid_through < %s)
              AND {sql.UNPAID_LAST_MONTH}""",
            [window.lo, window.hi, system_start, window.first, previous, previous],
        )
        # ... and those who moved away to another county, whose months through December are still owed here
        self.execute(
            f"""INSERT INTO run_unpaid_before (entitlement_id)
            SELECT e.id FROM {sql.T["person"]} p JOIN {self.ents} e ON e.person_id = p.id
            WHERE p.prior_region_id >= %s AND p.prior_region_id <= %s AND p.prior_until >= %s
              AND e.status IN ({sql.OWED})
              AND (e.paid_through IS NULL OR e.paid_through < %s)
              AND {sql.UNPAID_LAST_MONTH}""",
            [window.lo, window.hi, window.lookback_start, previous, previous],
        )
        self.analyze("run_unpaid_before")
        self.execute(
            f"""INSERT INTO run_corrections (entitlement_id, kind, month, frozen)
            SELECT e.id, r.kind, mo.month, 0
            FROM run_unpaid_before late
            JOIN {self.ents} e ON e.id = late.entitlement_id
            JOIN {sql.T["person"]} p ON p.id = e.person_id
            JOIN run_months mo ON mo.in_period = 0
            JOIN run_rates r ON {sql.rate_join(sql.PAYER_KEYS)}
            WHERE (e.paid_through IS NOT NULL OR mo.month >= %s)
              AND {sql.PAYABLE} AND {sql.ENROLLED}
              AND NOT EXISTS (SELECT 1 FROM {sql.T["line"]} l1
                              WHERE l1.entitlement_id = e.id AND l1.month = mo.month AND l1.kind_id = r.kind)""",
            [system_start, window.pay_death_month],
        )

    def add_standard_changes(self, changes: list[StandardChange]) -> None:
        """The months a changed standard could have priced (its kind, region and keys, as frozen on the month's latest
        line), found in one pass over the lines that also loads what was paid for them."""
        if not changes:
            return
        conditions, params = [], []
        for change in changes:
            lo, hi = subtree_bounds(change.region_id) if change.region_id else (self.window.lo, self.window.hi)
            keys = {
                "category_id": change.category_id,
                "disability_nature": change.disability_nature,
                "disability_grade": change.disability_grade,
                "hukou": change.hukou,
                "enlistment_period": change.enlistment_period,
                "support_mode": change.support_mode,
            }
            filled = {column: value for column, value in keys.items() if value not in (None, "")}
            conditions.append(
                "kind_id = %s AND month >= %s AND region_id >= %s AND region_id <= %s"
                + "".join(f" AND {column} = %s" for column in filled)
            )
            params += [change.kind_id, max(change.from_month, self.window.lookback_start), lo, hi, *filled.values()]
        kinds = sorted({change.kind_id for change in changes})
        first = max(min(change.from_month for change in changes), self.window.lookback_start)
        statement = sql.load_paid_changed(len(kinds), conditions)
        self.execute(statement, [*kinds, first, self.window.first, self.window.lo, self.window.hi, *params])

    def add_key_changes(self) -> None:
        window = self.window
        since = timezone.now() - timedelta(days=31 * (len(self.all_months) - len(window.months)))
        kinds = ", ".join(f"'{k}'" for k in KEY_CHANGE_EVENTS)
        event_table = PersonEvent._meta.db_table
        # the few recent events first; the statements below start from them (CROSS JOIN keeps SQLite to that order)
        self.execute(
            f"""INSERT INTO run_key_events (entitlement_id, date)
            SELECT ev.entitlement_id, ev.date FROM {event_table} ev
            WHERE ev.kind IN ({kinds}) AND ev.date < %s AND ev.created_at >= %s AND ev.entitlement_id IS NOT NULL""",
            [window.first, since],
        )
        # the kinds the current keys give, and the kinds paid before (which the change may have ended)
        self.execute(
            f"""INSERT INTO run_corrections (entitlement_id, kind, month, frozen)
            SELECT DISTINCT e.id, r.kind, mo.month, 0
            FROM run_key_events ev
            CROSS JOIN {sql.T["ent"]} e
            JOIN {sql.T["person"]} p ON p.id = e.person_id
            JOIN run_months mo ON mo.in_period = 0 AND ev.date < mo.m_next
            JOIN run_rates r ON {sql.rate_join(sql.PAYER_KEYS)}
            WHERE e.id = ev.entitlement_id AND {sql.PAYER} >= %s AND {sql.PAYER} <= %s""",
            [window.lo, window.hi],
        )
        self.execute(
            f"""INSERT INTO run_corrections (entitlement_id, kind, month, frozen)
            SELECT DISTINCT l.entitlement_id, l.kind_id, l.month, 0
            FROM run_key_events ev
            CROSS JOIN {sql.T["line"]} l
            JOIN run_months mo ON mo.month = l.month AND ev.date < mo.m_next
            WHERE l.entitlement_id = ev.entitlement_id AND l.month < %s AND l.seq = 0
              AND l.region_id >= %s AND l.region_id <= %s""",
            [window.first, window.lo, window.hi],
        )

    def add_recoveries(self) -> None:
        window = self.window
        self.execute(
            f"""INSERT INTO run_corrections (entitlement_id, kind, month, frozen)
            SELECT l.entitlement_id, l.kind_id, l.month, 1
            FROM {sql.T["ent"]} e
            CROSS JOIN {sql.T["line"]} l
            WHERE l.entitlement_id = e.id AND l.month >= %s AND l.month <= %s AND l.seq = 0
              AND e.pay_until IS NOT NULL AND e.status IN ({sql.ENDED})
              AND l.line_type NOT IN ({ONE_TIME_SQL}) AND l.region_id >= %s AND l.region_id <= %s
              AND (l.month > e.pay_until
                   OR (l.month = e.pay_until AND e.status = {sql.DECEASED} AND %s = 0))""",
            [window.lookback_start, window.last, window.lo, window.hi, window.pay_death_month],
        )

    def add_failures(self) -> None:
        # "run_id > 0" (always true) lets SQLite read the partial index payee_failed instead of every payee, and
        # CROSS JOIN makes it start there (it walked the look-back's million lines otherwise: 0.7 s for none failed)
        window = self.window
        self.execute(
            f"""INSERT INTO run_corrections (entitlement_id, kind, month, frozen)
            SELECT l.entitlement_id, l.kind_id, l.month, 1
            FROM {sql.T["payee"]} py
            CROSS JOIN {sql.T["line"]} l
            WHERE l.run_id = py.run_id AND l.person_id = py.person_id
              AND py.bank_status = 'failed' AND py.run_id > 0 AND py.region_id >= %s AND py.region_id <= %s
              AND l.month >= %s AND l.month < %s AND l.line_type NOT IN ({ONE_TIME_SQL})""",
            [window.lo, window.hi, window.lookback_start, window.first],
        )

    def load_paid(self) -> None:
        window = self.window
        self.execute(sql.PAID_CORRECTIONS_INDEX)
        self.cursor.execute(
            f"SELECT 1 FROM {sql.T['line']} WHERE month >= %s AND month <= %s LIMIT 1", [window.first, window.last]
        )
        # the usual run: nothing is paid yet for its months (SQLite would still list a million entitlements first)
        if self.cursor.fetchone():
            self.execute(
                sql.load_paid(self.ents), [window.first, window.last, window.lo, window.hi, window.lo, window.hi]
            )
        self.cursor.execute("SELECT COUNT(*) FROM run_corrections")
        if self.cursor.fetchone()[0]:  # without months to correct, the planner may still read every line
            self.execute(sql.load_paid_corrections())

    # -- writing the lines ----------------------------------------------------------------------------------
    def hash_joins(self, on: bool) -> None:
        """PostgreSQL misjudges how many rows survive the payability conditions (it guesses one) and then
        nests loops over a million rows; the statements over the whole registry want hash joins."""
        self.planner(nestloop=not on)

    def planner(self, **switches: bool) -> None:
        """PostgreSQL's enable_* planner switches, for the rest of the run's transaction (SET LOCAL)."""
        if connection.vendor == "postgresql":
            for name, on in switches.items():
                self.execute(f"SET LOCAL enable_{name} = {'on' if on else 'off'}")

    def insert_regular(self) -> int:
        # no try/finally: after an error PostgreSQL accepts no statement, and the savepoint's rollback resets it
        self.hash_joins(True)
        count = 0
        for source, params in (
            sql.regular_source(self.window.lo, self.window.hi, self.ents),
            sql.moved_away_source(self.window.lo, self.window.hi, self.ents),
        ):
            count += self.execute(
                sql.insert_lines(source),
                [self.window.run.pk, self.window.first, False, *params, self.window.pay_death_month],
            )
        self.hash_joins(False)
        return count

    def insert_corrections(self) -> int:
        count = 0
        self.cursor.execute("SELECT COUNT(*) FROM run_corrections WHERE frozen = 0")
        with_current_keys = self.cursor.fetchone()[0]
        self.cursor.execute("SELECT COUNT(*) FROM run_paid_corrections")
        with_frozen_keys = self.cursor.fetchone()[0]
        for frozen in (False, True):
            # nothing to correct, no statement: a hash join over no months still reads every entitlement
            if not (with_frozen_keys if frozen else with_current_keys):
                continue
            # after a rise the frozen months are a good part of the registry; the others are usually a few. The
            # frozen months meet their rates by hashing the few rate rows: a merge join sorted 400k months by
            # their key strings first.
            self.hash_joins(frozen or with_current_keys > MANY_CORRECTIONS)
            self.planner(mergejoin=not frozen)
            count += self.execute(
                sql.insert_lines(sql.correction_source(frozen, beside_current=with_current_keys > 0), once=True),
                [
                    self.window.run.pk,
                    self.window.first,
                    False,
                    self.window.pay_death_month,
                    self.window.lo,
                    self.window.hi,
                ],
            )
            self.planner(mergejoin=True)
        self.hash_joins(False)
        return count

    def insert_death_grants(self) -> int:
        """丧葬补助 or 一次性抚恤金 for each death in the look-back window, as "due now − paid before" like every
        other line: once when first due, and again only when a standard entered later changes what the death
        month's standard gives (a back-dated rise covering the death month tops the grant up; a lowered one
        recovers the difference). A grant the bank returned is paid again."""
        window = self.window
        rules = {(r.category_id, r.death_cause): r for r in DeathGrantRule.objects.all()}
        grant_kinds = {r.grant_kind_id for r in rules.values()}
        # persons first (they carry the death date), then their entitlements: joined the other way round,
        # SQLite walks every entitlement of the registry (the region is checked in Python below: as a
        # condition here it walks the county's region index)
        died = Person.objects.filter(death_date__gte=window.lookback_start, death_date__lt=add_months(window.last, 1))
        if self.ents != sql.T["ent"]:  # a county of a province: only its own and its moved-away persons' deaths
            died = died.filter(
                Q(region_id__gte=window.lo, region_id__lte=window.hi)
                | Q(prior_region_id__gte=window.lo, prior_region_id__lte=window.hi)
            )
        deceased = (
            Entitlement.objects.filter(person_id__in=died.values("pk"), status=Status.DECEASED)
            .select_related("person")
            .order_by()
        )
        due = []
        for ent in deceased:
            died_on = ent.person.death_date
            if died_on and window.lo <= payer_of(ent.person, month_start(died_on)) <= window.hi:
                grant = self._death_grant(ent, rules)
                if grant is not None:
                    due.append((ent, *grant))
        paid = self._paid_grants([ent.pk for ent, *_ in due], grant_kinds)
        lines = []
        for ent, rule, standard, monthly, amount, months, line_type in due:
            person = ent.person
            month = month_start(person.death_date)
            before, maxseq, last_failed = paid.get((ent.pk, rule.grant_kind_id, month), (0, None, False))
            if amount == before:
                continue
            if maxseq is not None:
                line_type = LineType.BACKPAY
                if amount < before:
                    line_type = LineType.RECOVERY
                elif last_failed:
                    line_type = LineType.CARRY
            lines.append(
                PaymentLine(
                    run=window.run,
                    person_id=person.pk,
                    entitlement=ent,
                    kind_id=rule.grant_kind_id,
                    month=month,
                    seq=0 if maxseq is None else maxseq + 1,
                    line_type=line_type,
                    amount_fen=amount - before,
                    due_fen=amount,
                    paid_before_fen=before,
                    rate_fen=monthly,
                    months=months,
                    standard=standard,
                    category_id=ent.category_id,
                    disability_nature=ent.disability_nature,
                    disability_grade=ent.disability_grade,
                    hukou=person.hukou,
                    enlistment_period=ent.enlistment_period,
                    support_mode=ent.support_mode,
                    service_years=ent.service_years,
                    region_id=payer_of(person, month),
                )
            )
        PaymentLine.objects.bulk_create(lines, batch_size=1000)
        return len(lines)

    def _death_grant(self, ent: Entitlement, rules: dict):
        """(rule, standard, monthly, amount, months, line type) owed on this death under today's standards."""
        person = ent.person
        cause = "old_wound" if "旧伤复发" in (person.death_cause or "") else "other"
        rule = rules.get((ent.category_id, cause)) or rules.get((ent.category_id, ""))
        died_on = person.death_date
        if rule is None or died_on is None:
            return None
        keys = Keys(
            ent.category_id,
            ent.disability_nature,
            ent.disability_grade or 0,
            person.hukou,
            ent.enlistment_period,
            payer_of(person, month_start(died_on))[:6],
            ent.support_mode,
        )
        month = month_start(died_on)
        if rule.base_kind_id:
            standard = self.book.standard_for(rule.base_kind_id, keys, month)
            rate = standard and self.book.rate(standard, keys, month)
            if not rate:
                return None
            monthly = rate.monthly_for(ent.service_years)
            return rule, standard, monthly, monthly * rule.months, rule.months, LineType.FUNERAL
        standard = self.book.one_time(rule.grant_kind_id, keys, died_on)
        if standard is None:
            return None
        return rule, standard, 0, standard.amount_fen, 1, LineType.LUMP_SUM

    @staticmethod
    def _paid_grants(entitlement_ids: list[int], kinds: set[str]) -> dict[tuple, tuple[int, int, bool]]:
        """(entitlement, kind, month) → (paid, highest seq, whether that last line failed at the bank)."""
        rows = PaymentLine.objects.filter(entitlement_id__in=entitlement_ids, kind_id__in=kinds).values_list(
            "entitlement_id", "kind_id", "month", "seq", "amount_fen", "failed"
        )
        paid: dict[tuple, tuple[int, int, bool]] = {}
        for ent_id, kind, month, seq, amount, failed in sorted(rows, key=lambda row: row[3]):
            total, _, _ = paid.get((ent_id, kind, month), (0, None, False))
            paid[(ent_id, kind, month)] = (total + (0 if failed else amount), seq, failed)
        return paid

    def insert_grants(self) -> int:
        """一次性款项 owed up to the period's end (benefits.Grant), each as (amount − paid so far): a grant is paid
        once, and a later change of its amount pays or recovers the difference. The grants of a region are few
        (hundreds a year), so this reads them rather than joining in SQL."""
        window = self.window
        # the region is checked in Python: as a condition of the query SQLite starts from the persons of the region
        # (a million) and looks for their grants, 2.8 s for none at all
        grants = [
            grant
            for grant in Grant.objects.filter(month__lte=window.last).select_related("entitlement__person")
            if window.lo <= grant.entitlement.person.region_id <= window.hi
        ]
        if not grants:
            return 0
        paid = dict(
            PaymentLine.objects.filter(grant__in=grants, failed=False)
            .values("grant")
            .annotate(total=Sum("amount_fen"))
            .values_list("grant", "total")
        )
        owed = [g for g in grants if g.amount_fen != paid.get(g.pk, 0)]
        if not owed:
            return 0
        last_seq = self._last_seqs(owed)
        lines = []
        for grant in owed:
            ent, person = grant.entitlement, grant.entitlement.person
            key = (ent.pk, grant.month, grant.kind_id)
            seq = last_seq.get(key, -1) + 1
            last_seq[key] = seq  # two grants of one kind and month for one payee take consecutive seqs
            before = paid.get(grant.pk, 0)
            lines.append(
                PaymentLine(
                    run=window.run,
                    person_id=person.pk,
                    entitlement=ent,
                    kind_id=grant.kind_id,
                    month=grant.month,
                    seq=seq,
                    line_type=LineType.GRANT,
                    amount_fen=grant.amount_fen - before,
                    due_fen=grant.amount_fen,
                    paid_before_fen=before,
                    category_id=ent.category_id,
                    disability_nature=ent.disability_nature,
                    disability_grade=ent.disability_grade,
                    hukou=person.hukou,
                    enlistment_period=ent.enlistment_period,
                    support_mode=ent.support_mode,
                    service_years=ent.service_years,
                    region_id=person.region_id,
                    grant=grant,
                )
            )
        PaymentLine.objects.bulk_create(lines)
        return len(lines)

    @staticmethod
    def _last_seqs(grants) -> dict[tuple, int]:
        """The highest seq already used per (entitlement, month, kind) of the grants' lines."""
        rows = (
            PaymentLine.objects.filter(
                entitlement__in={g.entitlement_id for g in grants}, kind__in={g.kind_id for g in grants}
            )
            .values_list("entitlement", "month", "kind")
            .annotate(seq=Max("seq"))
        )
        return {(ent, month, kind): seq for ent, month, kind, seq in rows}

    def insert_payees(self) -> None:
        """One payee per person with lines: the lines' sums per person first (narrow rows), then the person's
        frozen data. On PostgreSQL both sides come sorted by person (the lines' run/person index, the persons'
        primary key), so a merge join with a sorted aggregate beats hashing a million wide rows (measured: 6.4 s
        against 8.5 s at 1M persons)."""
        self.planner(nestloop=False, hashjoin=False, hashagg=False)
        self.execute(
            f"""INSERT INTO {sql.T["payee"]} (run_id, person_id, name, id_number, region_id, hukou, bank_name,
                bank_holder, bank_account, id_number_index, bank_account_index, bank_account_shape, total_fen,
                line_count, bank_status, bank_message)
            SELECT %s, p.id, p.name, p.id_number, s.region_id, p.hukou, p.bank_name, p.bank_holder, p.bank_account,
                   p.id_number_index, p.bank_account_index, p.bank_account_shape, s.total_fen, s.line_count,
                   CASE WHEN s.total_fen > 0 THEN 'pending' ELSE 'held' END, ''
            FROM (SELECT person_id, MIN(region_id) AS region_id, SUM(amount_fen) AS total_fen, COUNT(*) AS line_count
                  FROM {sql.T["line"]} WHERE run_id = %s GROUP BY person_id) s
            JOIN {sql.T["person"]} p ON p.id = s.person_id""",
            [self.window.run.pk, self.window.run.pk],
        )
        self.planner(nestloop=True, hashjoin=True, hashagg=True)

    def step(self, name: str, work, *args):
        started = time.perf_counter()
        result = work(*args)
        seconds = time.perf_counter() - started
        self.timings.append((name, seconds))
        if self.progress is not None:
            self.progress.note(f"{STEP_LABELS[name]}：{seconds:.1f} 秒")
        return result

    def analyze(self, tables: str) -> None:
        if connection.vendor == "postgresql":
            # temporary tables get no statistics by themselves; without them the planner guesses badly
            self.execute(f"ANALYZE {tables}")

    def compute(self) -> None:
        """Each step's seconds end up in self.timings (the benchmark prints them)."""
        self.timings: list[tuple[str, float]] = []
        if connection.vendor == "postgresql":
            # the run's hash joins and sorts over a million rows: in memory rather than in temporary files
            self.execute(f"SET LOCAL work_mem = '{RUN_WORK_MEM}'")
            # no JIT compilation: the statements run once each, and at 1M persons compiling cost more than it
            # saved (the standard-change statement's cost estimate set off inlining and optimization, 0.67 s of
            # its 2.1 s; the regular lines' SELECT took 3.1 s without JIT against 3.65 s with, three runs each)
            self.execute("SET LOCAL jit = off")
        sql.create_temp_tables(self.cursor, connection.vendor)
        try:
            self.step("entitlements", self.load_entitlements)
            self.step("months", self.load_months)
            self.step("rates", lambda: self.load_rates(self.current_combos()))
            self.step("analyze", self.analyze, "run_months, run_rates")
            changes = _pending_changes(self.window)
            self.step("arrears", self.add_arrears)
            self.step("standard changes", self.add_standard_changes, changes)
            self.step("key changes", self.add_key_changes)
            self.step("recoveries", self.add_recoveries)
            self.step("failures", self.add_failures)
            self.step("paid", self.load_paid)
            self.step("frozen rates", lambda: self.load_rates(self.frozen_combos()))
            self.step("analyze", self.analyze, "run_rates, run_corrections, run_paid, run_paid_corrections")
            self.step("regular lines", self.insert_regular)
            self.step("corrections", self.insert_corrections)
            self.step("death grants", self.insert_death_grants)
            self.step("grants", self.insert_grants)
            self.step("payees", self.insert_payees)
            self.window.run.recalcs.set(changes)
            log.debug("run %s computed: %s", self.window.run.pk, ", ".join(f"{n} {s:.2f}s" for n, s in self.timings))
        finally:
            if connection.vendor != "postgresql":
                sql.drop_temp_tables(self.cursor)


def refresh_totals(run: PaymentRun) -> None:
    """The run's counts and sums, from its lines and payees."""
    from django.db.models import Count, Q, Sum

    totals = run.lines.aggregate(
        lines=Count("id"),
        total=Sum("amount_fen"),
        backpay=Sum("amount_fen", filter=Q(line_type__in=BACKPAY_TYPES)),
        recovery=Sum("amount_fen", filter=Q(line_type=LineType.RECOVERY)),
        one_time=Sum("amount_fen", filter=Q(line_type__in=ONE_TIME_TYPES)),
    )
    run.line_count = totals["lines"] or 0
    run.total_fen = totals["total"] or 0
    run.backpay_fen = totals["backpay"] or 0
    run.recovery_fen = totals["recovery"] or 0
    run.one_time_fen = totals["one_time"] or 0
    run.person_count = run.payees.count()


def _clear(run: PaymentRun) -> None:
    run.findings.all().delete()
    run.payees.all().delete()
    run.lines.all().delete()
    run.recalcs.clear()


def compute_run(region, month: date, *, user, progress=None) -> PaymentRun:
    """计算发放批次: the run of the local payment period containing `month` for the region subtree.

    An open (not yet approved) run for the same region and period is computed again in place; months already
    paid by approved runs are not paid again (the run then pays only what is still due, often nothing).
    """
    with actor_for(user), transaction.atomic():
        frequency = str(get_setting("payment_frequency", region.code, month_start(month)))
        if frequency not in Frequency.values:
            raise BenefitsError(f"地方设置“待遇发放周期”取值“{frequency}”无效")
        first, last = period_for(month, frequency)
        run = (
            PaymentRun.objects.select_for_update()
            .filter(region=region, period_start=first, status__in=[RunStatus.DRAFT, RunStatus.CHECKED])
            .first()
        )
        if run is None:
            run = PaymentRun(region=region, period_start=first, period_end=last, frequency=frequency)
        ensure_can_write(user, run)
        try:
            with transaction.atomic():
                if run.pk is None:
                    run.save()
                _clear(run)
                Engine(run, progress).compute()
        except IntegrityError as exc:
            raise BenefitsError(
                "另一个发放批次正在或已经计算同一人员同一月份的待遇（每人每项每月只发一次），本次未写入任何数据，请稍后重试"
            ) from exc
        refresh_totals(run)
        run.status = RunStatus.DRAFT
        run.computed_by = user
        run.computed_at = timezone.now()
        run.checked_at = None
        run.save()
        return run
