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
