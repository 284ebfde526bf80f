"""The registry's figures for the catalogue: persons on the registry at year end, and the year's life events.

"On the registry at year end" = an entitlement approved on or before 31 December (or imported without a date)
that is 享受待遇 now, or that ended (停发, 迁出, 取消, 去世) only after that day. For a past year, persons who
moved in after it are left out. Counts come from one grouped query per scope (catalogue.cached: persons by
their set of categories), so the dozens of figures below cost two queries over the registry (that one and the
events'), whatever the number of categories.
"""

from datetime import date

from django.db import connection
from django.db.models import BigIntegerField, Case, Count, Max, Q, Sum, Value, When
from django.utils import timezone

from shuangyong.figures.catalogue import Figure, Scope, cached, register, register_family
from shuangyong.regions.codes import Level, level_of
from shuangyong.registry.choices import CategoryGroup, EventKind, Status
from shuangyong.registry.models import Category, Entitlement, Person, PersonEvent, Transfer

SECTION = "benefits"
DISABLED = "11"  # 残疾军人: the category with grades
WAR_AND_TEST = ("51", "61")  # 参战退役人员, 参试退役人员
ENDED = (Status.SUSPENDED, Status.MOVED_OUT, Status.CANCELLED, Status.DECEASED)
GRADE_BANDS = {"1_4": (1, 4, "一至四级"), "5_6": (5, 6, "五至六级"), "7_10": (7, 10, "七至十级")}
EVENT_FIGURES = [
    ("approved", EventKind.APPROVE, "本年新增（认定享受待遇）人数"),
    ("died", EventKind.DEATH, "本年去世人数"),
    ("moved_in", EventKind.MOVE_IN, "本年迁入人数"),
    ("confirmed", EventKind.CONFIRM, "年度确认人数"),
]
SOURCE_ACTIVE = "优抚待遇资格：年末在册（批准日期不晚于12月31日，享受待遇或年末后才终止）"


def _year_end(scope: Scope) -> date:
    return scope.end


def active_at_year_end(scope: Scope):
    """Entitlements on the registry on 31 December of the scope's year, within the scope's region."""
    day = _year_end(scope)
    rows = Entitlement.objects.filter(
        scope.in_region("person__region_id"),
        Q(approval_date__isnull=True) | Q(approval_date__lte=day),
        Q(status=Status.ACTIVE) | Q(status__in=ENDED, status_date__gt=day),
    )
    if day < timezone.localdate():
        # moved in after the year: on another county's registry then (few rows, found through the events)
        later = PersonEvent.objects.filter(kind=EventKind.MOVE_IN, date__gt=day).values("person_id")
        rows = rows.exclude(person_id__in=later)
    return rows


def key_entitlements(scope: Scope):
    return active_at_year_end(scope).filter(category__is_key=True)


def _combinations(scope: Scope) -> dict[tuple[frozenset[str], int | None], int]:
    """Persons on the registry at year end by (their set of categories, their 残疾军人 grade): one query answers
    every count of the registry. Each category is a bit; a person's entitlements (one per category) add up to
    the mask of their categories. Counting persons by category group with COUNT(DISTINCT) over a join of a
    million rows took PostgreSQL minutes per figure; this is one scan and a hash aggregate."""

    def run():
        codes = list(Category.objects.order_by("code").values_list("code", flat=True))
        bit = {code: 1 << i for i, code in enumerate(codes)}
        per_person = (
            active_at_year_end(scope)
            .order_by()
            .values("person_id")
            .annotate(
                mask=Sum(
                    Case(*[When(category_id=code, then=Value(b)) for code, b in bit.items()], default=Value(0)),
                    output_field=BigIntegerField(),
                ),
                grade=Max(Case(When(category_id=DISABLED, then="disability_grade"))),
            )
        )
        sql, params = per_person.query.sql_with_params()
        if connection.vendor == "sqlite" and scope.region and level_of(scope.region) <= Level.COUNTY:
            # a county or wider holds most persons: SQLite then best reads the entitlements as the outer loop, in
            # person order from their (person, category) index, each person by its key, so grouping by person
            # needs no sort (CROSS JOIN fixes that order; 3.5 s → 1.0 s at 1M). A town keeps the region index.
            sql = sql.replace('INNER JOIN "registry_person"', 'CROSS JOIN "registry_person"', 1)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT mask, grade, COUNT(*) FROM ({sql}) per_person GROUP BY mask, grade", params)
            found = cursor.fetchall()
        return {(frozenset(c for c in codes if mask & bit[c]), grade): n for mask, grade, n in found}

    return cached(("registry.combinations", scope), run)


def _persons_with(scope: Scope, label: str, codes) -> int:
    """Persons with at least one of these categories (`codes` a set, or a callable reading the code table)."""

    def run():
        wanted = set(codes() if callable(codes) else codes)
        return sum(n for (held, _grade), n in _combinations(scope).items() if held & wanted)

    return cached(("registry.persons", label, scope), run)


def _category_count(scope: Scope, code: str) -> int:
    return sum(n for (held, _grade), n in _combinations(scope).items() if code in held)


def _grade_count(scope: Scope, band: str) -> int:
    low, high, _ = GRADE_BANDS[band]
    return sum(n for (_held, grade), n in _combinations(scope).items() if grade is not None and low <= grade <= high)


def _codes_where(**filters):
    return lambda: Category.objects.filter(**filters).values_list("code", flat=True)


def _persons_of(rows):
    return Person.objects.filter(pk__in=rows.values("person_id"))


def _events(scope: Scope, kind: str):
    return PersonEvent.objects.filter(scope.in_region("person__region_id"), scope.in_year("date"), kind=kind)


def _event_counts(scope: Scope) -> dict[str, int]:
    def run():
        kinds = [kind for _key, kind, _label in EVENT_FIGURES]
        rows = PersonEvent.objects.filter(scope.in_region("person__region_id"), scope.in_year("date"), kind__in=kinds)
        grouped = rows.order_by().values("kind").annotate(n=Count("person_id", distinct=True))
        return {row["kind"]: row["n"] for row in grouped}

    return cached(("registry.events", scope), run)


def _group_rows(scope: Scope, group: str):
    return active_at_year_end(scope).filter(category__group=group)


def _grade_rows(scope: Scope, band: str):
    low, high, _ = GRADE_BANDS[band]
    return active_at_year_end(scope).filter(category_id=DISABLED, disability_grade__gte=low, disability_grade__lte=high)


register(
    Figure(
        key="registry.key_persons",
        label="重点优抚对象人数",
        unit="人",
        section=SECTION,
        value=lambda s: _persons_with(s, "key", _codes_where(is_key=True)),
        records=lambda s: _persons_of(key_entitlements(s)),
        source=SOURCE_ACTIVE + "，重点优抚类别，按人计",
    )
)
register(
    Figure(
        key="registry.all_persons",
        label="在册优抚对象人数",
        unit="人",
        section=SECTION,
        value=lambda s: _persons_with(s, "all", _codes_where()),
        records=lambda s: _persons_of(active_at_year_end(s)),
        source=SOURCE_ACTIVE + "，全部类别，按人计",
    )
)
register(
    Figure(
        key="registry.entitlements",
        label="享受优抚待遇人次",
        unit="人次",
        section=SECTION,
        value=lambda s: cached(("registry.entitlements", s), lambda: active_at_year_end(s).count()),
        records=active_at_year_end,
        source=SOURCE_ACTIVE + "，全部类别，按待遇计（一人享受两类待遇计两人次）",
    )
)
register(
    Figure(
        key="registry.war_and_test",
        label="参战参试退役人员人数",
        unit="人",
        section=SECTION,
        value=lambda s: _persons_with(s, "51+61", WAR_AND_TEST),
        records=lambda s: active_at_year_end(s).filter(category_id__in=WAR_AND_TEST),
        source=SOURCE_ACTIVE + "，类别为参战退役人员或参试退役人员，按人计",
    )
)

for _group in CategoryGroup:
    register(
        Figure(
            key=f"registry.group.{_group.value}",
            label=f"{_group.label}人数",
            unit="人",
            section=SECTION,
            value=lambda s, g=_group.value: _persons_with(s, f"group {g}", _codes_where(group=g)),
            records=lambda s, g=_group.value: _group_rows(s, g),
            source=f"{SOURCE_ACTIVE}，类别分组为“{_group.label}”，按人计",
        )
    )

for _band, (_low, _high, _text) in GRADE_BANDS.items():
    register(
        Figure(
            key=f"registry.disabled_grade_{_band}",
            label=f"{_text}残疾军人人数",
            unit="人",
            section=SECTION,
            value=lambda s, b=_band: _grade_count(s, b),
            records=lambda s, b=_band: _grade_rows(s, b),
            source=f"{SOURCE_ACTIVE}，残疾军人伤残等级{_text}",
        )
    )

for _key, _kind, _label in EVENT_FIGURES:
    register(
        Figure(
            key=f"registry.{_key}",
            label=_label,
            unit="人",
            section=SECTION,
            value=lambda s, k=_kind: _event_counts(s).get(k, 0),
            records=lambda s, k=_kind: _events(s, k),
            source=f"人员事件：本年“{_kind.label}”，按人计",
        )
    )


def _moves_out(scope: Scope):
    """迁出 counted where the person left from (after acceptance the person lives in the other county)."""
    return Transfer.objects.filter(scope.in_region("from_region_id"), scope.in_year("moved_on")).exclude(
        state=Transfer.State.RETURNED
    )


register(
    Figure(
        key="registry.moved_out",
        label="本年迁出人数",
        unit="人",
        section=SECTION,
        value=lambda s: _moves_out(s).values("person_id").distinct().count(),
        records=lambda s: Person.objects.filter(pk__in=_moves_out(s).values("person_id")),
        source="跨县迁移：本年迁出（按迁出地统计，被退回的不计），按人计",
    )
)


def category_figures():
    """One figure per 优抚类别 in the code table (a category added as data gets its own)."""
    for category in Category.objects.filter(is_active=True).order_by("sort_order", "code"):
        code = category.code
        yield Figure(
            key=f"registry.category.{code}",
            label=f"{category.name}人数",
            unit="人",
            section=SECTION,
            value=lambda s, c=code: _category_count(s, c),
            records=lambda s, c=code: active_at_year_end(s).filter(category_id=c),
            source=f"{SOURCE_ACTIVE}，类别为“{category.name}”",
        )


register_family("registry.category.", category_figures)
