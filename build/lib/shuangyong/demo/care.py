"""The demo county's 优待服务与关爱 and 双拥经费 (演示数据, names fictional): for the last finished year and the
current one up to `today` — 优先就医 at the 县医院, 优先乘车 on the county buses, 免费游览 at 罗源湾 scenic spots,
优待证 issued by the towns, 随军家属 placed in jobs, 军人子女 placed in schools, 医疗补助 and 低保/五保 for
优抚对象, 清明 祭扫 at the county's 烈士纪念设施, 军转干部 placed, and the county's and two towns' 双拥经费.

Idempotent: a record with the same kind, date, region and object, a site of the same name, a fund of the same
purpose and year is kept as it is.
"""

from datetime import date

from shuangyong.accounts.models import User
from shuangyong.audit.context import actor_for
from shuangyong.care import services
from shuangyong.care.models import MEMORIAL_VISIT, CareKind, CareRecord, FundPurpose, MemorialSite
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit

# (name, level, town index or None for the county seat, keeper unit, graves)
SITES = [
    ("罗源县革命烈士陵园", "provincial", None, "LY-TYJR", 126),
    ("中房革命烈士纪念碑", "county", 3, None, 41),
    ("起步镇红军烈士墓", "other", 2, None, 9),
]
# (kind, month, day, town index or None, provider unit, count, money yuan, object, place, outcome)
RECORDS = [
    ("priority_medical", 6, 30, None, "LY-WSJ", 1260, 0, "", "罗源县医院等军人军属优先窗口", ""),
    ("priority_medical", 12, 31, None, "LY-WSJ", 1415, 0, "", "县乡两级医疗机构", ""),
    ("priority_travel", 12, 31, None, "LY-JTJ", 3840, 0, "", "县城公交、城乡客运", ""),
    ("free_visit", 10, 8, None, "LY-WGJ", 520, 0, "", "罗源湾海洋世界等景区", ""),
    ("preferential_card", 5, 20, 0, None, 186, 0, "", "", ""),
    ("preferential_card", 5, 28, 1, None, 143, 0, "", "", ""),
    ("preferential_card", 6, 3, 2, None, 97, 0, "", "", ""),
    ("spouse_job", 4, 16, None, "LY-RSJ", 1, 0, "陈丽娟", "罗源县人民医院", "安置在县人民医院从事护理工作"),
    ("spouse_job", 9, 2, None, "LY-RSJ", 1, 0, "林小燕", "罗源县起步镇卫生院", "安置在起步镇卫生院"),
    ("child_school", 8, 25, None, "LY-JYJ", 1, 0, "张一诺", "罗源县实验小学", "按意愿就读县实验小学一年级"),
    ("child_school", 8, 28, None, "LY-JYJ", 1, 0, "黄子涵", "罗源县第一幼儿园", "入读县第一幼儿园"),
    ("child_school", 8, 30, None, "LY-JYJ", 1, 0, "刘浩然", "罗源第一中学", "转入罗源一中初二年级"),
    ("medical_aid", 6, 30, None, "LY-YBJ", 214, 386_500, "", "", ""),
    ("medical_aid", 12, 20, None, "LY-YBJ", 198, 352_800, "", "", ""),
    ("dibao", 12, 31, None, "LY-MZJ", 63, 0, "", "", ""),
    ("wubao", 12, 31, None, "LY-MZJ", 11, 0, "", "", ""),
    ("memorial_visit", 4, 3, None, "LY-TXW", 860, 0, "团县委、县教育局组织师生", "", ""),
    ("memorial_visit", 4, 4, 3, None, 320, 0, "中房镇机关干部和群众", "", ""),
    ("memorial_visit", 9, 30, None, "LY-SYB", 410, 0, "烈士纪念日公祭", "", ""),
    ("cadre_placement", 7, 15, None, "LY-TYJR", 1, 0, "王建新", "罗源县应急管理局", "安置为四级主任科员"),
    ("cadre_placement", 7, 15, None, "LY-TYJR", 1, 0, "李卫东", "罗源县交通运输局", "安置为副科级干部"),
]
# (purpose, budget yuan, spent yuan) of the county; each town a tenth
FUNDS = [
    ("visits", 800_000, 786_400),
    ("allowance", 2_600_000, 2_583_000),
    ("coconstruction", 300_000, 268_000),
    ("publicity", 150_000, 142_300),
    ("creation", 400_000, 355_000),
    ("office", 120_000, 118_600),
]
SITE_OF_VISIT = {None: 0, 3: 1}  # where each 祭扫 went: by town index


def _site(name, level, region, keeper, graves, admin) -> MemorialSite:
    found = MemorialSite.objects.filter(region=region, name=name).first()
    if found:
        return found
    unit = Unit.objects.filter(code=keeper).first() if keeper else None
    return services.save_site(None, region=region, user=admin, name=name, level=level, keeper=unit, graves=graves)


def _records(county: Region, towns: list[Region], sites: list[MemorialSite], year: int, today: date, admin) -> None:
    kinds = {kind.code: kind for kind in CareKind.objects.all()}
    for code, month, day, town, provider, count, money, beneficiary, place, outcome in RECORDS:
        on = date(year, month, day)
        if on > today:
            continue
        region = county if town is None else towns[town]
        if CareRecord.objects.filter(kind_id=code, date=on, region=region, beneficiary=beneficiary).exists():
            continue
        site = sites[SITE_OF_VISIT.get(town, 0)] if code == MEMORIAL_VISIT else None
        data = services.CareData(
            kind=kinds[code],
            date=on,
            region=region.code,
            count=count + (year % 7) * (count // 20),  # the years differ a little
            money_fen=money * 100,
            provider=Unit.objects.filter(code=provider).first() if provider else None,
            beneficiary=beneficiary,
            place=place,
            site=site,
            outcome=outcome,
        )
        services.record_care(data, user=admin, today=today)


def _funds(county: Region, towns: list[Region], year: int, admin) -> None:
    purposes = {p.code: p for p in FundPurpose.objects.all()}
    for region, share in [(county, 10), *((town, 1) for town in towns[:2])]:
        for code, budget, spent in FUNDS:
            services.set_fund(
                region=region,
                year=year,
                purpose=purposes[code],
                budget_fen=budget * share * 10,
                spent_fen=spent * share * 10,
                source=f"罗财〔{year}〕{12 + share}号" if region == county else "镇财政预算",
                user=admin,
            )


def build(county: Region, today: date) -> None:
    admin = User.objects.get(username="syb")
    towns = list(Region.objects.subtree(county.code).filter(level=Level.TOWN).order_by("code"))
    with actor_for(admin):
        sites = [
            _site(name, level, county if town is None else towns[town], keeper, graves, admin)
            for name, level, town, keeper, graves in SITES
        ]
        for year in (today.year - 1, today.year):
            _records(county, towns, sites, year, today, admin)
            _funds(county, towns, year, admin)
