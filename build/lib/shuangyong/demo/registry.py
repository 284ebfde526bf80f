"""The demo county's registry: a few thousand persons imported from a generated roster, then a year and a bit
of life events (deaths, moves, grade changes, suspensions, new applications, 年度确认) through the services."""

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from django.db.models import Max, Q

from shuangyong.accounts.models import User
from shuangyong.accounts.system import system_user
from shuangyong.regions.models import Region, subtree_q
from shuangyong.registry.choices import Status
from shuangyong.registry.importing.service import import_persons
from shuangyong.registry.models import Category, Entitlement, Person
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services.transfers import send_transfer

PERSONS = 3000
SEED = 81


class DemoRegistryError(Exception):
    pass


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(0, max(1, (end - start).days)))


def build_registry(county: Region, today: date) -> dict:
    """Idempotent: a county that already has persons is left as it is."""
    if Person.objects.filter(subtree_q("region", county.code)).exists():
        return {"persons": 0}
    from shuangyong.demo.roster import write_roster

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "罗源县优抚对象花名册.xlsx"
        # paid before the system through December two years back: last year is a whole year of runs
        write_roster(PERSONS, str(path), seed=SEED, paid_through=f"{today.year - 2}.12")
        result = import_persons(path, region=county, today=date(today.year - 1, 1, 15), user=system_user())
    if result.errors:
        raise DemoRegistryError(f"演示花名册导入失败：{result.errors[:3]}")
    admin = User.objects.get(username="syb")
    rng = random.Random(SEED)
    last_year, this_year = today.year - 1, today.year
    active = list(
        Entitlement.objects.filter(status=Status.ACTIVE)
        .select_related("person", "category")
        .order_by("person_id", "category_id")  # ID numbers are encrypted: creation order
    )
    rng.shuffle(active)
    picks = iter(active)

    for _ in range(45):  # deaths last year
        life.record_death(
            next(picks).person,
            on=_day(rng, date(last_year, 1, 1), date(last_year, 12, 31)),
            cause=rng.choice(["病故", "病故", "自然死亡"]),
            user=admin,
        )
    for _ in range(28):  # deaths this year so far
        life.record_death(next(picks).person, on=_day(rng, date(this_year, 1, 1), today), cause="病故", user=admin)
    for _ in range(8):
        send_transfer(
            next(picks).person,
            on=_day(rng, date(last_year, 3, 1), date(last_year, 11, 30)),
            destination=rng.choice(["福州市连江县", "福州市鼓楼区", "宁德市蕉城区"]),
            user=admin,
        )
    changed = 0
    for ent in active:  # grade changes this year (残疾等级调整)
        if changed == 12:
            break
        ent.refresh_from_db()
        if (
            ent.category.requires_disability
            and ent.status == Status.ACTIVE
            and ent.disability_nature != "illness"
            and (ent.disability_grade or 0) > 2
        ):
            life.change_grade(
                ent, grade=ent.disability_grade - 1, on=_day(rng, date(this_year, 2, 1), today), user=admin
            )
            changed += 1
    for _ in range(6):
        ent = next(picks)
        ent.refresh_from_db()
        if ent.status == Status.ACTIVE:
            life.suspend_entitlement(ent, on=_day(rng, date(last_year, 6, 1), today), reason="服刑期间中止", user=admin)
    _new_applications(rng, county, admin, today)
    return {"persons": Person.objects.filter(subtree_q("region", county.code)).count()}


def _new_applications(rng: random.Random, county: Region, admin, today: date) -> None:
    """This year's 受理 and 认定: a few new disabled veterans and survivors registered by hand."""
    from shuangyong.pinyin import initials
    from shuangyong.registry.idnumber import check_char

    villages = list(county.subtree().filter(level=5).values_list("code", flat=True))
    disabled, survivors = Category.objects.get(code="11"), Category.objects.get(code="21")
    for index in range(12):
        born = date(1975 + index, 1 + index % 12, 10 + index)
        first17 = f"350123{born:%Y%m%d}{900 + index * 2 + 1:03d}"
        person = Person(
            id_number=first17 + check_char(first17),
            name=f"{'林陈黄郑'[index % 4]}新{'甲乙丙丁戊己'[index % 6]}",
            sex="M",
            birth_date=born,
            region_id=rng.choice(villages),
            hukou="rural",
        )
        person.name_initials = initials(person.name)
        person.save()
        applied = _day(rng, date(today.year, 1, 5), today - timedelta(days=10))
        if index % 3 == 2:
            ent = life.register_entitlement(
                person, category=survivors, on=applied, relation="子女", soldier_name="林国栋", user=admin
            )
        else:
            ent = life.register_entitlement(
                person,
                category=disabled,
                on=applied,
                disability_grade=5 + index % 5,
                disability_nature="duty",
                certificate_no=f"闽残{2026000 + index}",
                user=admin,
            )
        if index < 9:
            life.approve_entitlement(ent, on=applied + timedelta(days=9), user=admin)


def confirm_years(today: date) -> None:
    """年度确认 of last year and this year, once every area has registered its persons (soldiers' families, returned
    soldiers). Whether and when a person is confirmed is drawn from the person's own seed, so a second run finds
    the same few unconfirmed and changes nothing."""
    admin = User.objects.get(username="syb")
    _confirmations(admin, today.year - 1)
    _confirmations(admin, today.year)


def _confirmations(admin, year: int) -> None:
    """年度确认: most confirmed by spring; the rest show on the overdue list once the local deadline has passed."""
    waiting = Entitlement.objects.filter(status=Status.ACTIVE).filter(
        Q(confirmed_year__isnull=True) | Q(confirmed_year__lt=year)
    )
    people = (
        Person.objects.filter(death_date__isnull=True, pk__in=waiting.values("person_id"))
        .annotate(approved=Max("entitlements__approval_date"))
        .order_by("pk")
    )
    for person in people:
        rng = random.Random(f"{SEED}/{person.pk}/{year}")
        reached = rng.random() < 0.985  # a few not reached by the deadline (in hospital, away): the overdue list
        approved = person.approved or date(year, 1, 1)
        if reached and approved <= date(year, 5, 31):  # approved later: the 认定 was that year's check
            on = _day(rng, max(date(year, 2, 1), approved), date(year, 5, 31))
            life.confirm_year(person, year=year, on=on, user=admin)
