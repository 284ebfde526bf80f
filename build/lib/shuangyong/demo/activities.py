"""The demo county's 双拥 work for 2025 and 2026 (up to `today`): 春节 and 八一 visits by the county's leaders and
by every town, publicity around 国防教育日 and 征兵, films, books and performances sent to the barracks, student
军训, the army's help in typhoon relief and public works, 军民共建 pairs (schools, companies, a hospital, a
community, and villages once the county's unit list has them) and 帮扶 cases for entitled persons with their
steps and outcomes.

Deterministic (fixed seeds, persons taken in id order) and idempotent: activities are recorded through the service
with their natural key (unchanged the second time); recipients, pairs and cases are added only where missing.
"""

import random
from datetime import date

from shuangyong.accounts.system import system_user
from shuangyong.activities.models import CaseStatus, HelpCase, Pair, PairStatus, ProblemKind
from shuangyong.activities.services import cases, pairs, visits
from shuangyong.activities.services.codes import load_code_tables
from shuangyong.activities.services.records import record_activity
from shuangyong.regions.models import Region, subtree_q
from shuangyong.registry.models import Person
from shuangyong.units.models import Unit, UnitKind

YEARS = (2025, 2026)
COUNTY_LEADERS = "县委书记 陈立新、县长 林志强、县人武部政委 王海军"
TOWN_LEADER = "{town}党委书记、镇长及武装部长"

# (partner code, garrison code, since, organiser code, agreement)
PAIRS = [
    ("LY-SCH-1", "LY-LJ", date(2016, 9, 1), "LY-JYJ", "国防教育基地共建：每年新生军训、八一开放营区"),
    ("LY-SCH-2", "LY-WJ", date(2019, 3, 5), "LY-JYJ", "少年军校：每月一次队列训练和国防知识课"),
    ("LY-SCH-3", "LY-HJ", date(2021, 8, 1), "LY-JYJ", "海洋国防教育共建"),
    ("LY-SCH-4", "LY-XF", date(2022, 5, 12), "LY-JYJ", "消防安全教育共建"),
    ("LY-COM-1", "LY-HJ", date(2018, 7, 20), None, "港区军地联合保障：码头泊位、物资转运"),
    ("LY-COM-2", "LY-RWB", date(2020, 1, 10), None, "民兵应急分队电力保障共建"),
    ("LY-HOS-1", "LY-LJ", date(2017, 8, 1), "LY-WSJ", "军地医疗共建：官兵体检、巡诊"),
    ("LY-CMY-1", "LY-WJ", date(2015, 5, 1), None, "警民共建文明社区：联合巡逻、法治宣传"),
]
# village partners (村委会 as 共建单位): (code, garrison, since)
VILLAGE_PAIRS = [
    ("LY-VIL-1", "LY-LJ", date(2025, 4, 15)),
    ("LY-VIL-2", "LY-HJ", date(2025, 8, 1)),
    ("LY-VIL-3", "LY-YBY", date(2026, 3, 20)),
]
ENDED_PAIR = ("LY-COM-2", "LY-YBY", date(2019, 6, 1), date(2025, 6, 30))

# notable 帮扶 cases: (town code, problem kind, opened, description, unit, steps [(date, action, 元)], close)
CASES = [
    (
        "350123203000",
        "housing",
        date(2025, 3, 12),
        "一级伤残军人，住房为六十年代土木结构，墙体开裂、屋顶漏雨",
        "LY-ZJJ",
        [
            (date(2025, 4, 2), "县住建局、乡服务站入户核查，列入年度危房改造计划", 0),
            (date(2025, 6, 18), "拨付危房改造补助首期", 20000),
            (date(2025, 9, 30), "竣工验收，拨付尾款", 15000),
        ],
        (date(2025, 10, 8), "新建砖混结构住房 86 平方米，已搬入新居"),
    ),
    (
        "350123100000",
        "medical",
        date(2025, 11, 5),
        "参战退役人员，罹患肺癌住院，自付费用约 6 万元",
        "LY-YBJ",
        [
            (date(2025, 11, 20), "落实优抚对象医疗补助，一站式结算", 12000),
            (date(2026, 2, 10), "县双拥办临时救助", 5000),
        ],
        (date(2026, 3, 1), "医疗费用自付部分降至 1.8 万元"),
    ),
    (
        "350123101000",
        "schooling",
        date(2026, 7, 10),
        "现役军人子女随迁，申请就读县实验小学一年级",
        "LY-JYJ",
        [(date(2026, 7, 25), "县教育局协调学位", 0)],
        (date(2026, 8, 20), "已安排就读罗源县实验小学"),
    ),
    (
        "350123102000",
        "employment",
        date(2026, 3, 3),
        "退役士兵返乡，有驾驶技能，求职未果",
        "LY-RSJ",
        [
            (date(2026, 3, 20), "参加退役军人专场招聘会，推荐至港务公司", 0),
            (date(2026, 4, 8), "发放适应性培训补贴", 1800),
        ],
        (date(2026, 4, 15), "已被罗源湾港务有限公司录用为驾驶员"),
    ),
    (
        "350123200000",
        "legal_aid",
        date(2026, 5, 6),
        "烈士遗属宅基地纠纷，申请法律援助",
        "LY-SFJ",
        [(date(2026, 5, 12), "指派律师代理", 0)],
        (date(2026, 6, 30), "经调解达成协议，权益得到维护"),
    ),
    (
        "350123104000",
        "elderly_care",
        date(2026, 9, 1),
        "在乡复员军人，92 岁独居，行动不便",
        None,
        [(date(2026, 9, 5), "纳入居家养老服务，每周上门两次", 1200)],
        None,
    ),
    (
        "350123201000",
        "housing",
        date(2026, 8, 18),
        "带病回乡退伍军人，房屋受台风损毁",
        "LY-ZJJ",
        [(date(2026, 9, 2), "拨付应急修缮补助", 8000)],
        None,
    ),
    ("350123103000", "hardship", date(2026, 10, 9), "残疾军人配偶重病，家庭生活困难", None, [], None),
]


def _unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def _towns(county: Region) -> list[Region]:
    return list(Region.objects.filter(parent=county).order_by("code"))


def _persons(region_code: str, count: int, offset: int = 0) -> list[Person]:
    living = Person.objects.filter(subtree_q("region", region_code), death_date__isnull=True).order_by("id")
    return list(living[offset : offset + count])


def _visit(title, day, occasion, today, *, unit=None, region=None, leaders="", narrative=""):
    if day > today:
        return None
    return record_activity(
        unit=unit,
        region=region,
        kind="visit",
        date=day,
        occasion=occasion,
        title=title,
        leaders=leaders,
        narrative=narrative,
        user=system_user(),
    )


def _add_recipients(activity, persons, money_yuan, gifts, garrisons=(), garrison_yuan=0):
    if activity is None or activity.recipients.exists():
        return
    for person in persons:
        visits.add_recipient(activity, person=person, money_fen=money_yuan * 100, gifts=gifts, user=system_user())
    for garrison in garrisons:
        visits.add_recipient(
            activity, garrison=garrison, money_fen=garrison_yuan * 100, gifts="慰问品一批", user=system_user()
        )


def _record(today, **fields):
    if fields["date"] > today:
        return None
    return record_activity(user=system_user(), **fields)


def _county_year(county: Region, year: int, today: date) -> None:
    garrisons = list(Unit.objects.filter(kind=UnitKind.GARRISON).order_by("code"))
    syb, xcb, wgj, jyj, tyjr = (_unit(c) for c in ("LY-SYB", "LY-XCB", "LY-WGJ", "LY-JYJ", "LY-TYJR"))
    spring = _visit(
        f"{year}年春节走访慰问驻罗部队和重点优抚对象",
        date(year, 1, 22),
        "spring",
        today,
        unit=syb,
        leaders=COUNTY_LEADERS,
        narrative="县四套班子领导分六组走访慰问驻罗部队官兵和重点优抚对象，送去慰问金和节日慰问品。",
    )
    _add_recipients(spring, _persons(county.code, 12, offset=year % 7), 1000, "米、油、春联", garrisons, 20000)
    bayi = _visit(
        f"{year}年“八一”建军节走访慰问",
        date(year, 7, 29),
        "bayi",
        today,
        unit=syb,
        leaders=COUNTY_LEADERS,
        narrative="走访慰问驻罗部队、伤残军人和烈士遗属，召开军地座谈会，通报县情、听取部队意见建议。",
    )
    _add_recipients(bayi, _persons(county.code, 10, offset=40 + year % 5), 1000, "慰问品", garrisons, 30000)
    _record(
        today,
        unit=syb,
        kind="forum",
        date=date(year, 7, 30),
        occasion="bayi",
        title=f"{year}年“八一”军地座谈会",
        leaders=COUNTY_LEADERS,
        quantities={"participants": 86},
        garrison_units=garrisons,
        narrative="驻罗部队领导、退役军人代表、现役军人家属代表参加，共商双拥共建。",
    )
    _record(
        today,
        unit=syb,
        kind="commendation",
        date=date(year, 1, 10),
        occasion="new_year",
        title=f"{year - 1}年度双拥模范单位和个人表彰会",
        quantities={"participants": 220},
        money_fen=4_800_000,
        narrative="表彰双拥模范单位 12 个、模范个人 30 名。",
    )
    _record(
        today,
        unit=xcb,
        kind="publicity",
        date=date(year, 9, 20),
        occasion="defence_day",
        title=f"{year}年全民国防教育日集中宣传",
        quantities={"materials": 3200 + 300 * (year - 2025), "boards": 24, "banners": 36, "articles": 14},
        money_fen=2_600_000,
        narrative="在县城广场设主会场，各乡镇设分会场，发放宣传材料，展出国防教育展板。",
    )
    _record(
        today,
        unit=xcb,
        kind="publicity",
        date=date(year, 11, 10) if year == 2025 else date(year, 11, 12),
        title=f"{year}年双拥工作简报和专栏",
        quantities={"bulletins": 12, "columns": 6, "articles": 9},
    )
    _record(
        today,
        unit=xcb,
        kind="publicity",
        date=date(year, 3, 15),
        occasion="conscription",
        title=f"{year}年征兵宣传进校园",
        quantities={"materials": 5000, "banners": 40, "participants": 2600},
        partner_units=[_unit("LY-SCH-1"), _unit("LY-SCH-3")],
    )
    _record(
        today,
        unit=wgj,
        kind="film",
        date=date(year, 7, 26),
        occasion="bayi",
        title=f"{year}年送电影进军营",
        quantities={"screenings": 10 + (year - 2025) * 2, "participants": 1500},
        garrison_units=garrisons[:4],
    )
    _record(
        today,
        unit=wgj,
        kind="performance",
        date=date(year, 1, 18),
        occasion="spring",
        title=f"{year}年春节拥军慰问文艺演出",
        quantities={"performances": 2, "participants": 900},
        money_fen=3_500_000,
        garrison_units=garrisons,
    )
    _record(
        today,
        unit=wgj,
        kind="books",
        date=date(year, 4, 23),
        title=f"{year}年“书香军营”送书活动",
        quantities={"books": 1200 + 300 * (year - 2025)},
        money_fen=3_000_000,
        garrison_units=garrisons[2:5],
    )
    pair = Pair.objects.filter(partner__code="LY-SCH-1", status=PairStatus.ACTIVE).first()
    _record(
        today,
        unit=jyj,
        kind="military_training",
        date=date(year, 8, 26),
        title=f"{year}年罗源一中高一新生军训",
        quantities={"trainees": 1180 + 40 * (year - 2025)},
        pair=pair,
        garrison_units=[_unit("LY-LJ")],
    )
    _record(
        today,
        unit=tyjr,
        kind="training",
        date=date(year, 5, 20),
        title=f"{year}年退役军人适应性培训",
        quantities={"trainees": 146 + 12 * (year - 2025)},
        money_fen=1_460_000,
    )
    # the army's help to the locality (拥政爱民)
    relief_town = {2025: "350123102000", 2026: "350123105000"}[year]
    relief_day = {2025: date(2025, 8, 1), 2026: date(2026, 9, 9)}[year]
    _record(
        today,
        region=relief_town,
        kind="disaster_relief",
        date=relief_day,
        occasion="daily",
        title=f"驻罗部队协助防御{'第8号' if year == 2025 else '第14号'}台风抢险救灾",
        quantities={"troops": 260 + 60 * (year - 2025), "vehicles": 32, "services": 18},
        garrison_units=[_unit("LY-LJ"), _unit("LY-WJ"), _unit("LY-XF")],
        narrative="转移群众、清理塌方、疏通道路，协助恢复供电供水。",
    )
    _record(
        today,
        region=county.code,
        kind="volunteer_labour",
        date=date(year, 3, 12),
        title=f"{year}年军民共建生态林植树",
        quantities={"troops": 150, "vehicles": 6},
        garrison_units=[_unit("LY-RWB"), _unit("LY-YBY")],
    )
    _record(
        today,
        region=county.code,
        kind="civil_support",
        date=date(year, 9, 1),
        title=f"{year}年驻军“八一爱民助学”",
        quantities={"participants": 60},
        money_fen=6_000_000,
        garrison_units=[_unit("LY-HJ"), _unit("LY-LJ")],
        narrative="驻军官兵资助困难学生 60 名，每人 1000 元。",
    )


def _town_year(town: Region, index: int, year: int, today: date) -> None:
    rng = random.Random(f"{town.code}-{year}")
    short = town.name
    spring = _visit(
        f"{short}{year}年春节走访慰问",
        date(year, 1, 20 + index % 6),
        "spring",
        today,
        region=town.code,
        leaders=TOWN_LEADER.format(town=short),
    )
    _add_recipients(
        spring, _persons(town.code, rng.randint(6, 14), offset=year % 3), rng.choice((500, 600, 800)), "米、油"
    )
    bayi = _visit(
        f"{short}{year}年“八一”走访慰问优抚对象",
        date(year, 7, 25 + index % 5),
        "bayi",
        today,
        region=town.code,
        leaders=TOWN_LEADER.format(town=short),
    )
    _add_recipients(
        bayi, _persons(town.code, rng.randint(5, 12), offset=5 + year % 4), rng.choice((500, 600)), "慰问品"
    )
    _record(
        today,
        region=town.code,
        kind="publicity",
        date=date(year, 9, 18 + index % 5),
        occasion="defence_day",
        title=f"{short}{year}年国防教育宣传",
        quantities={
            "materials": rng.randrange(200, 800, 50),
            "banners": rng.randint(5, 16),
            "columns": rng.randint(2, 6),
            "boards": rng.randint(2, 8),
        },
    )
    _record(
        today,
        region=town.code,
        kind="publicity",
        date=date(year, 4, 10 + index % 10),
        occasion="conscription",
        title=f"{short}{year}年征兵政策宣传",
        quantities={"materials": rng.randrange(300, 1000, 100), "banners": rng.randint(4, 12)},
    )
    if index % 3 == 0:
        _record(
            today,
            region=town.code,
            kind="military_training",
            date=date(year, 7, 12),
            title=f"{short}镇村干部军事化训练",
            quantities={"trainees": rng.randint(40, 70)},
        )
    if index % 4 == 1:
        _record(
            today,
            region=town.code,
            kind="forum",
            date=date(year, 7, 31),
            occasion="bayi",
            title=f"{short}“八一”退役军人座谈会",
            quantities={"participants": rng.randint(25, 45)},
        )


def _pairs() -> None:
    rows = [(p, g, since, org, text) for p, g, since, org, text in PAIRS]
    # village partners pair up once the county's unit list has them (demo/county.PARTNER_UNITS)
    villages = set(Unit.objects.filter(code__in=[v[0] for v in VILLAGE_PAIRS]).values_list("code", flat=True))
    rows += [
        (code, garrison, since, None, "村军结对、助农兴业")
        for code, garrison, since in VILLAGE_PAIRS
        if code in villages
    ]
    for partner, garrison, since, organiser, agreement in rows:
        if not Pair.objects.filter(partner__code=partner, garrison__code=garrison).exists():
            pairs.open_pair(
                partner=_unit(partner),
                garrison=_unit(garrison),
                since=since,
                organiser=_unit(organiser) if organiser else None,
                agreement=agreement,
                user=system_user(),
            )
    partner, garrison, since, until = ENDED_PAIR
    if not Pair.objects.filter(partner__code=partner, garrison__code=garrison).exists():
        made = pairs.open_pair(partner=_unit(partner), garrison=_unit(garrison), since=since, user=system_user())
        pairs.end_pair(made, on=until, note="预备役部队调整改革，共建关系终止", user=system_user())


def _pair_activities(today: date) -> None:
    for number, pair in enumerate(Pair.objects.filter(status=PairStatus.ACTIVE).select_related("partner", "garrison")):
        for year in YEARS:
            day = date(year, 5 + number % 6, 8 + number)
            if day < pair.since or day > today:
                continue
            _record(
                today,
                region=pair.region_id,
                kind="coconstruction",
                date=day,
                pair=pair,
                title=f"{pair.partner.name}与{pair.garrison.name}{year}年共建活动",
                quantities={"participants": 40 + 10 * number, "services": 2 + number % 4},
                garrison_units=[pair.garrison],
                partner_units=[pair.partner],
            )


def _cases(today: date) -> None:
    for offset, (town, kind, opened, text, unit, steps, close) in enumerate(CASES):
        if opened > today:
            continue
        person = _persons(town, 1, offset=20 + offset)[0]
        kind = ProblemKind.objects.get(code=kind)
        if HelpCase.objects.filter(person=person, kind=kind, opened=opened).exists():
            continue
        case = cases.open_case(
            person=person,
            kind=kind,
            opened=opened,
            description=text,
            unit=_unit(unit) if unit else None,
            user=system_user(),
        )
        for day, action, yuan in steps:
            if day <= today:
                cases.add_step(case, on=day, action=action, money_fen=yuan * 100, user=system_user())
        if close and close[0] <= today and case.status == CaseStatus.OPEN:
            cases.close_case(case, on=close[0], outcome=close[1], user=system_user())


def build(county: Region, today: date) -> None:
    load_code_tables()
    if not Person.objects.filter(subtree_q("region", county.code)).exists():
        return  # the visits and cases name persons of the registry
    _pairs()
    for year in YEARS:
        if date(year, 1, 1) > today:
            continue
        _county_year(county, year, today)
        for index, town in enumerate(_towns(county)):
            _town_year(town, index, year, today)
    _pair_activities(today)
    _cases(today)
