"""One small county's year of 双拥 work with values every figure test checks exactly."""

from datetime import date

from shuangyong.accounts.system import system_user
from shuangyong.activities.models import ProblemKind
from shuangyong.activities.services import cases, pairs, visits
from shuangyong.activities.services.records import record_activity


def build_world(county, more_units, person) -> dict:
    wgj, jyj = county["unit_bureau"], more_units["unit_edu"]
    gar1, gar2 = county["unit_garrison"], more_units["garrison_2"]
    p1 = person("李守海", county["village_a1"], seq=11)
    p2 = person("史兴甫", county["village_b1"], seq=13)
    p3 = person("张贻福", county["village_a2"], seq=15)
    w = {"p1": p1, "p2": p2, "p3": p3}
    w["a1"] = record_activity(
        unit=wgj,
        kind="publicity",
        date=date(2026, 9, 20),
        occasion="defence_day",
        title="全民国防教育日集中宣传",
        quantities={"materials": 1200, "boards": 8, "banners": 15},
        money_fen=350000,
        user=system_user(),
    )
    w["a2"] = record_activity(
        region=county["town_a"],
        kind="film",
        date=date(2026, 7, 28),
        occasion="八一",
        title="送电影进军营",
        quantities={"screenings": 3, "participants": 450},
        garrison_units=[gar1],
        user=system_user(),
    )
    w["a3"] = record_activity(
        unit=jyj,
        kind="送书",
        date=date(2026, 5, 4),
        title="向驻军赠送图书",
        quantities={"books": 500},
        money_fen=1200000,
        garrison_units=[gar2],
        user=system_user(),
    )
    w["a4"] = record_activity(
        region=county["town_b"],
        kind="disaster_relief",
        date=date(2026, 6, 18),
        title="武警中队协助抗洪抢险",
        quantities={"troops": 120, "vehicles": 15},
        garrison_units=[gar2],
        user=system_user(),
    )
    w["a5"] = record_activity(
        unit=wgj,
        kind="publicity",
        date=date(2025, 9, 20),
        title="国防教育日宣传",
        quantities={"materials": 800},
        user=system_user(),
    )
    w["v1"] = record_activity(
        region=county["town_a"],
        kind="visit",
        date=date(2026, 7, 30),
        occasion="bayi",
        title="八一走访慰问",
        leaders="镇党委书记 陈某某",
        user=system_user(),
    )
    visits.add_recipient(w["v1"], person=p1, money_fen=50000, gifts="大米一袋、食用油一桶", user=system_user())
    visits.add_recipient(w["v1"], household="现役军人刘俊家属", money_fen=50000, user=system_user())
    visits.add_recipient(w["v1"], garrison=gar1, money_fen=300000, gifts="慰问品一批", user=system_user())
    w["v2"] = record_activity(
        unit=wgj, kind="visit", date=date(2026, 1, 20), occasion="spring", title="春节慰问优抚对象", user=system_user()
    )
    visits.add_recipient(w["v2"], person=p2, money_fen=80000, user=system_user())
    visits.add_recipient(w["v2"], person=p3, money_fen=80000, user=system_user())
    w["pair_school"] = pairs.open_pair(
        partner=county["school_a"], garrison=gar1, since=date(2020, 3, 1), organiser=jyj, user=system_user()
    )
    w["pair_village"] = pairs.open_pair(
        partner=more_units["village_partner"], garrison=gar2, since=date(2026, 4, 1), user=system_user()
    )
    w["pair_ended"] = pairs.end_pair(
        pairs.open_pair(partner=county["school_b"], garrison=gar1, since=date(2018, 5, 1), user=system_user()),
        on=date(2025, 6, 30),
        user=system_user(),
    )
    w["a6"] = record_activity(
        unit=jyj,
        kind="military_training",
        date=date(2026, 9, 1),
        title="凤山中学新生军训",
        quantities={"trainees": 300},
        pair=w["pair_school"],
        user=system_user(),
    )
    housing, medical, schooling = (ProblemKind.objects.get(code=c) for c in ("housing", "medical", "schooling"))
    w["c1"] = cases.open_case(
        person=p1,
        kind=housing,
        opened=date(2026, 3, 10),
        description="住房为土木结构，墙体开裂",
        unit=wgj,
        user=system_user(),
    )
    cases.add_step(w["c1"], on=date(2026, 4, 1), action="拨付危房改造补助首期", money_fen=2000000, user=system_user())
    cases.add_step(w["c1"], on=date(2026, 6, 1), action="拨付二期", money_fen=1000000, user=system_user())
    w["c1"] = cases.close_case(w["c1"], on=date(2026, 8, 15), outcome="新房竣工入住", user=system_user())
    w["c2"] = cases.open_case(
        person=p2, kind=medical, opened=date(2025, 11, 5), description="住院费用负担重", user=system_user()
    )
    cases.add_step(w["c2"], on=date(2025, 11, 20), action="临时救助", money_fen=300000, user=system_user())
    cases.add_step(w["c2"], on=date(2026, 2, 10), action="医疗救助", money_fen=500000, user=system_user())
    w["c3"] = cases.open_case(
        person=p3, kind=schooling, opened=date(2026, 8, 20), description="孙子入学", unit=jyj, user=system_user()
    )
    w["c3"] = cases.close_case(w["c3"], on=date(2026, 9, 1), outcome="已就近入学", user=system_user())
    return w
