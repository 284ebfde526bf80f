"""The demo county's 目标考核 for 2025 and 2026 (演示数据): the county sets targets for its member units and its
towns, measured by the figures of the catalogue, so progress is what the demo's records add up to.

The activities figures exist once the activities app is installed (it runs before this module in the demo);
a target whose figure is missing, or does not apply to the assignee, is skipped, so the demo builds whatever
apps are present. Idempotent: assign_target leaves a target with the same values unchanged.

The county's 工作计划 for this year (named in last year's summary): its own items, and the items the plan page
proposed from last year's open problems (targets not met, placements overdue ...), taken as the office would.
An item already in the plan is left as it is.
"""

from datetime import date

from shuangyong.accounts.models import User
from shuangyong.assessment import plans
from shuangyong.assessment.models import PlanItem
from shuangyong.assessment.services import assign_target
from shuangyong.audit.context import actor_for
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, Scope
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit, UnitKind

ALL_TOWNS = "towns"
# (title, section, lead unit, due month) of the county's own plan items for this year
PLAN = [
    ("迎接全国双拥模范城（县）命名考评，完成创建台账整理", "leadership", "LY-SYB", 9),
    ("建成县级退役军人服务中心“一站式”服务窗口", "benefits", "LY-TYJR", 6),
    ("开展“八一”走访慰问驻罗部队和重点优抚对象", "support", "LY-TYJR", 8),
    ("新建罗源湾国防教育主题公园", "publicity", "LY-XCB", 10),
    ("落实随军家属就业安置和军人子女入学优待政策", "support", "LY-RSJ", 9),
]
ALL_MEMBERS = "members"
# (figure key, comparator, threshold, points, assignees: unit codes, ALL_TOWNS or ALL_MEMBERS, note)
TARGETS = [
    ("activities.visits.bayi.households", "ge", 8, 10, ALL_TOWNS, "八一走访慰问重点优抚对象不少于 8 户"),
    ("activities.visits.spring.households", "ge", 8, 10, ALL_TOWNS, "春节走访慰问不少于 8 户"),
    ("activities.quantity.materials", "ge", 1000, 5, ALL_TOWNS, "发放双拥宣传材料不少于 1000 份"),
    ("leadership.meetings", "ge", 2, 5, ALL_TOWNS, "每年召开双拥工作会议不少于 2 次"),
    ("activities.count", "ge", 1, 5, ALL_MEMBERS, "成员单位每年组织双拥活动"),
    ("leadership.decisions_done", "ge", 1, 5, ALL_MEMBERS, "落实领导小组议定事项"),
    ("activities.quantity.materials", "ge", 2000, 10, ["LY-XCB"], "宣传材料不少于 2000 份"),
    ("activities.quantity.articles", "ge", 20, 5, ["LY-XCB"], "刊发双拥宣传文章不少于 20 篇"),
    ("activities.quantity.screenings", "ge", 12, 10, ["LY-WGJ"], "送电影进军营不少于 12 场"),
    ("activities.quantity.performances", "ge", 2, 5, ["LY-WGJ"], "慰问演出不少于 2 场"),
    ("activities.cases.kind.medical", "ge", 1, 5, ["LY-WSJ", "LY-YBJ"], "优抚对象医疗救助"),
    ("activities.cases.kind.schooling", "ge", 1, 5, ["LY-JYJ"], "军人子女入学入托"),
    ("activities.cases.kind.employment", "ge", 1, 5, ["LY-RSJ"], "随军家属就业"),
    ("activities.cases.kind.housing", "ge", 1, 5, ["LY-ZJJ"], "优抚对象危房改造"),
]
YEARS = (2025, 2026)


def chosen_keys() -> list[str]:
    """The figure keys of TARGETS that the catalogue has now (what the demo will use)."""
    keys = []
    for key, *_ in TARGETS:
        try:
            catalogue.get(key)
        except CatalogueError:
            continue
        if key not in keys:
            keys.append(key)
    return keys


def _assignees(spec, towns, members):
    if spec == ALL_TOWNS:
        return [], towns
    if spec == ALL_MEMBERS:
        return members, []
    return [u for u in members if u.code in spec], []


def build(county: Region, today: date) -> None:
    admin = User.objects.get(username="syb")
    towns = list(Region.objects.subtree(county.code).filter(level=Level.TOWN).order_by("code"))
    members = list(Unit.objects.filter(kind=UnitKind.MEMBER, region=county).exclude(code="LY-SYB").order_by("code"))
    usable = set(chosen_keys())
    with actor_for(admin):
        _plan(county, today.year, admin)
        for year in YEARS:
            for key, comparator, threshold, points, spec, note in TARGETS:
                if key not in usable:
                    continue
                units, regions = _assignees(spec, towns, members)
                figure = catalogue.get(key)
                units = [u for u in units if figure.applies_to(Scope(year, unit=u.code))]
                regions = [r for r in regions if figure.applies_to(Scope(year, region=r.code))]
                if units or regions:
                    assign_target(
                        year=year, measure=key, comparator=comparator, threshold=threshold, points=points,
                        note=note, units=units, regions=regions, issuer=county, user=admin,
                    )  # fmt: skip
        for proposal in plans.proposals(county, today.year):  # last year's open problems, taken up
            plans.take(county, today.year, proposal, user=admin)


def _plan(county: Region, year: int, admin) -> None:
    units = {unit.code: unit for unit in Unit.objects.filter(kind=UnitKind.MEMBER)}
    for title, section, unit, month in PLAN:
        if not PlanItem.objects.filter(region=county, year=year, title=title).exists():
            plans.add_plan_item(
                region=county, year=year, title=title, section=section, lead_unit=units.get(unit),
                due=date(year, month, 1), user=admin,
            )  # fmt: skip
