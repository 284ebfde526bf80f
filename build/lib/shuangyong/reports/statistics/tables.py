"""The yearly statistics tables as grids: rows of places (or units) by columns of categories, kinds, months.

Each table is a few grouped queries over the same rows the catalogue's figures count, so a table's 合计 row is
the figure of the same name (tested). A region's rows are its towns (a town's, its villages); rows at the
region itself (persons placed at the town, not a village) are a row of their own.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth, Substr

from shuangyong.benefits.choices import BACKPAY_TYPES, LineType
from shuangyong.benefits.figures import paid_lines
from shuangyong.benefits.models import BenefitKind
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope
from shuangyong.regions.codes import PREFIX_LENGTH, Level, level_of
from shuangyong.regions.models import Region
from shuangyong.registry.figures import active_at_year_end
from shuangyong.registry.models import Category


@dataclass
class Sheet:
    name: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    money: bool = False  # numbers are 元 with two places
    note: str = ""

    def total_row(self, label: str = "合计") -> list:
        columns = list(zip(*(row[1:] for row in self.rows), strict=True)) if self.rows else []
        return [label, *(sum(column) for column in columns)] if columns else [label, *([0] * (len(self.headers) - 1))]


@dataclass
class Table:
    key: str
    title: str
    scope_name: str
    year: int
    sheets: list[Sheet]


def _places(region_code: str) -> tuple[int, list[tuple[str, str]]]:
    """(prefix length of a row's code, [(row prefix, row name)]): the children of the region, and itself."""
    level = level_of(region_code)
    if level >= Level.VILLAGE:
        return 12, [(region_code, Region.objects.get(code=region_code).name)]
    size = PREFIX_LENGTH[Level(level + 1)]
    children = Region.objects.filter(parent_id=region_code).order_by("code").values_list("code", "name")
    places = [(code[:size], name) for code, name in children]
    own = Region.objects.get(code=region_code)
    places.append((region_code[:size], f"{own.name}（本级）"))
    return size, places


def _grid(places, columns, cells: dict[tuple[str, str], object], zero=0) -> list[list]:
    rows = []
    for prefix, name in places:
        values = [cells.get((prefix, c), zero) for c in columns]
        if name.endswith("（本级）") and not any(values):
            continue  # nobody placed at the region itself: no row
        rows.append([name, *values])
    return rows


def persons_table(scope: Scope, scope_name: str) -> Table:
    """优抚对象统计表: places × categories (年末在册), with 重点优抚对象人数 and 合计人数 (persons)."""
    size, places = _places(scope.region)
    rows = active_at_year_end(scope).order_by().annotate(place=Substr("person__region_id", 1, size))
    cells = {
        (r["place"], r["category_id"]): r["n"] for r in rows.values("place", "category_id").annotate(n=Count("id"))
    }
    key_persons = rows.filter(category__is_key=True).values("place").annotate(n=Count("person_id", distinct=True))
    all_persons = rows.values("place").annotate(n=Count("person_id", distinct=True))
    for prefix, n in ((r["place"], r["n"]) for r in key_persons):
        cells[(prefix, "_key")] = n
    for prefix, n in ((r["place"], r["n"]) for r in all_persons):
        cells[(prefix, "_all")] = n
    categories = list(Category.objects.filter(is_active=True).order_by("sort_order", "code"))
    columns = [c.code for c in categories] + ["_key", "_all"]
    sheet = Sheet(
        name="优抚对象统计表",
        title=f"{scope.year}年{scope_name}优抚对象统计表",
        headers=["区划", *(c.name for c in categories), "重点优抚对象人数", "合计人数"],
        rows=_grid(places, columns, cells),
        note=f"统计口径：截至{scope.year}年12月31日在册（享受待遇）的优抚对象；一人多类别的分别计入各类别，人数按人计。单位：人",
    )
    return Table("persons", "优抚对象统计表", scope_name, scope.year, [sheet])


def payments_table(scope: Scope, scope_name: str) -> Table:
    """抚恤补助资金发放统计表: places × benefit kinds and months × benefit kinds, in 元."""
    size, places = _places(scope.region)
    kinds = list(BenefitKind.objects.order_by("sort_order", "code").values_list("code", "name"))
    lines = paid_lines(scope).order_by()
    by_place: dict[tuple[str, str], Decimal] = {}
    for r in (
        lines.annotate(place=Substr("region_id", 1, size))
        .values("place", "kind_id", "line_type")
        .annotate(fen=Sum("amount_fen"))
    ):
        fen = r["fen"] or 0
        for column in (
            (r["kind_id"], "_total")
            + (("_backpay",) if r["line_type"] in BACKPAY_TYPES else ())
            + (("_recovery",) if r["line_type"] == LineType.RECOVERY else ())
        ):
            by_place[(r["place"], column)] = by_place.get((r["place"], column), 0) + fen
    used = [(code, name) for code, name in kinds if any(key[1] == code for key in by_place)] or kinds[:4]
    place_columns = [code for code, _ in used] + ["_backpay", "_recovery", "_total"]
    place_rows = _grid(places, place_columns, by_place)
    by_month: dict[tuple[str, str], int] = {}
    for r in lines.annotate(m=ExtractMonth("run__period_start")).values("m", "kind_id").annotate(fen=Sum("amount_fen")):
        for column in (r["kind_id"], "_total"):
            by_month[(str(r["m"]), column)] = by_month.get((str(r["m"]), column), 0) + (r["fen"] or 0)
    month_rows = _grid([(str(m), f"{m}月") for m in range(1, 13)], [c for c, _ in used] + ["_total"], by_month)
    names = [name for _, name in used]
    note = "统计口径：本年已批准发放批次的发放明细（银行退回的除外），按发放批次所属月份；追缴以负数计入合计。单位：元"
    return Table(
        "payments",
        "抚恤补助资金发放统计表",
        scope_name,
        scope.year,
        [
            Sheet(
                "按区划",
                f"{scope.year}年{scope_name}抚恤补助资金发放统计表",
                ["区划", *names, "其中补发", "其中追缴", "合计"],
                _yuan_rows(place_rows),
                money=True,
                note=note,
            ),  # fmt: skip
            Sheet(
                "按月份",
                f"{scope.year}年{scope_name}抚恤补助资金分月发放统计表",
                ["月份", *names, "合计"],
                _yuan_rows(month_rows),
                money=True,
                note=note,
            ),  # fmt: skip
        ],
    )


def _yuan_rows(rows: list[list]) -> list[list]:
    return [[row[0], *(catalogue.yuan(v) for v in row[1:])] for row in rows]


def activities_table(scope: Scope, scope_name: str) -> Table:
    """双拥活动统计表: organising units × activity kinds (次) and measured quantities (份, 块, 人次 ...)."""
    from shuangyong.activities.figures import activities, activity_q
    from shuangyong.activities.models import ActivityKind, ActivityQuantity, QuantityKind

    rows = activities(scope).order_by()
    cells: dict[tuple[str, str], object] = {}
    units: dict[str, str] = {}
    for r in rows.values("organiser__code", "organiser__name", "kind_id").annotate(n=Count("pk")):
        unit = r["organiser__code"] or ""
        units[unit] = r["organiser__name"] or "（未填组织单位）"
        cells[(unit, f"k:{r['kind_id']}")] = r["n"]
    quantities = ActivityQuantity.objects.filter(activity_q(scope, "activity__")).order_by()
    for r in quantities.values("activity__organiser__code", "activity__organiser__name", "kind_id").annotate(
        total=Sum("amount")
    ):
        unit = r["activity__organiser__code"] or ""
        units[unit] = r["activity__organiser__name"] or "（未填组织单位）"
        cells[(unit, f"q:{r['kind_id']}")] = _plain(r["total"])
    kinds = [k for k in ActivityKind.objects.order_by("sort_order", "code") if (f"k:{k.code}") in {c for _, c in cells}]
    qkinds = [q for q in QuantityKind.objects.order_by("sort_order", "code") if f"q:{q.code}" in {c for _, c in cells}]
    columns = [f"k:{k.code}" for k in kinds] + [f"q:{q.code}" for q in qkinds]
    places = sorted(units.items(), key=lambda item: (item[0] == "", item[1]))
    sheet = Sheet(
        name="双拥活动统计表",
        title=f"{scope.year}年{scope_name}双拥活动统计表",
        headers=["组织单位", *(f"{k.name}（次）" for k in kinds), *(f"{q.name}（{q.unit}）" for q in qkinds)],
        rows=_grid(places, columns, cells),
        note="统计口径：本年登记的双拥活动，按组织单位；活动按次计，计量项目按登记数量合计",
    )
    return Table("activities", "双拥活动统计表", scope_name, scope.year, [sheet])


def _plain(amount) -> int | Decimal:
    """2.00 → 2; 2.50 stays a Decimal."""
    if amount is None:
        return 0
    return int(amount) if amount == amount.to_integral_value() else amount


TABLES = {"persons": persons_table, "payments": payments_table, "activities": activities_table}
