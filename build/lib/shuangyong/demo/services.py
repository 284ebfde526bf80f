"""Building the demo county. Idempotent: running it again changes nothing."""

from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.demo import activities as demo_activities
from shuangyong.demo import archive as demo_archive
from shuangyong.demo import assessment as demo_assessment
from shuangyong.demo import care as demo_care
from shuangyong.demo import conscription as demo_conscription
from shuangyong.demo import county as data
from shuangyong.demo import creation as demo_creation
from shuangyong.demo import leadership as demo_leadership
from shuangyong.demo import payments as demo_payments
from shuangyong.demo import reports as demo_reports
from shuangyong.demo import resettlement as demo_resettlement
from shuangyong.demo.benefits import build_benefits
from shuangyong.demo.registry import build_registry
from shuangyong.regions.models import Region
from shuangyong.regions.services import load_national_table
from shuangyong.sheets.regions import import_regions_text
from shuangyong.units.models import Unit, UnitKind

DATA_DIR = Path(__file__).parent / "data"


# the demo of each further domain area, in this order (later ones count what earlier ones built)
AREAS = [
    demo_conscription,
    demo_resettlement,
    demo_payments,
    demo_leadership,
    demo_activities,
    demo_care,
    demo_archive,
    demo_assessment,
    demo_creation,
    demo_reports,
]


class DemoError(Exception):
    pass


def _ensure_unit(code: str, **fields) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        unit = Unit(code=code, **fields)
        unit.save()
    return unit


def _ensure_user(username, full_name, role, region_code, unit_code) -> User:
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = User(
        username=username,
        full_name=full_name,
        role=role,
        region_id=region_code,
        unit=Unit.objects.get(code=unit_code) if unit_code else None,
    )
    user.set_password(data.DEMO_PASSWORD)
    user.save()
    return user


@transaction.atomic
def build_demo(today: date | None = None) -> dict:
    load_national_table()
    report = import_regions_text((DATA_DIR / data.TOWNS_AND_VILLAGES_CSV).read_text(encoding="utf-8"))
    if report.errors:
        raise DemoError(f"演示区划数据有误：{report.errors[:3]}")
    county = data.COUNTY_CODE
    for code, name, short in data.MEMBER_UNITS:
        _ensure_unit(code, name=name, short_name=short, kind=UnitKind.MEMBER, region_id=county)
    for code, name, branch, designation in data.GARRISON_UNITS:
        _ensure_unit(
            code, name=name, kind=UnitKind.GARRISON, garrison_branch=branch, designation=designation, region_id=county
        )
    for code, name, partner_kind, town in data.PARTNER_UNITS:
        _ensure_unit(code, name=name, kind=UnitKind.PARTNER, partner_kind=partner_kind, region_id=town)
    users = [_ensure_user(*row) for row in data.USERS]
    county_region, today = Region.objects.get(code=county), today or timezone.localdate()
    registry = build_registry(county_region, today)
    build_benefits(county_region, today)
    for area in AREAS:
        area.build(county_region, today)
    return {"county": county, "users": users, "regions_created": report.created, "persons": registry["persons"]}


def login_table(users: list[User]) -> list[tuple[str, str, str, str]]:
    return [(u.username, data.DEMO_PASSWORD, Role(u.role).label, u.scope_label) for u in users]
