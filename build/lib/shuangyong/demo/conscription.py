"""The demo county's 征兵 and 优待: the spring and autumn campaigns of 2025 and 2026 in 罗源县's towns (quota,
about sixty candidates a year through 体检, 政治考核, 审批定兵 and 输送, one or two 退兵), the recruits as serving
members with a parent on the registry as 军人家属 and payee (bank account), 光荣牌, awards with 喜报, the county's
优待金 standard, merit increments and rewards, and the allowances and rewards owed.

The standard: 2025 城镇 8,300 / 农村 5,500 元 (the split the seeds show); 2026 one figure for town and country,
15,200 元 = 40% of an illustrative 2025 per-capita disposable income of 38,000 元 (not an official figure).

Payment: the demo's runs (demo/payments.py) come after this area: each month's run pays the allowances and
rewards owed by then (a 2025 service year in the autumn of 2025), and this month's open run the rest.

Idempotent: candidates are made only for campaigns that have none, every service is idempotent, and the
November run is recomputed only while a grant of this area has no line in any run.
"""

import random
from datetime import date, timedelta

from shuangyong.accounts.models import User
from shuangyong.benefits.models import Standard
from shuangyong.benefits.services.standards import save_standard
from shuangyong.conscription.models import (
    AwardKind,
    Candidate,
    Education,
    ReturnReason,
    ServiceMember,
)
from shuangyong.conscription.services.allowances import refresh_allowances
from shuangyong.conscription.services.awards import deliver_honor, record_award, save_increment, save_reward
from shuangyong.conscription.services.candidates import (
    approve_candidate,
    dispatch_candidate,
    record_exam,
    record_review,
    register_candidate,
    return_recruit,
    set_quota,
)
from shuangyong.conscription.services.members import add_family_member, hang_plaque
from shuangyong.demo.roster import GIVEN, SURNAMES
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.registry.idnumber import check_char
from shuangyong.registry.models import Person

SEED = 1949
ADMIN = "syb"
# (yuan, valid_from, valid_to, hukou, note)
STANDARDS = [
    (8300, date(2025, 1, 1), date(2025, 12, 31), "urban", "演示数据：2025年城镇户籍义务兵家庭优待金"),
    (5500, date(2025, 1, 1), date(2025, 12, 31), "rural", "演示数据：2025年农村户籍义务兵家庭优待金"),
    (15200, date(2026, 1, 1), None, "", "演示数据：城乡统一，按上年度人均可支配收入 38,000 元的 40%（示例数值）"),
]
INCREMENTS = {"merit1": 2000, "merit2": 1500, "merit3": 1000}
REWARDS = {"title": 1860000, "merit1": 930000, "merit2": 558000, "merit3": 279000, "excellent": 93000}
REWARDS["commendation"] = 46500
EDUCATION_WEIGHTS = {"junior": 8, "senior": 30, "vocational": 17, "associate": 22, "bachelor": 21, "graduate": 2}
MILITARY_UNITS = ["陆军某部", "海军某部", "空军某部", "火箭军某部", "武警某部", "战略支援部队某部"]
# (campaign, registration window, exam, review, approve, dispatch)
CAMPAIGNS = {
    "spring": ((1, 1), (2, 1), (2, 12), (2, 26), (3, 6)),
    "autumn": ((3, 6), (7, 3), (7, 20), (8, 25), (9, 10)),
}
SIZE = {"spring": 28, "autumn": 56}
LEADERS = ["县人武部政委、", "县退役军人事务局局长、", "县双拥办主任、"]


def _id_number(rng: random.Random, born: date, male: bool) -> str:
    while True:
        seq = rng.randrange(500, 999)
        seq += (seq % 2 == 0) if male else (seq % 2 == 1)
        first17 = f"350123{born:%Y%m%d}{seq % 1000:03d}"
        value = first17 + check_char(first17)
        if not Person.objects.filter(id_number=value).exists():
            return value


def _name(rng: random.Random, surname: str | None = None) -> str:
    return (surname or rng.choice(SURNAMES)) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _money_rules(county: Region, admin) -> None:
    for yuan, since, until, hukou, note in STANDARDS:
        exists = Standard.objects.filter(
            kind_id="conscript_family", region=county, hukou=hukou, valid_from=since
        ).exists()
        if not exists:
            standard = Standard(
                kind_id="conscript_family",
                region=county,
                hukou=hukou,
                basis="once",
                amount_fen=yuan * 100,
                valid_from=since,
                valid_to=until,
                note=note,
            )
            save_standard(standard, user=admin)
    kinds = {k.code: k for k in AwardKind.objects.all()}
    since = date(2025, 1, 1)
    for code, bp in INCREMENTS.items():
        save_increment(
            award_kind=kinds[code], region=county, valid_from=since, increment_bp=bp, note="演示数据", user=admin
        )
    for code, fen in REWARDS.items():
        save_reward(
            award_kind=kinds[code], region=county, valid_from=since, amount_fen=fen, note="演示数据", user=admin
        )


def _campaign(rng, county, year: int, season: str, admin, villages, educations, reasons) -> None:
    if Candidate.objects.filter(year=year, season=season, region__code__startswith=county.code[:6]).exists():
        return
    size = SIZE[season]
    reg, exam, review, approve, dispatch = CAMPAIGNS[season]
    returned = 0
    sent: dict[str, int] = {}
    for index in range(size):
        born = date(year - rng.randint(18, 23), rng.randint(1, 12), rng.randint(1, 28))
        education = rng.choices(list(EDUCATION_WEIGHTS), list(EDUCATION_WEIGHTS.values()))[0]
        college = education in ("associate", "bachelor", "graduate")
        student = rng.choice(["enrolled", "graduating", "graduated"]) if college else ""
        village = rng.choice(villages)
        c = register_candidate(
            year=year,
            season=season,
            id_number=_id_number(rng, born, male=index % 9 != 0),
            name=_name(rng),
            region=village,
            hukou=rng.choice(["rural", "rural", "urban"]),
            education=educations[education],
            student_status=student,
            political=rng.choices(["party", "league", "masses"], [8, 62, 30])[0],
            registered_on=date(year, reg[0], 1) + timedelta(days=rng.randrange(0, 30 * (reg[1] - reg[0] + 1))),
            phone=f"13{rng.randrange(10**8, 10**9)}",
            user=admin,
        )
        outcome = rng.random()
        c = record_exam(c, on=date(year, *exam) + timedelta(days=rng.randrange(0, 5)), passed=outcome > 0.3, user=admin)
        if outcome <= 0.3:  # about a third fail the 体检, as in a county's figures
            continue
        c = record_review(c, on=date(year, *review), passed=outcome > 0.36, user=admin)
        if outcome <= 0.36 or outcome > 0.93:  # a few pass both but are not chosen (定兵 by merit within quota)
            continue
        c = approve_candidate(c, on=date(year, *approve), user=admin)
        c, member = dispatch_candidate(
            c, on=date(year, *dispatch), military_unit=rng.choice(MILITARY_UNITS), user=admin
        )
        if returned < (1 if season == "spring" else 1) and outcome > 0.9:
            return_recruit(
                c,
                on=date(year, *dispatch) + timedelta(days=40),
                reason=reasons["physical" if returned == 0 and season == "autumn" else "mental"],
                responsibility="县征兵体检站（复查）" if season == "autumn" else "乡镇人武部（思想摸底）",
                user=admin,
            )
            returned += 1
            continue
        sent[village.parent_id] = sent.get(village.parent_id, 0) + 1
        _family(rng, member, admin)
    # each town's 征兵任务 is what it sent: counties meet the task town by town (completion 100 %, as reported)
    for town, quota in sorted(sent.items()):
        set_quota(Region.objects.get(code=town), year=year, season=season, quota=quota, user=admin)


def _family(rng: random.Random, member: ServiceMember, admin) -> None:
    surname = member.name[0]
    born = date(member.birth_date.year - rng.randint(22, 30), rng.randint(1, 12), rng.randint(1, 28))
    father = rng.random() < 0.55
    add_family_member(
        member,
        id_number=_id_number(rng, born, male=father),
        name=_name(rng, surname if father else None),
        relation="父子" if father else "母子",
        on=member.enlistment_date + timedelta(days=7),
        payee=True,
        bank_name=rng.choice(["农业银行", "农村信用社", "邮储银行"]),
        bank_account=f"62284804{rng.randrange(10**10, 10**11)}",
        phone=f"13{rng.randrange(10**8, 10**9)}",
        user=admin,
    )
    member.refresh_from_db()
    hang_plaque(member, on=member.enlistment_date + timedelta(days=rng.randint(10, 40)), user=admin)


def _awards(rng: random.Random, county: Region, today: date, admin) -> None:
    members = list(ServiceMember.objects.filter(enlistment_county=county, discharge_date=None).order_by("pk"))
    if not members or ServiceMember.objects.filter(awards__isnull=False).exists():
        return
    kinds = {k.code: k for k in AwardKind.objects.all()}
    plan = ["merit2", "merit3", "merit3", "excellent", "excellent", "excellent", "excellent"]
    plan += ["commendation"] * 4
    veterans = [m for m in members if m.enlistment_date < date(2026, 1, 1)]
    for code, member in zip(plan, rng.sample(veterans, min(len(plan), len(veterans))), strict=False):
        awarded = member.enlistment_date + timedelta(days=rng.randint(150, 420))
        awarded = min(awarded, today - timedelta(days=20))
        award = record_award(
            member, kind=kinds[code], awarded_on=awarded, military_unit=member.military_unit, user=admin
        )
        if code != "commendation":
            deliver_honor(
                award,
                on=awarded + timedelta(days=rng.randint(7, 18)),
                delivered_by=rng.choice(LEADERS) + f"{member.region.parent.name}党委书记",
                user=admin,
            )


def build(county: Region, today: date) -> None:
    admin = User.objects.get(username=ADMIN)
    rng = random.Random(SEED)
    _money_rules(county, admin)
    villages = list(Region.objects.subtree(county.code).filter(level=Level.VILLAGE).order_by("code"))
    educations = {e.code: e for e in Education.objects.all()}
    reasons = {r.code: r for r in ReturnReason.objects.all()}
    for year in (today.year - 1, today.year):
        for season in ("spring", "autumn"):
            if date(year, *CAMPAIGNS[season][4]) <= today:
                _campaign(rng, county, year, season, admin, villages, educations, reasons)
    _awards(rng, county, today, admin)
    for member in ServiceMember.objects.filter(enlistment_county=county).order_by("pk"):
        refresh_allowances(member, user=admin, on=today)
