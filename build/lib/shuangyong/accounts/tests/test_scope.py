"""The role matrix: which units each role sees and may change, and that a denied write changes nothing."""

import pytest

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.accounts.scope import ScopeDenied, ensure_can_write, visible, writable
from shuangyong.audit.models import AuditEntry
from shuangyong.jobs.models import Job
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit
from shuangyong.units.services import create_unit, update_unit

pytestmark = pytest.mark.django_db

ALL_UNITS = {"WGJ", "GAR1", "SCH-A", "SCH-B"}

# role -> (units visible, units writable)
MATRIX = {
    "county_admin": (ALL_UNITS, ALL_UNITS),
    "town_staff": ({"WGJ", "GAR1", "SCH-A"}, {"SCH-A"}),
    "town_b_staff": ({"WGJ", "GAR1", "SCH-B"}, {"SCH-B"}),
    "village_staff": ({"WGJ", "GAR1", "SCH-A"}, set()),  # SCH-A sits at its town, an ancestor
    "unit_staff": ({"WGJ", "GAR1"}, {"WGJ"}),
    "leader": (ALL_UNITS, ALL_UNITS),  # in scope, but the role has no right to write (next test)
    "sysadmin": (ALL_UNITS, ALL_UNITS),
    "secadmin": (set(), set()),
    "auditadmin": (set(), set()),
}


@pytest.mark.parametrize("username", sorted(MATRIX))
def test_unit_visibility_and_write_scope(users, username):
    user = users[username]
    seen, can_write = MATRIX[username]
    assert set(visible(user, Unit.objects.all()).values_list("code", flat=True)) == seen
    assert set(writable(user, Unit.objects.all()).values_list("code", flat=True)) == can_write


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("county_admin", {"WGJ", "GAR1", "SCH-A", "SCH-B"}),
        ("town_staff", {"SCH-A"}),
        ("town_b_staff", {"SCH-B"}),
        ("village_staff", set()),  # in scope for nothing: no unit sits in a village
        ("unit_staff", {"WGJ"}),
        ("leader", set()),  # read-only role
        ("sysadmin", {"WGJ", "GAR1", "SCH-A", "SCH-B"}),
        ("secadmin", set()),
        ("auditadmin", set()),
    ],
)
def test_ensure_can_write_matrix(users, username, allowed):
    user = users[username]
    result = set()
    for unit in Unit.objects.all():
        try:
            ensure_can_write(user, unit)
        except ScopeDenied:
            continue
        result.add(unit.code)
    assert result == allowed


def test_town_user_cannot_change_another_towns_unit_and_nothing_changes(users, county):
    school_b = county["school_b"]
    entries = AuditEntry.objects.count()
    with pytest.raises(ScopeDenied):
        update_unit(school_b, user=users["town_staff"], name="改名")
    school_b.refresh_from_db()
    assert school_b.name == "松山小学"
    assert AuditEntry.objects.count() == entries


def test_town_user_cannot_move_a_unit_into_or_out_of_their_town(users, county):
    school_a, school_b = county["school_a"], county["school_b"]
    with pytest.raises(ScopeDenied):
        update_unit(school_b, user=users["town_staff"], region=county["town_a"])  # pull in
    with pytest.raises(ScopeDenied):
        update_unit(school_a, user=users["town_staff"], region=county["town_b"])  # push out
    school_a.refresh_from_db()
    school_b.refresh_from_db()
    assert (school_a.region_id, school_b.region_id) == ("350123100000", "350123101000")


def test_town_user_creates_only_in_their_town(users, county):
    created = create_unit(
        user=users["town_staff"],
        code="SCH-C",
        name="凤山小学",
        kind="partner",
        partner_kind="school",
        region=county["village_a1"],
    )
    assert created.region_id == "350123100001"
    with pytest.raises(ScopeDenied):
        create_unit(
            user=users["town_staff"],
            code="SCH-D",
            name="松山幼儿园",
            kind="partner",
            partner_kind="school",
            region=county["town_b"],
        )
    assert not Unit.objects.filter(code="SCH-D").exists()


def test_inactive_user_sees_and_changes_nothing(users, county):
    admin = users["county_admin"]
    admin.is_active = False
    admin.save()
    assert not visible(admin, Unit.objects.all()).exists()
    with pytest.raises(ScopeDenied):
        ensure_can_write(admin, county["school_a"])


def test_regions_are_read_in_the_subtree_and_above(users):
    town_user = users["town_staff"]
    codes = set(visible(town_user, Region.objects.all()).values_list("code", flat=True))
    assert codes == {"350000000000", "350100000000", "350123000000", "350123100000", "350123100001", "350123100002"}


def test_jobs_are_scoped_by_region(users, county):
    Job.objects.create(kind="t", title="凤山镇任务", region=county["town_a"])
    Job.objects.create(kind="t", title="松山镇任务", region=county["town_b"])
    titles = set(visible(users["town_staff"], Job.objects.all()).values_list("title", flat=True))
    assert titles == {"凤山镇任务"}
    assert set(visible(users["county_admin"], Job.objects.all()).values_list("title", flat=True)) == {
        "凤山镇任务",
        "松山镇任务",
    }


def test_user_of_a_region_role_must_have_a_region(county):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="nowhere", password="x" * 10, role=Role.TOWN_STAFF)
