"""The demo county's 退役士兵安置: about 40 returning soldiers a year (2025, 2026) in its towns, in spring (March)
and autumn (September) batches, each taken through the steps the office records: 报到 (a few late, two of this
November not yet due), 档案, 安置方式 by kind, 安排工作 with the receiving employer and 上岗 (one late, one overdue,
one not yet due), 回访, and the 一次性经济补助 for 自主就业 from the county's standard (演示数据).

Payments: the county's payment runs (demo/payments.py, after this area) start in January 2025 and pay each
grant in the month it was decided; a grant of a year before the runs would be recorded as paid before the
system (系统外已发放, as an office migrating records them).

Idempotent: a year already on the 花名册 is left as it is.
"""

import random
from datetime import date, timedelta

from shuangyong.accounts.models import User
from shuangyong.audit.context import actor_for
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region, subtree_q
from shuangyong.registry.idnumber import check_char
from shuangyong.registry.models import Person
from shuangyong.registry.services.persons import update_person
from shuangyong.resettlement.models import Arrival, GrantStandard, Method
from shuangyong.resettlement.reference import load_reference
from shuangyong.resettlement.services import steps
from shuangyong.resettlement.services.arrivals import register_arrival
from shuangyong.resettlement.services.payments import computed_grant, set_arrival_grant
from shuangyong.units.models import Unit

SURNAMES = "林陈黄郑吴王李张刘杨游雷兰蓝郭何高魏肖叶"
GIVEN = "伟强磊军洋勇杰涛明超平刚华建志海荣林文辉成斌鑫宇航浩俊凯鹏"
UNITS_SERVED = ["陆军某部", "海军某部", "空军某部", "火箭军某部", "武警某支队", "战略支援部队某部", "联勤保障部队某部"]
EMPLOYERS = ["LY-COM-2", "LY-COM-1", "LY-HOS-1", "LY-GAJ", "LY-JTJ"]
EMPLOYER_NAMES = ["福建罗源闽光钢铁有限责任公司", "罗源县城市建设投资有限公司"]
VISIT_NOTES = {
    "employed": "已在单位稳定工作，对安置结果满意",
    "business": "开办农家乐/网店，经营正常，已申请创业贴息",
    "studying": "已考入高职院校继续学习",
    "flexible": "从事网约车等灵活就业，收入尚可",
    "unemployed": "暂未就业，已推荐参加县人社局退役军人专场招聘会",
}
# (arrival month and day range, how many) per year: the spring and autumn discharges
BATCHES = {2025: [((3, 5, 20), 10), ((9, 3, 25), 30)], 2026: [((3, 5, 20), 12), ((9, 3, 25), 26), ((11, 9, 20), 2)]}
# illustrative standards of the county (not an official table): 自主就业 per year of service
STANDARDS = [
    ("", 0, 600_000, "演示数据：自主就业一次性经济补助，每服役年 6,000 元（示例金额）"),
    ("nco", 200_000, 800_000, "演示数据：军士自主就业，基础 2,000 元 + 每服役年 8,000 元（示例金额）"),
]


def _standards(county: Region, admin) -> None:
    method = Method.objects.get(code="self_employed")
    with actor_for(admin):
        for kind, base, per_year, note in STANDARDS:
            if not GrantStandard.objects.filter(region=county, method=method, soldier_kind=kind).exists():
                GrantStandard(
                    region=county,
                    method=method,
                    soldier_kind=kind,
                    valid_from=date(2024, 1, 1),
                    base_fen=base,
                    per_year_fen=per_year,
                    note=note,
                ).save()


def _id_number(rng: random.Random, born: date) -> str:
    while True:
        first17 = f"350123{born:%Y%m%d}{rng.randrange(400, 500) * 2 + 1:03d}"  # men: odd sequence digit
        candidate = first17 + check_char(first17)
        if not Person.objects.filter(id_number=candidate).exists():
            return candidate


def _kind_and_service(rng: random.Random, arrival: date) -> tuple[str, date, date]:
    roll = rng.random()
    discharged = arrival - timedelta(days=rng.randrange(2, 8))
    if roll < 0.68:
        return "conscript", discharged.replace(year=discharged.year - 2, day=1), discharged
    if roll < 0.95:
        years = rng.choice([5, 8, 8, 12, 12, 16])
        return "nco", discharged.replace(year=discharged.year - years, day=1), discharged
    return "officer", discharged.replace(year=discharged.year - rng.choice([16, 20]), day=1), discharged


def _method(rng: random.Random, kind: str, years: int, grade: int | None) -> str:
    if grade and grade <= 4 and kind != "officer":
        return "supported"
    if kind == "officer":
        return rng.choice(["transferred", "transferred", "monthly_pension"])
    if kind == "nco" and years >= 12:
        return rng.choice(["assigned_job", "assigned_job", "self_employed", "monthly_pension"])
    return "assigned_job" if rng.random() < 0.15 else "self_employed"


class YearBuilder:
    def __init__(self, county: Region, year: int, today: date, admin):
        self.year, self.today, self.admin = year, today, admin
        self.rng = random.Random(f"resettlement-{year}")
        towns = Region.objects.filter(parent_id=county.code, level=Level.TOWN).order_by("code")
        self.villages = [
            v for town in towns for v in Region.objects.filter(parent_id=town.code).order_by("code")[:4]
        ] or list(towns)
        self.employers = list(Unit.objects.filter(code__in=EMPLOYERS).order_by("code"))
        self.overdue_left = 1  # this year's one assignment left unplaced past its deadline
        self.late_left = 3  # and three late reports

    def _day(self, start: date, low: int, high: int) -> date | None:
        day = start + timedelta(days=self.rng.randrange(low, high + 1))
        return day if day <= self.today else None

    def build(self) -> int:
        made = 0
        for (month, first, last), count in BATCHES[self.year]:
            for _ in range(count):
                arrival = date(self.year, month, self.rng.randrange(first, last + 1))
                if arrival <= self.today:
                    self.one(arrival)
                    made += 1
        return made

    def one(self, arrival_date: date) -> None:
        rng = self.rng
        kind, enlisted, discharged = _kind_and_service(rng, arrival_date)
        born = date(enlisted.year - rng.randrange(18, 22), rng.randrange(1, 13), rng.randrange(1, 29))
        grade = rng.choice([None] * 30 + [8, 9, 10, 4])
        award = rng.choice(["", "", "", "", "", "excellent", "excellent", "third", "second"])
        village = rng.choice(self.villages)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        arrival = register_arrival(
            user=self.admin,
            id_number=_id_number(rng, born),
            name=name,
            region=village,
            phone=f"13{rng.randrange(100000000, 999999999)}",
            soldier_kind=kind,
            enlisted_on=enlisted,
            discharged_on=discharged,
            unit_served=rng.choice(UNITS_SERVED),
            highest_award=award,
            awards={"excellent": "优秀士兵1次", "third": "荣立三等功1次", "second": "荣立二等功1次"}.get(award, ""),
            disability_grade=grade,
            disability_nature="duty" if grade else "",
            hukou=rng.choice(["rural", "rural", "urban"]),
            arrival_date=arrival_date,
        )
        person = arrival.person
        update_person(
            person,
            user=self.admin,
            on=arrival_date,
            bank_name="福建省农村信用社",
            bank_holder=person.name,
            bank_account=f"62296{person.id_number[6:14]}{person.id_number[14:17]}1",
        )
        self.steps(arrival, kind, grade)

    def steps(self, arrival: Arrival, kind: str, grade: int | None) -> None:
        rng, admin = self.rng, self.admin
        late = self.late_left > 0 and rng.random() < 0.12
        reported = self._day(arrival.arrival_date, 35, 50) if late else self._day(arrival.arrival_date, 1, 20)
        if arrival.arrival_date.month == 11 or reported is None:
            return  # this November's arrivals have not reported yet (not late either)
        if late:
            self.late_left -= 1
        if self.year == 2026 and arrival.arrival_date.month == 9 and rng.random() < 0.06:
            return  # not reported, now past the deadline
        arrival = steps.record_report(arrival, on=reported, user=admin)
        received = self._day(arrival.discharged_on, 20, 60)
        if received:
            arrival = steps.record_archive(arrival, on=received, user=admin)
        method = Method.objects.get(code=_method(rng, kind, arrival.service_years or 0, grade))
        decided = self._day(reported, 0, 10)
        if decided is None:
            return
        arrival = steps.choose_method(arrival, method=method, on=decided, user=admin)
        if method.needs_placement:
            arrival = self.assign(arrival, decided)
        if method.code == "self_employed":
            self.grant(arrival, decided)
        self.visits(arrival, method.code)

    def assign(self, arrival: Arrival, decided: date) -> Arrival:
        rng, admin = self.rng, self.admin
        assigned = self._day(decided, 10, 40)
        if assigned is None:
            return arrival
        if rng.random() < 0.7:
            arrival = steps.assign_employer(arrival, employer=rng.choice(self.employers), on=assigned, user=admin)
        else:
            arrival = steps.assign_employer(arrival, employer_name=rng.choice(EMPLOYER_NAMES), on=assigned, user=admin)
        if self.overdue_left and (self.today - assigned).days > 40:
            self.overdue_left -= 1
            return arrival  # the receiving unit has not placed them: overdue
        placed = self._day(assigned, 5, 28) if rng.random() < 0.9 else self._day(assigned, 33, 45)
        return steps.record_placement(arrival, on=placed, user=admin) if placed else arrival

    def grant(self, arrival: Arrival, decided: date) -> None:
        if self.year < self.today.year - 1:
            # paid before the county's payment runs moved into this system
            arrival.paid_before_system_on = self._day(decided, 15, 40) or decided
            arrival.paid_before_system_fen = computed_grant(arrival)[0]
            with actor_for(self.admin):
                arrival.save()
            return
        set_arrival_grant(arrival, on=decided, user=self.admin)

    def visits(self, arrival: Arrival, method: str) -> None:
        rng = self.rng
        if method not in ("self_employed", "assigned_job") or rng.random() < 0.3:
            return
        when = self._day(arrival.method_decided_on, 60, 200)
        if when is None:
            return
        if method == "assigned_job":
            status = "employed"
        else:
            status = rng.choice(["employed", "employed", "business", "flexible", "studying", "unemployed"])
        visitor = rng.choice(["陈建华", "郑丽萍", "乡镇退役军人服务站 林晓东"])
        steps.add_visit(
            arrival,
            visited_on=when,
            visitor=visitor,
            employment_status=status,
            notes=VISIT_NOTES[status],
            user=self.admin,
        )


def build(county: Region, today: date) -> None:
    load_reference()
    admin = User.objects.get(username="syb")
    _standards(county, admin)
    for year in (2025, 2026):
        if not Arrival.objects.filter(subtree_q("region", county.code)).in_year(year).exists():
            YearBuilder(county, year, today, admin).build()
