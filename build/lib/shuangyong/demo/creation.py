"""The demo county's 双拥模范城（县）创建 (演示数据): namings — 全国 2016 and 2020, 省级 2017, 2021 and 2025 — and its
self-assessment of last year against the shipped national rubric, whose skeleton sections the demo completes with
items of its own (marked 演示): automatic items scored from the demo's records, judged items with their reasons,
evidence notes and records picked from the figures, a few honest gaps assigned to member units and a town (with
helpers and a due month), submitted and locked; and this year's, under way, with the same assignments.

Idempotent: a naming, a demo item or an assessment already there is kept as it is.
"""

from datetime import date
from decimal import Decimal

from shuangyong.accounts.models import User
from shuangyong.audit.context import actor_for
from shuangyong.benefits.services.rates import add_months
from shuangyong.creation import services
from shuangyong.creation.models import ItemRule, Naming, Rubric, RubricItem, RubricSection, SelfAssessment
from shuangyong.creation.rubrics import NATIONAL
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit

NAMINGS = [
    ("national", 2016, "全国双拥模范县"),
    ("national", 2020, "全国双拥模范县"),
    ("provincial", 2017, "福建省双拥模范县"),
    ("provincial", 2021, "福建省双拥模范县"),
    ("provincial", 2025, "福建省双拥模范县"),
]
# the demo's items for the skeleton sections: (section, number, text, points, criteria, rules "figure=levels;...")
DEMO_ITEMS = [
    (
        3,
        7,
        "“八一”“春节”走访慰问驻军和军人军属、重点优抚对象（演示）",
        2,
        "两个节日各走访50户以上各得1分",
        "activities.visits.bayi.households=50:1;activities.visits.spring.households=50:1",
    ),
    (3, 8, "义务兵家庭优待金按标准足额发放（演示）", 1, "按时足额发放得1分", "support.allowance_families=1:1"),
    (
        5,
        9,
        "军地共建对子覆盖学校、企业、村（社区）（演示）",
        2,
        "共建对子5对以上得1分，10对以上得2分",
        "activities.pairs=5:1 10:2",
    ),
    (6, 10, "驻地部队参加抢险救灾、支援地方建设（演示）", 1, "有出动兵力记录得1分", "activities.quantity.troops=1:1"),
]
# (item 序号, score, reason, note)
JUDGED = [
    (
        "1",
        "1.5",
        "已列入县“十四五”规划和领导干部实绩考核、政府工作报告，人武部年度报告未写入",
        "《罗源县国民经济和社会发展第十四个五年规划纲要》第十二章；县委组织部实绩考核办法",
    ),
    ("3.1", "0.25", "成员单位双拥工作职责已明确", "县双拥办关于成员单位职责分工的通知"),
    ("3.2", "0.25", "成员单位均报送了年度计划和总结", "各成员单位年度双拥工作计划和总结汇编"),
    ("3.3", "0", "领导小组全体会议未安排成员单位述职", ""),
    ("6", "0.75", "已纳入教育、宣传部门年度计划，文化和媒体部门计划未列入", "县教育局、县委宣传部年度工作要点"),
]
# this year's judged so far: a gap of last year closed by its unit
JUDGED_NOW = [("6", "1", "文化和新闻媒体部门已列入年度计划", "县文旅局、县融媒体中心年度工作要点")]
# who works the items: (item 序号, lead — a member unit's code or a town's name —, helpers, due: months from now)
ASSIGNED = [
    ("1", "LY-SYB", [], 2),
    ("3.3", "LY-TYJR", ["LY-SYB", "LY-WGJ"], -2),
    ("6", "LY-WGJ", ["LY-JYJ"], -1),
    ("7", "凤山镇", ["LY-TYJR", "松山镇"], 1),
]
# records picked as evidence: (item 序号, figure, how many of its latest records)
PICKED = [
    ("2", "leadership.meetings.joint", 2),
    ("2", "leadership.meetings.group", 1),
    ("7", "activities.visits.bayi.households", 3),
]


def _complete_rubric(rubric: Rubric, admin) -> None:
    sections = {s.number: s for s in RubricSection.objects.filter(rubric=rubric)}
    for section, number, text, points, criteria, rules in DEMO_ITEMS:
        if RubricItem.objects.filter(section__rubric=rubric, number=number).exists():
            continue
        item = RubricItem(section=sections[section], number=number, text=text, points=Decimal(points),
                          criteria=criteria, scoring="auto", step=Decimal(1))  # fmt: skip
        item.save()
        for rule in rules.split(";"):
            figure, levels = rule.split("=")
            ItemRule(item=item, figure=figure, levels=levels).save()
        owner = sections[section]
        owner.points = sum(i.points for i in owner.items.all())
        owner.save()


def _assign(county: Region, rows: dict, today: date, admin) -> None:
    units = {unit.code: unit for unit in Unit.objects.all()}
    towns = {town.name: town for town in Region.objects.filter(code__startswith=county.code[:6], level=Level.TOWN)}
    this_month = today.replace(day=1)
    for code, lead, helpers, months in ASSIGNED:
        if code not in rows:
            continue
        services.assign_item(
            rows[code],
            lead_unit=units.get(lead),
            lead_town=towns.get(lead),
            helper_units=[units[h] for h in helpers if h in units],
            helper_towns=[towns[h] for h in helpers if h in towns],
            due=add_months(this_month, months),
            user=admin,
        )


def build(county: Region, today: date) -> None:
    admin = User.objects.get(username="syb")
    rubric = Rubric.objects.filter(code=NATIONAL).first()
    if rubric is None:
        return
    year = today.year - 1
    with actor_for(admin):
        for level, named, title in NAMINGS:
            if not Naming.objects.filter(region=county, level=level, year=named).exists():
                services.record_naming(region=county, level=level, year=named, title=title, user=admin)
        if SelfAssessment.objects.filter(region=county, year=year).exists():
            return
        _complete_rubric(rubric, admin)
        assessment = services.open_assessment(rubric=rubric, region=county, year=year, user=admin)
        services.score_automatic(assessment, user=admin)
        rows = {row.item.code: row for row in assessment.scores.select_related("item__parent")}
        for code, score, reason, note in JUDGED:
            services.judge_item(rows[code], score=score, reason=reason, user=admin)
            if note:
                services.note_evidence(rows[code], note=note, user=admin)
        for code, figure, latest in PICKED:
            records = services.figure_records(figure, assessment, user=admin)
            if records is not None and code in rows:
                ids = list(records.order_by("-pk").values_list("pk", flat=True)[:latest])
                services.pick_records(rows[code], figure=figure, ids=ids, user=admin)
        _assign(county, rows, today, admin)
        services.submit_assessment(assessment, user=admin)
        # this year's, under way: scored from the records so far, the same units at work on the same items
        current = services.open_assessment(rubric=rubric, region=county, year=today.year, user=admin)
        services.score_automatic(current, user=admin)
        now = {row.item.code: row for row in current.scores.select_related("item__parent")}
        for code, score, reason, note in JUDGED_NOW:
            services.judge_item(now[code], score=score, reason=reason, user=admin)
            services.note_evidence(now[code], note=note, user=admin)
        _assign(county, now, today, admin)
