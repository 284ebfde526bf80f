"""The SQL the payment engine runs, for SQLite and PostgreSQL alike.

Hand-written on purpose: a run over a million persons must be a handful of INSERT ... SELECT statements over
the registry, the resolved rates and the lines already paid. The ORM cannot express these joins without
loading rows into Python. Only portable SQL is used (no date arithmetic: every month comparison is against
the `run_months` table, which carries each month's first day and the next month's).
"""

from django.db import connection

from shuangyong.benefits.models import Enrolment, Payee, PaymentLine, PaymentRun
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Entitlement, Pause, Person

T = {
    "line": PaymentLine._meta.db_table,
    "payee": Payee._meta.db_table,
    "run": PaymentRun._meta.db_table,
    "ent": Entitlement._meta.db_table,
    "person": Person._meta.db_table,
    "enrol": Enrolment._meta.db_table,
    "pause": Pause._meta.db_table,
}

PAID_COLUMNS = (
    "entitlement_id BIGINT NOT NULL, kind VARCHAR(24) NOT NULL, month DATE NOT NULL, paid BIGINT NOT NULL,"
    " maxseq INTEGER NOT NULL, last_failed INTEGER NOT NULL, category VARCHAR(32), nature VARCHAR(32),"
    " grade INTEGER, hukou VARCHAR(32), period VARCHAR(32), support VARCHAR(32), years INTEGER,"
    " region VARCHAR(32)"
)


def sql_values(choices) -> str:
    """Choices as an SQL list of literals (their values are fixed code, never user input)."""
    return ", ".join(f"'{choice.value}'" for choice in choices)


# whose months may still be owed: in force, or ended with months before the end (recovered or paid late)
OWED_STATUSES = (Status.ACTIVE, Status.SUSPENDED, Status.DECEASED, Status.CANCELLED, Status.MOVED_OUT)
ENDED_STATUSES = (Status.DECEASED, Status.CANCELLED, Status.MOVED_OUT)
OWED = sql_values(OWED_STATUSES)
ENDED = sql_values(ENDED_STATUSES)
ACTIVE, SUSPENDED, DECEASED = (f"'{status.value}'" for status in (Status.ACTIVE, Status.SUSPENDED, Status.DECEASED))

TEMP_TABLES = {
    # req_year / req_deadline: the 年度确认 a month needs when the region stops the unconfirmed (else NULL)
    "run_months": (
        "month DATE NOT NULL, m_next DATE NOT NULL, in_period INTEGER NOT NULL, req_year INTEGER, req_deadline DATE"
    ),
    "run_rates": (
        "kind VARCHAR(24) NOT NULL, month DATE NOT NULL, rate_key VARCHAR(64) NOT NULL, fixed_fen BIGINT NOT NULL,"
        " per_sy_fen BIGINT NOT NULL, standard_id BIGINT NOT NULL, enrol INTEGER NOT NULL"
    ),
    # the months to correct found by everything but a standard change (arrears, key changes, recoveries, bank
    # failures; usually few): a standard change's months go straight into run_paid_corrections, a good part of
    # the registry after a rise, so that they are not copied and grouped once more
    "run_corrections": (
        "entitlement_id BIGINT NOT NULL, kind VARCHAR(24) NOT NULL, month DATE NOT NULL, frozen INTEGER NOT NULL"
    ),
    "run_unpaid_before": "entitlement_id BIGINT NOT NULL",
    "run_key_events": "entitlement_id BIGINT NOT NULL, date DATE NOT NULL",
    # what was paid for each month of the period (run_paid) and for each correction (run_paid_corrections),
    # with the keys frozen on the latest line (seq = maxseq): corrections of a month use them, and the region of
    # the run that paid it. Two tables: the statement over the whole registry joins only the first; the keys are
    # copied here so that no statement writing lines joins the whole line table.
    "run_paid": PAID_COLUMNS,
    "run_paid_corrections": PAID_COLUMNS,
}
TEMP_INDEXES = [
    "CREATE INDEX run_rates_key ON run_rates (rate_key, month, kind)",
    "CREATE INDEX run_paid_key ON run_paid (entitlement_id, month, kind)",
]
# built once the standard changes have filled the table (a good part of the registry after a rise), not kept up
# row by row while they do
PAID_CORRECTIONS_INDEX = "CREATE INDEX run_paid_corrections_key ON run_paid_corrections (entitlement_id, month, kind)"


LATEST_COLUMNS = """entitlement_id, kind_id, month, paid, seq, CASE WHEN failed THEN 1 ELSE 0 END, category_id,
       disability_nature, disability_grade, hukou, enlistment_period, support_mode, service_years, region_id"""
LINE_KEYS = """l.entitlement_id, l.kind_id, l.month, l.seq, l.failed, l.category_id, l.disability_nature,
             l.disability_grade, l.hukou, l.enlistment_period, l.support_mode, l.service_years, l.region_id"""
PAID = "CASE WHEN {line}.failed THEN 0 ELSE {line}.amount_fen END"
SAME_MONTH = "{line}.entitlement_id = l.entitlement_id AND {line}.month = l.month AND {line}.kind_id = l.kind_id"


def _load_paid(table: str, source: str, matching: str = "") -> str:
    """What was paid before for each (entitlement, kind, month) of the lines `source` gives (a FROM ... WHERE
    over the line table aliased l): the sum (a failed line is not paid), the latest line's seq, whether it failed
    at the bank (its re-payment is a "carry" line) and its frozen keys. `matching` keeps only the months whose
    latest line meets it (a condition on the line's column names).

    Each line asks the unique index whether a later line of its month exists; the latest one is kept, and only a
    latest line with seq > 0 (it has earlier ones) sums its month. Nearly every month has one line, so it is one
    probe per line and no sort. Measured at 400,000 months among 790,000 lines: SQLite 0.6 s, against 3.5 s for
    a window over the sorted lines and 1.2 s for a pass over the months with one line plus a window for the
    others (two probes per line); PostgreSQL 1.8–1.9 s, the same as its window. "l2.seq > 0" says nothing new
    (a later line's seq is above 0) but lets PostgreSQL hash only the later lines for its anti-join, not all."""
    insert = f"""INSERT INTO {table} (entitlement_id, kind, month, paid, maxseq, last_failed, category, nature, grade,
    hukou, period, support, years, region)
SELECT {LATEST_COLUMNS}"""
    kept = f"({matching})" if matching else "1 = 1"
    return f"""{insert}
FROM (SELECT {LINE_KEYS},
             CASE WHEN l.seq = 0 THEN {PAID.format(line="l")} ELSE (
                 SELECT SUM({PAID.format(line="l3")}) FROM {T["line"]} l3 WHERE {SAME_MONTH.format(line="l3")}) END
             AS paid
      FROM {source}
      AND NOT EXISTS (SELECT 1 FROM {T["line"]} l2 WHERE {SAME_MONTH.format(line="l2")} AND l2.seq > l.seq
                      AND l2.seq > 0)) x
WHERE {kept}"""


def load_paid(ents: str) -> str:
    """The months of the period, of the entitlements the run may pay (its persons, and those who moved away from
    it): by entitlement, whichever county's run paid the line, and never the whole province's lines of those
    months. Params: the period's first and last month, the region bounds (lo, hi) twice."""
    source = f"""{T["line"]} l WHERE l.month >= %s AND l.month <= %s AND l.entitlement_id IN (
        SELECT e.id FROM {ents} e JOIN {T["person"]} p ON p.id = e.person_id
        WHERE (p.region_id >= %s AND p.region_id <= %s) OR (p.prior_region_id >= %s AND p.prior_region_id <= %s))"""
    return _load_paid("run_paid", source)


def load_paid_corrections() -> str:
    """... and each other month to correct that a standard change did not load already. No params."""
    source = f"""(SELECT DISTINCT entitlement_id, kind, month FROM run_corrections c0 WHERE NOT EXISTS (
          SELECT 1 FROM run_paid_corrections done WHERE done.entitlement_id = c0.entitlement_id
          AND done.month = c0.month AND done.kind = c0.kind)) c
      CROSS JOIN {T["line"]} l
      WHERE l.entitlement_id = c.entitlement_id AND l.month = c.month AND l.kind_id = c.kind"""
    return _load_paid("run_paid_corrections", source)


def load_paid_changed(kinds: int, conditions: list[str]) -> str:
    """The months a changed standard could have priced, with what was paid for them, from the lines of the changed
    kinds in the look-back: each of `conditions` (on the latest line's kind, month, region and keys) is one
    change. Params: the `kinds` kind codes, the first month looked at, the period's first month, the run's region
    bounds (lo, hi), then each condition's."""
    source = f"""{T["line"]} l WHERE l.kind_id IN ({", ".join(["%s"] * kinds)})
      AND l.month >= %s AND l.month < %s AND l.region_id >= %s AND l.region_id <= %s"""
    return _load_paid("run_paid_corrections", source, " OR ".join(f"({c})" for c in conditions))


# A county among many (PostgreSQL): its persons' entitlements copied once, found by the persons' region index and
# the entitlements' person index, so that the statements over "the run's entitlements" do not join the whole
# province's (an entitlement carries no region). Params: the region bounds (lo, hi) twice.
RUN_ENTITLEMENTS = f"""INSERT INTO run_ent SELECT e.* FROM {T["person"]} p JOIN {T["ent"]} e ON e.person_id = p.id
WHERE (p.region_id >= %s AND p.region_id <= %s) OR (p.prior_region_id >= %s AND p.prior_region_id <= %s)"""


# No line for the month before the period (param: that month) of entitlement e. PostgreSQL hashes it into one
# anti-join; SQLite probes the unique index once per entitlement, in the index's order (0.44 s at 1M, against 0.7 s
# for a NOT IN list).
UNPAID_LAST_MONTH = f"NOT EXISTS (SELECT 1 FROM {T['line']} l0 WHERE l0.entitlement_id = e.id AND l0.month = %s)"


def create_temp_tables(cursor, vendor: str) -> None:
    suffix = " ON COMMIT DROP" if vendor == "postgresql" else ""
    for name, columns in TEMP_TABLES.items():
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(f"CREATE TEMP TABLE {name} ({columns}){suffix}")
    for statement in TEMP_INDEXES:
        cursor.execute(statement)


def drop_temp_tables(cursor) -> None:
    for name in TEMP_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")


# Whether entitlement e may be paid for month mo (domain.md §3): from the month of approval or the month after
# 已发放至 or the 起发月份 (moved in, resumed), through the 止发月份 (moved out: December; cancelled: that month;
# died: the month of death when pay_death_month, else the month before); suspended: the months before it; and
# never a month inside a pause (停发期间, registry.Pause) — the few entitlements that had one carry first_pause, so
# the pauses are looked at only for them and only from that month on; and, where the region stops the unconfirmed
# (local setting unconfirmed_stop), not a month after the 年度确认 deadline without that year's confirmation — unless
# approved after the deadline. A late confirmation makes those months payable again: the next run pays them as
# arrears. Params: pay_death_month (1/0).
PAYABLE = f"""(
    e.status IN ({OWED})
    AND (e.status = {ACTIVE} OR e.approval_date IS NOT NULL OR e.paid_through IS NOT NULL)
    AND (e.approval_date IS NULL OR e.approval_date < mo.m_next)
    AND (e.paid_through IS NULL OR e.paid_through < mo.month)
    AND (e.pay_from IS NULL OR e.pay_from <= mo.month)
    AND (e.pay_until IS NULL OR e.pay_until >= mo.month)
    AND (e.status <> {SUSPENDED} OR e.status_date >= mo.m_next)
    AND (e.status <> {DECEASED} OR %s = 1 OR e.pay_until > mo.month)
    AND (e.first_pause IS NULL OR e.first_pause > mo.month OR NOT EXISTS (
        SELECT 1 FROM {T["pause"]} pz WHERE pz.entitlement_id = e.id AND pz.first_month <= mo.month
        AND (pz.last_month IS NULL OR pz.last_month >= mo.month)))
    AND (mo.req_year IS NULL OR COALESCE(e.confirmed_year, 0) >= mo.req_year
         OR e.approval_date > mo.req_deadline)
)"""

ENROLLED = f"""(r.enrol = 0 OR EXISTS (
    SELECT 1 FROM {T["enrol"]} en WHERE en.entitlement_id = e.id AND en.kind_id = r.kind
    AND en.valid_from < mo.m_next AND (en.valid_to IS NULL OR en.valid_to >= mo.month)
))"""

DUE = "(r.fixed_fen + (r.per_sy_fen * COALESCE({years}, 0) + 6) / 12)"

# The region that owes month mo of person p (条例 §30): after a move between counties the old county owes the
# months through December of the move year (p.prior_until), paid from the person's old place; later months are
# owed where the person lives now.
PAYER = "(CASE WHEN p.prior_until >= mo.month THEN p.prior_region_id ELSE p.region_id END)"


def current_keys(region: str = "p.region_id") -> dict:
    """The entitlement's keys as they are now, placed in `region` (an SQL expression for a region code)."""
    return {
        "category": "e.category_id",
        "nature": "e.disability_nature",
        "grade": "COALESCE(e.disability_grade, 0)",
        "hukou": "p.hukou",
        "period": "e.enlistment_period",
        "support": "e.support_mode",
        "county": f"SUBSTR({region}, 1, 6)",
        "years": "e.service_years",
        "region": region,
        "grade_raw": "e.disability_grade",
    }


CURRENT_KEYS = current_keys()
PAYER_KEYS = current_keys(PAYER)
FROZEN_KEYS = {
    "category": "pd.category",
    "nature": "pd.nature",
    "grade": "COALESCE(pd.grade, 0)",
    "hukou": "pd.hukou",
    "period": "pd.period",
    "support": "pd.support",
    "county": "SUBSTR(pd.region, 1, 6)",
    "years": "pd.years",
    "region": "pd.region",
    "grade_raw": "pd.grade",
}


def rate_key(keys: dict) -> str:
    """The keys as one string, the same as rates.Keys.key(): one equality the planner cannot reorder, so each
    entitlement is joined to its person before the rates (seven separate equalities let PostgreSQL join
    persons to rates first, three million rows for a hundred thousand persons)."""
    parts = [keys[name] for name in ("category", "nature", "grade", "hukou", "period", "county", "support")]
    if connection.vendor == "sqlite":
        # one printf: SQLite's || copies the growing string at each of its twelve steps (0.41 s → 0.22 s for
        # 400,000 keys); PostgreSQL's || is the faster of its two ways. %% survives the placeholder conversion.
        return f"printf('{'|'.join(['%%s'] * len(parts))}', {', '.join(parts)})"
    return " || '|' || ".join(f"({part})" for part in parts)


def rate_join(keys: dict) -> str:
    return f"r.month = mo.month AND r.rate_key = {rate_key(keys)}"


LINE_COLUMNS = (
    "run_id, person_id, entitlement_id, kind_id, month, seq, line_type, amount_fen, due_fen, paid_before_fen,"
    " rate_fen, months, standard_id, category_id, disability_nature, disability_grade, hukou, enlistment_period,"
    " support_mode, service_years, region_id, failed"
)

# the type of a line follows from what was paid before: nothing before → regular (period months) or arrears;
# the last line failed at the bank → carry; less due than paid → recovery; otherwise back-pay.
LINE_TYPE = """CASE
    WHEN x.maxseq IS NULL AND x.month >= %s THEN 'regular'
    WHEN x.maxseq IS NULL THEN 'arrears'
    WHEN x.due < x.paid THEN 'recovery'
    WHEN x.last_failed = 1 THEN 'carry'
    ELSE 'backpay'
END"""


def insert_lines(source: str, once: bool = False) -> str:
    """INSERT the difference due − paid for each row of `source` (a SELECT aliased x) where it is not zero, in
    entitlement order: the unique index leads with the entitlement, so it is appended to, not scattered into.

    `once` (corrections, whose `due` is the whole payability test): SQLite would merge the source into this
    statement and copy that expression into each of the four places below that read it, evaluating it four
    times per row; LIMIT -1 (no limit) keeps the source a subquery whose columns are computed once (400,000
    corrections 2.5 s → 2.3 s). Not for the regular lines, whose `due` is a sum: there the subquery's own cost
    per row is the larger (3.6 s → 4.3 s for a million)."""
    if once and connection.vendor == "sqlite":
        rows, order = f"({source} ORDER BY entitlement_id LIMIT -1)", ""
    else:
        rows, order = f"({source})", "ORDER BY x.entitlement_id"
    return f"""INSERT INTO {T["line"]} ({LINE_COLUMNS})
SELECT %s, x.person_id, x.entitlement_id, x.kind, x.month, COALESCE(x.maxseq + 1, 0), {LINE_TYPE},
       x.due - x.paid, x.due, x.paid, x.rate_fen, 1, x.standard_id, x.category, x.nature, x.grade_raw, x.hukou,
       x.period, x.support, x.years, x.region, %s
FROM {rows} x
WHERE x.due <> x.paid
{order}"""


def _period_source(keys: dict, persons: str, ents: str, persons_first: bool = False) -> str:
    """The period's months owed, as CROSS JOINs: SQLite joins in the order written (PostgreSQL plans as it sees
    fit). Each entitlement (or each of the few persons `persons` finds by an index) meets the period's months
    and then, by key and month, its few rates: SQLite went to the rates first and walked every month of the
    look-back for each entitlement (9.0 s → 5.0 s for a million lines)."""
    first = f"{T['person']} p CROSS JOIN {ents} e" if persons_first else f"{ents} e CROSS JOIN {T['person']} p"
    return f"""SELECT e.person_id, e.id AS entitlement_id, r.kind, mo.month,
       {DUE.format(years=keys["years"])} AS due, COALESCE(pd.paid, 0) AS paid, pd.maxseq,
       COALESCE(pd.last_failed, 0) AS last_failed,
       r.fixed_fen AS rate_fen, r.standard_id, {keys["category"]} AS category, {keys["nature"]} AS nature,
       {keys["grade_raw"]} AS grade_raw, {keys["hukou"]} AS hukou, {keys["period"]} AS period,
       {keys["support"]} AS support, {keys["years"]} AS years, {keys["region"]} AS region
FROM {first}
CROSS JOIN run_months mo
CROSS JOIN run_rates r
LEFT JOIN run_paid pd ON pd.entitlement_id = e.id AND pd.month = mo.month AND pd.kind = r.kind
WHERE p.id = e.person_id AND mo.in_period = 1 AND {rate_join(keys)} AND {persons} AND {PAYABLE} AND {ENROLLED}"""


def regular_source(lo: str, hi: str, ents: str) -> tuple[str, list]:
    """Every entitlement in the region subtree × every month of the period the region owes × every kind with a
    standard (the months an old county still owes after a move are left to it: moved_away_source)."""
    persons = "p.region_id >= %s AND p.region_id <= %s AND (p.prior_until IS NULL OR p.prior_until < mo.month)"
    return _period_source(CURRENT_KEYS, persons, ents), [lo, hi]


def moved_away_source(lo: str, hi: str, ents: str) -> tuple[str, list]:
    """The persons who moved from the region subtree to another county: the months of the period through
    December of the move year, placed and rated where they lived here (条例 §30)."""
    persons = "p.prior_region_id >= %s AND p.prior_region_id <= %s AND p.prior_until >= mo.month"
    return _period_source(current_keys("p.prior_region_id"), persons, ents, persons_first=True), [lo, hi]


def correction_source(frozen: bool, beside_current: bool = True) -> str:
    """The months before the period to correct: with the keys frozen on the last line paid for that month (every
    month in run_paid_corrections, unless it is also a candidate with current keys), or with the entitlement's
    current keys (after a back-dated grade change, a late approval: run_corrections with frozen = 0).
    Only months the run's region owes: the region whose run paid the month before pays its corrections; a
    month never paid is owed by the PAYER. `beside_current`: there are candidates with current keys, which the
    frozen statement must leave to them (without any, the anti-join would only sort every frozen month).
    The months come first and find their entitlement by its key (CROSS JOIN keeps SQLite to that order): joined
    the other way round, SQLite walked every entitlement of the registry for a handful of corrections.
    Params after pay_death_month: the region bounds (lo, hi)."""
    keys = FROZEN_KEYS if frozen else PAYER_KEYS
    if frozen:  # keys and region from the latest line: the person (a million wide rows) is not needed
        months = "run_paid_corrections pd"
        joins = ""
        owed_here = "pd.region >= %s AND pd.region <= %s"
        if beside_current:
            owed_here += """ AND NOT EXISTS (
            SELECT 1 FROM run_corrections cur WHERE cur.frozen = 0 AND cur.entitlement_id = pd.entitlement_id
            AND cur.month = pd.month AND cur.kind = pd.kind)"""
    else:
        months = "(SELECT DISTINCT entitlement_id, kind, month FROM run_corrections WHERE frozen = 0) pd0"
        joins = f"""JOIN {T["person"]} p ON p.id = e.person_id
LEFT JOIN run_paid_corrections pd
    ON pd.entitlement_id = pd0.entitlement_id AND pd.month = pd0.month AND pd.kind = pd0.kind"""
        owed_here = f"COALESCE(pd.region, {PAYER}) >= %s AND COALESCE(pd.region, {PAYER}) <= %s"
    month = "pd" if frozen else "pd0"
    return f"""SELECT e.person_id, e.id AS entitlement_id, {month}.kind, {month}.month,
       CASE WHEN r.kind IS NOT NULL AND {PAYABLE} AND {ENROLLED} THEN {DUE.format(years=keys["years"])} ELSE 0 END
           AS due,
       COALESCE(pd.paid, 0) AS paid, pd.maxseq, COALESCE(pd.last_failed, 0) AS last_failed,
       COALESCE(r.fixed_fen, 0) AS rate_fen, r.standard_id, {keys["category"]} AS category,
       {keys["nature"]} AS nature, {keys["grade_raw"]} AS grade_raw, {keys["hukou"]} AS hukou,
       {keys["period"]} AS period, {keys["support"]} AS support, {keys["years"]} AS years,
       {keys["region"]} AS region
FROM {months}
CROSS JOIN {T["ent"]} e
{joins}
JOIN run_months mo ON mo.month = {month}.month
LEFT JOIN run_rates r ON r.kind = {month}.kind AND {rate_join(keys)}
WHERE e.id = {month}.entitlement_id AND {owed_here}"""
