"""The registry's figures for the catalogue: persons on the registry at year end, and the year's life events.

"On the registry at year end" = an entitlement approved on or before 31 December (or imported without a date)
that is 享受待遇 now, or that ended (停发, 迁出, 取消, 去世) only after that day. For a past year, persons who
moved in after it are left out. Counts come from one grouped query per scope (catalogue.cached), so the
dozens of figures below cost two queries over the registry, whatever the number of categories.
"""

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from shuangyong.registry.choices import CategoryGroup, EventKind, Status
from shuangyong.registry.models import Category, Entitlement, Person, PersonEvent
from shuangyong.reports.catalogue import Figure, Scope, cached, register, register_family

SECTION = "benefits"
ENDED = (Status.SUSPENDED, Status.MOVED_OUT, Status.CANCELLED, Status.DECEASED)
GRADE_BANDS = {"1_4": (1, 4, "一至四级"), "5_6": (5, 6, "五至六级"), "7_10": (7, 10, "七至十级")}
EVENT_FIGURES = [
    ("approved", EventKind.APPROVE, "本年新增（认定享受待遇）人数"),
    ("died", EventKind.DEATH, "本年去世人数"),
    ("moved_in", EventKind.MOVE_IN, "本年迁入人数"),
    ("moved_out", EventKind.MOVE_OUT, "本年迁出人数"),
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


def _counts_by_category(scope: Scope) -> dict[str, int]:
    def run():
        grouped = active_at_year_end(scope).order_by().values("category_id").annotate(n=Count("id"))
        return {row["category_id"]: row["n"] for row in grouped}

    return cached(("registry.by_category", scope), run)


def _distinct_persons(scope: Scope, label: str, rows) -> int:
    return cached(("registry.persons", label, scope), lambda: rows.values("person_id").distinct().count())


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
    return active_at_year_end(scope).filter(category_id="11", disability_grade__gte=low, disability_grade__lte=high)


register(
    Figure(
        key="registry.key_persons",
        label="重点优抚对象人数",
        unit="人",
        section=SECTION,
        value=lambda s: _distinct_persons(s, "key", key_entitlements(s)),
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
        value=lambda s: _distinct_persons(s, "all", active_at_year_end(s)),
        records=lambda s: _persons_of(active_at_year_end(s)),
        source=SOURCE_ACTIVE + "，全部类别，按人计",
    )
)
register(
    Figure(
        key="registry.war_and_test",
        label="参战参试退役人员人数",
        unit="人",
        section=SECTION,
        value=lambda s: _distinct_persons(s, "51+61", active_at_year_end(s).filter(category_id__in=["51", "61"])),
        records=lambda s: active_at_year_end(s).filter(category_id__in=["51", "61"]),
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
            value=lambda s, g=_group.value: _distinct_persons(s, f"group {g}", _group_rows(s, g)),
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
            value=lambda s, b=_band: _grade_rows(s, b).count(),
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


def category_figures():
    """One figure per 优抚类别 in the code table (a category added as data gets its own)."""
    for category in Category.objects.filter(is_active=True).order_by("sort_order", "code"):
        code = category.code
        yield Figure(
            key=f"registry.category.{code}",
            label=f"{category.name}人数",
            unit="人",
            section=SECTION,
            value=lambda s, c=code: _counts_by_category(s).get(c, 0),
            records=lambda s, c=code: active_at_year_end(s).filter(category_id=c),
            source=f"{SOURCE_ACTIVE}，类别为“{category.name}”",
        )


register_family("registry.category.", category_figures)
