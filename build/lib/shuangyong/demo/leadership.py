"""The demo county's 双拥工作领导小组 and meetings (演示数据, names fictional).

罗源县: the group set up in June 2021 under the 县委书记; the 组长 changes on 2026-04-21 when a new 县委书记
arrives (the predecessor's term ends the day before and stays in the history). Its 双拥办 has a director, a
military deputy from the 人武部 and two staff. Every town has a group of its own; 凤山镇 and 松山镇 change their
组长 in 2026 too. Meetings through 2025 and 2026 (领导小组会议, 联席会议 before 八一, 常委会专题研究, quarterly
双拥办例会, 军地座谈会, town meetings) with minutes and decisions charged to member units: most done, some open,
a few overdue on 2026-11-25.

Idempotent: a term, meeting or decision already there (same region and name / date and title / text) is kept.
"""

from datetime import date, timedelta

from shuangyong.accounts.models import User
from shuangyong.audit.context import actor_for
from shuangyong.leadership import services
from shuangyong.leadership.models import Decision, GroupMember, Meeting, MeetingKind
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit

FORMED = date(2021, 6, 1)
CHANGE = date(2026, 4, 21)

# (post, name, title, unit code, military)
COUNTY_GROUP = [
    ("deputy", "郑海波", "县委副书记、县长", None, False),
    ("deputy", "高建军", "县人武部政委", "LY-RWB", True),
    ("deputy", "雷晓红", "县委常委、宣传部部长", "LY-XCB", False),
    ("member", "何国栋", "县退役军人事务局局长", "LY-TYJR", False),
    ("member", "兰秀芳", "县民政局局长", "LY-MZJ", False),
    ("member", "游志诚", "县财政局局长", "LY-CZJ", False),
    ("member", "魏立新", "县人社局局长", "LY-RSJ", False),
    ("member", "肖文静", "县教育局局长", "LY-JYJ", False),
    ("member", "叶春生", "县卫健局局长", "LY-WSJ", False),
    ("member", "吴志强", "县文旅局局长", "LY-WGJ", False),
    ("member", "郭永平", "县公安局政委", "LY-GAJ", False),
    ("member", "杨振华", "武警罗源中队中队长", "LY-WJ", True),
    ("member", "刘德胜", "县消防救援大队大队长", "LY-XF", True),
]
COUNTY_OFFICE = [
    ("director", "何国栋", "县退役军人事务局局长（兼）", "LY-TYJR", False, "0591-26831001"),
    ("vice_director", "张卫国", "县人武部军事科参谋", "LY-RWB", True, "0591-26831002"),
    ("staff", "林海燕", "县双拥办干部", "LY-SYB", False, "0591-26831003"),
    ("staff", "张国平", "县双拥办干部", "LY-SYB", False, "0591-26831004"),
]
TOWN_SURNAMES = "陈林黄郑吴王李张刘杨游雷兰蓝郭何"
TOWN_GIVEN = ["建华", "明辉", "志坚", "丽萍", "海涛", "秀英", "文斌", "国强", "晓燕", "永福", "春明", "德贵"]
# towns whose 组长 changes in 2026: code → (date, successor)
TOWN_CHANGES = {"350123100000": (date(2026, 3, 9), "黄一鸣"), "350123101000": (date(2026, 6, 15), "郑晓峰")}

# (kind, date, title, place, chaired by, minutes, [(decision, owner unit code, owner person, due, done on)])
COUNTY_MEETINGS = [
    ("group", date(2025, 3, 12), "2025年县双拥工作领导小组第一次全体会议", "县委常委会议室", "林志强",
     "传达全省双拥工作会议精神，总结2024年双拥工作，部署2025年双拥模范县创建任务，审议《2025年双拥工作要点》。",
     [("印发《2025年双拥工作要点》并分解到各成员单位", "LY-SYB", "", date(2025, 4, 15), date(2025, 4, 10)),
      ("将双拥工作经费和八一、春节慰问经费列入县级财政预算", "LY-CZJ", "", date(2025, 5, 31), date(2025, 5, 20))]),
    ("standing", date(2025, 6, 10), "县委常委会专题研究双拥工作", "县委常委会议室", "林志强",
     "听取县双拥办关于双拥模范县创建工作的汇报，研究解决随军家属就业和军人子女入学问题。",
     [("落实2025年度随军家属就业安置", "LY-RSJ", "", date(2025, 9, 30), date(2025, 9, 18)),
      ("军人子女秋季入学优待办理", "LY-JYJ", "", date(2025, 8, 31), date(2025, 8, 25))]),
    ("joint", date(2025, 7, 20), "2025年八一拥军优属联席会议", "县退役军人事务局会议室", "郑海波",
     "研究八一走访慰问驻罗部队和重点优抚对象方案，明确慰问标准、路线和责任分工。",
     [("八一走访慰问驻罗部队", "LY-SYB", "", date(2025, 8, 1), date(2025, 7, 31)),
      ("八一期间开展拥军宣传（横幅、展板、专栏）", "LY-XCB", "", date(2025, 8, 10), date(2025, 8, 8))]),
    ("forum", date(2025, 7, 30), "庆祝建军98周年军地座谈会", "县行政服务中心", "林志强",
     "驻罗部队和县直有关单位负责人座谈，通报一年来为部队办实事情况，听取部队意见建议。",
     [("办理部队提出的营区道路维修事项", "LY-JTJ", "", date(2025, 12, 31), date(2025, 11, 28))]),
    ("office", date(2025, 10, 15), "县双拥办第三季度工作例会", "县双拥办", "何国栋",
     "通报前三季度双拥工作进展，布置年度目标考核自查和双拥资料归档。",
     [("完成成员单位年度目标考核自查", "LY-SYB", "张国平", date(2025, 12, 15), date(2025, 12, 12))]),
    ("group", date(2026, 3, 18), "2026年县双拥工作领导小组全体会议", "县委常委会议室", "林志强",
     "总结2025年双拥工作和双拥模范县命名情况，部署2026年双拥工作，下达成员单位年度目标考核任务。",
     [("印发《2026年双拥工作要点》和成员单位目标考核任务", "LY-SYB", "", date(2026, 4, 10), date(2026, 4, 3)),
      ("开展“双拥在基层”宣传月活动", "LY-XCB", "", date(2026, 6, 30), date(2026, 6, 26)),
      ("完善退役军人服务站建设，年底前全部达到“五有”标准", "LY-TYJR", "", date(2026, 11, 15), None)]),
    ("standing", date(2026, 5, 28), "县委常委会专题研究双拥工作", "县委常委会议室", "陈晓东",
     "新任县委书记主持，听取双拥工作汇报，研究军人军属优待政策落实和部队急难愁盼问题。",
     [("出台军人军属就医优先服务措施", "LY-WSJ", "", date(2026, 9, 30), date(2026, 9, 22)),
      ("协调解决海军某部营区供水管网改造", "LY-ZJJ", "", date(2026, 10, 31), None)]),
    ("joint", date(2026, 7, 22), "2026年八一拥军优属联席会议", "县退役军人事务局会议室", "郑海波",
     "研究建军99周年走访慰问方案和八一系列活动安排。",
     [("八一走访慰问驻罗部队和重点优抚对象", "LY-SYB", "", date(2026, 8, 1), date(2026, 7, 31)),
      ("组织“送电影进军营”活动", "LY-WGJ", "", date(2026, 8, 31), date(2026, 8, 20))]),
    ("forum", date(2026, 7, 29), "庆祝建军99周年军地座谈会", "县行政服务中心", "陈晓东",
     "通报军地共建成果，部队代表发言，研究下一年度为部队办实事项目。",
     [("编制2027年度为部队办实事项目清单", "LY-SYB", "", date(2026, 12, 31), None)]),
    ("office", date(2026, 10, 14), "县双拥办第三季度工作例会", "县双拥办", "何国栋",
     "通报目标考核进度，对进度滞后的成员单位逐项督办。",
     [("督办目标考核进度滞后事项", "LY-SYB", "林海燕", date(2026, 11, 20), None)]),
]  # fmt: skip


def _member(region, body, post, name, title, unit_code, military, start, admin, phone="", end=None):
    existing = GroupMember.objects.filter(region=region, body=body, post=post, name=name, start=start).first()
    if existing is not None:
        return existing
    unit = Unit.objects.get(code=unit_code) if unit_code else None
    return services.appoint_member(
        region=region, body=body, post=post, name=name, title=title, unit=unit, is_military=military,
        phone=phone, start=start, end=end, user=admin,
    )  # fmt: skip


def _replace(region, old_name, on, successor, title, admin):
    if GroupMember.objects.filter(region=region, post="leader", name=successor, start=on).exists():
        return
    leader = GroupMember.objects.get(region=region, body="group", post="leader", name=old_name, end__isnull=True)
    services.replace_member(leader, on=on, name=successor, title=title, user=admin)


def _county(county: Region, admin) -> None:
    _member(county, "group", "leader", "林志强", "县委书记", None, False, FORMED, admin)
    _replace(county, "林志强", CHANGE, "陈晓东", "县委书记", admin)
    for post, name, title, unit, military in COUNTY_GROUP:
        _member(county, "group", post, name, title, unit, military, FORMED, admin)
    # a member unit's head changed in 2025: the member is replaced, the seat stays with the unit
    old = _member(county, "group", "member", "蓝振东", "县住建局局长", "LY-ZJJ", False, FORMED, admin,
                  end=date(2025, 8, 31))  # fmt: skip
    _member(county, "group", "member", "黄文彬", "县住建局局长", "LY-ZJJ", False, old.end + timedelta(days=1), admin)
    for post, name, title, unit, military, phone in COUNTY_OFFICE:
        _member(county, "office", post, name, title, unit, military, FORMED, admin, phone=phone)


def _town_name(index: int, offset: int) -> str:
    return TOWN_SURNAMES[(index * 3 + offset) % len(TOWN_SURNAMES)] + TOWN_GIVEN[(index + offset * 5) % 12]


def _towns(towns: list[Region], admin) -> None:
    for index, town in enumerate(towns):
        leader = _town_name(index, 0)
        _member(town, "group", "leader", leader, "镇党委书记", None, False, date(2021, 9, 1), admin)
        if town.code in TOWN_CHANGES:
            on, successor = TOWN_CHANGES[town.code]
            _replace(town, leader, on, successor, "镇党委书记", admin)
        _member(town, "group", "deputy", _town_name(index, 1), "镇长", None, False, date(2021, 9, 1), admin)
        _member(town, "group", "member", _town_name(index, 2), "镇武装部部长", None, False, date(2021, 9, 1), admin)
        _member(
            town, "group", "member", _town_name(index, 3), "退役军人服务站站长", None, False, date(2022, 3, 1), admin
        )
        _member(town, "office", "staff", _town_name(index, 4), "镇双拥专干", None, False, date(2022, 3, 1), admin)


def _meeting(region, kind, day, title, place, chair, minutes, decisions, attendees, admin) -> None:
    meeting = Meeting.objects.filter(region=region, date=day, title=title).first()
    if meeting is None:
        present = [m for m in attendees if m.serves_on(day)]
        meeting = services.record_meeting(
            region=region, kind=MeetingKind.objects.get(code=kind), date=day, title=title, place=place,
            chaired_by=chair, minutes=minutes, attendees=present, other_attendees="县直有关单位分管领导", user=admin,
        )  # fmt: skip
    for text, unit_code, person, due, done_on in decisions:
        if Decision.objects.filter(meeting=meeting, text=text).exists():
            continue
        unit = Unit.objects.get(code=unit_code) if unit_code else None
        decision = services.add_decision(meeting, text=text, owner_unit=unit, owner_person=person, due=due, user=admin)
        if done_on is not None:
            services.complete_decision(decision, done_on=done_on, outcome="已按期完成", user=admin)


def _town_meetings(towns: list[Region], today: date, admin) -> None:
    for index, town in enumerate(towns):
        members = list(GroupMember.objects.filter(region=town))
        for year in (2025, 2026):
            day = date(year, 3, 20 + index % 8)
            decisions = [
                (f"走访慰问辖区重点优抚对象（{year}年春节前后）", None, _town_name(index, 4), date(year, 4, 30),
                 date(year, 4, 25)),
                (f"排查{town.name}优抚对象住房安全隐患", None, _town_name(index, 3), date(year, 10, 31),
                 date(year, 10, 20) if year == 2025 or index % 3 else None),
            ]  # fmt: skip
            _meeting(
                town, "group", day, f"{year}年{town.name}双拥工作领导小组会议", f"{town.name}政府会议室",
                _town_name(index, 0) if day < TOWN_CHANGES.get(town.code, (date.max,))[0] else
                TOWN_CHANGES[town.code][1],
                f"传达县双拥工作会议精神，部署{town.name}{year}年双拥工作和目标任务。", decisions, members, admin,
            )  # fmt: skip
            if index % 4 == 0 and date(year, 7, 25) <= today:
                _meeting(
                    town, "office", date(year, 7, 25), f"{town.name}八一拥军工作例会", f"{town.name}退役军人服务站",
                    _town_name(index, 1), "安排八一走访慰问和拥军宣传。", [], members, admin,
                )  # fmt: skip


def build(county: Region, today: date) -> None:
    admin = User.objects.get(username="syb")
    towns = list(Region.objects.subtree(county.code).filter(level=Level.TOWN).order_by("code"))
    with actor_for(admin):
        _county(county, admin)
        _towns(towns, admin)
        members = list(GroupMember.objects.filter(region=county))
        for kind, day, title, place, chair, minutes, decisions in COUNTY_MEETINGS:
            if day <= today:
                _meeting(county, kind, day, title, place, chair, minutes, decisions, members, admin)
        _town_meetings(towns, today, admin)
