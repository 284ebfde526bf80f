"""Many counties in one installation: a security or audit administrator placed at a county answers for that
county's accounts only; one without a region, and leaders at a city or province, see across counties."""

from datetime import date

import pytest
from conftest import PASSWORD, verify_second_factor
from rest_framework.test import APIClient

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.accounts.scope import ScopeDenied
from shuangyong.accounts.services import AccountError, create_account, reset_password, update_account
from shuangyong.audit.context import acting_as
from shuangyong.audit.models import AuditAction, AuditEntry
from shuangyong.audit.queries import readable_entries
from shuangyong.audit.services import record_event
from shuangyong.registry.tests.sheets import make_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_admins(county, other_county):
    """罗源县's own security and audit administrators."""
    made = {}
    for role in (Role.SECADMIN, Role.AUDITADMIN):
        made[role.value] = User.objects.create_user(
            username=f"ly_{role.value}", password=PASSWORD, role=role, region=county["county"]
        )
    return made


def snapshot():
    return sorted(User.objects.values_list("username", "full_name", "region_id", "role", "is_active"))


def test_a_county_security_administrator_manages_its_county_only(users, county, other_county, county_admins):
    secadmin = county_admins["secadmin"]
    api = APIClient()
    api.force_authenticate(secadmin)
    listed = {row["username"] for row in api.get("/api/v1/users/?limit=500").json()["results"]}
    assert "town_staff" in listed and "unit_staff" in listed  # a town's, and a county unit's
    assert {"lj_admin", "secadmin", "sysadmin", "system"}.isdisjoint(listed)  # 连江县's, the installation's
    assert api.get(f"/api/v1/users/{other_county['admin'].pk}/").status_code == 404

    made = create_account(
        actor=secadmin, username="ly_new", password="Passw0rd!x", role=Role.TOWN_STAFF, region=county["town_a"]
    )
    assert made.region_id == county["town_a"].code


@pytest.mark.parametrize(
    "attempt",
    ["create-in-other-county", "create-sysadmin", "create-without-region", "move-out", "reset-other", "edit-other"],
)
def test_what_a_county_security_administrator_may_not_do_changes_nothing(
    users, county, other_county, county_admins, attempt
):
    secadmin, before = county_admins["secadmin"], snapshot()
    other = other_county["admin"]
    actions = {
        "create-in-other-county": lambda: create_account(
            actor=secadmin, username="x", password="Passw0rd!x", role=Role.TOWN_STAFF, region=other_county["town"]
        ),
        "create-sysadmin": lambda: create_account(
            actor=secadmin, username="x", password="Passw0rd!x", role=Role.SYSADMIN, region=county["county"]
        ),
        "create-without-region": lambda: create_account(
            actor=secadmin, username="x", password="Passw0rd!x", role=Role.AUDITADMIN
        ),
        "move-out": lambda: update_account(users["town_staff"], actor=secadmin, region=other_county["town"]),
        "reset-other": lambda: reset_password(other, actor=secadmin, password="Passw0rd!y"),
        "edit-other": lambda: update_account(other, actor=secadmin, full_name="改名"),
    }
    with pytest.raises((AccountError, ScopeDenied)):
        actions[attempt]()
    assert snapshot() == before


def test_a_county_audit_administrator_reads_what_its_county_did(users, county, other_county, county_admins):
    for actor in (users["town_staff"], other_county["admin"], users["secadmin"]):
        with acting_as(actor, "测试"):
            record_event(AuditAction.SIGN_IN, model="accounts.user", object_id=actor.pk, object_repr=actor.username)
    county_auditor, installation_auditor = county_admins["auditadmin"], users["auditadmin"]
    assert sorted(readable_entries(county_auditor).values_list("object_repr", flat=True)) == ["town_staff"]
    assert readable_entries(installation_auditor).count() == AuditEntry.objects.count() > 3

    web = APIClient()
    web.force_login(county_auditor)
    verify_second_factor(web, county_auditor)
    other = AuditEntry.objects.get(object_repr="lj_admin")
    assert web.get(f"/audit/{other.pk}/").status_code == 404
    page = web.get("/audit/").content.decode()
    assert "town_staff" in page and "lj_admin" not in page


def test_a_province_leader_reads_every_county_and_a_county_leader_its_own(county, other_county):
    from shuangyong.registry.models import Person

    for seq, (place, name) in enumerate(((county["village_a1"], "甲"), (other_county["village"], "乙")), start=11):
        Person.objects.create(
            id_number=make_id("19500315", seq), name=name, sex="M", birth_date=date(1950, 3, 15), region=place
        )
    province = User.objects.create_user(username="prov", password=PASSWORD, role=Role.LEADER, region_id="350000000000")
    api = APIClient()
    api.force_authenticate(province)
    names = sorted(p["name"] for p in api.get("/api/v1/persons/").json()["results"])
    assert names == ["乙", "甲"]
