"""Fixtures shared by every app's tests: a small county tree and one user per role."""

import pytest

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.regions.codes import level_of
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit, UnitKind

PASSWORD = "test-pass-123"


def make_region(code: str, name: str) -> Region:
    from shuangyong.regions.codes import parent_code_of

    parent = parent_code_of(code)
    if parent and not Region.objects.filter(code=parent).exists():
        make_region(parent, f"上级{parent[:6]}")
    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "level": level_of(code), "parent_id": parent}
    )
    return region


def refused(fields: dict) -> dict:
    """The API's answer to a refused body (api.base.exception_handler): the first field's first message as the
    detail, and every field's messages."""
    name, messages = next(iter(fields.items()))
    detail = messages[0] if name == "non_field_errors" else f"字段 {name}：{messages[0]}"
    return {"detail": detail, "fields": fields}


def totp_code(username: str) -> str:
    """The current code of the user's authenticator (a confirmed TOTP device, made here if the user has none),
    with the device's replay guard reset so that a test may sign the same user in twice within 30 seconds."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shuangyong.accounts.models import User

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="测试", confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def verify_second_factor(client, user) -> None:
    """Mark a test client's session as having passed the second factor (as the sign-in's factor step does)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="测试", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def county(db):
    """罗源县 with two towns (凤山镇, 松山镇) of two villages each, and units at county and town level."""
    make_region("350000000000", "福建省")
    make_region("350100000000", "福州市")
    tree = {
        "county": make_region("350123000000", "罗源县"),
        "town_a": make_region("350123100000", "凤山镇"),
        "town_b": make_region("350123101000", "松山镇"),
        "village_a1": make_region("350123100001", "北门居委会"),
        "village_a2": make_region("350123100002", "东门居委会"),
        "village_b1": make_region("350123101201", "松山村"),
        "village_b2": make_region("350123101202", "迹头村"),
    }
    tree["unit_bureau"] = Unit.objects.create(code="WGJ", name="县文广局", kind=UnitKind.MEMBER, region=tree["county"])
    tree["unit_garrison"] = Unit.objects.create(
        code="GAR1", name="某部队", kind=UnitKind.GARRISON, garrison_branch="army", region=tree["county"]
    )
    tree["school_a"] = Unit.objects.create(
        code="SCH-A", name="凤山中学", kind=UnitKind.PARTNER, partner_kind="school", region=tree["town_a"]
    )
    tree["school_b"] = Unit.objects.create(
        code="SCH-B", name="松山小学", kind=UnitKind.PARTNER, partner_kind="school", region=tree["town_b"]
    )
    return tree


@pytest.fixture
def users(county):
    """One active user per role, username = role value, password PASSWORD."""
    placement = {
        Role.COUNTY_ADMIN: {"region": county["county"]},
        Role.TOWN_STAFF: {"region": county["town_a"]},
        Role.VILLAGE_STAFF: {"region": county["village_a1"]},
        Role.UNIT_STAFF: {"unit": county["unit_bureau"]},
        Role.LEADER: {"region": county["county"]},
        Role.SYSADMIN: {},
        Role.SECADMIN: {},
        Role.AUDITADMIN: {},
    }
    made = {}
    for role, where in placement.items():
        made[role.value] = User.objects.create_user(
            username=role.value, password=PASSWORD, role=role, full_name=role.label, **where
        )
    made["town_b_staff"] = User.objects.create_user(
        username="town_b_staff",
        password=PASSWORD,
        role=Role.TOWN_STAFF,
        region=county["town_b"],
        full_name="松山镇干事",
    )
    return made


@pytest.fixture
def other_county(county):
    """连江县 beside 罗源县, with one town and village and its own county administrator (lj_admin): the other side
    of a move between counties."""
    tree = {
        "county": make_region("350122000000", "连江县"),
        "town": make_region("350122100000", "凤城镇"),
        "village": make_region("350122100001", "江南社区"),
    }
    tree["admin"] = User.objects.create_user(
        username="lj_admin", password=PASSWORD, role=Role.COUNTY_ADMIN, region=tree["county"], full_name="连江县管理员"
    )
    return tree


def load_shipped_data() -> None:
    """Load again the code tables the data migrations ship (categories, benefit kinds, activity kinds, wording ...).

    A transactional test ends with a flush that empties them; a later transactional test that needs them (the demo,
    say) calls this. Every loader is idempotent and never overwrites an edited row."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    loader = MigrationLoader(connection)
    for key in _whole_plan(loader):
        for operation in loader.graph.nodes[key].operations:
            if isinstance(operation, RunPython) and operation.code.__name__.startswith(("load", "reload")):
                operation.code(apps, None)


def _whole_plan(loader) -> list:
    plan = []
    for leaf in loader.graph.leaf_nodes():
        plan.extend(node for node in loader.graph.forwards_plan(leaf) if node not in plan)
    return plan
