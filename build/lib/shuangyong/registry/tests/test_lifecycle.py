from datetime import date

import pytest

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.audit.models import AuditEntry
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.models import Entitlement, PersonEvent
from shuangyong.registry.services import lifecycle as life

pytestmark = pytest.mark.django_db


@pytest.fixture
def disabled(person_factory, categories, users):
    person = person_factory()
    ent = life.register_entitlement(
        person,
        category=categories["11"],
        on=date(2025, 3, 2),
        user=users["town_staff"],
        disability_grade=5,
        disability_nature="war",
    )
    return ent


def kinds(person):
    return list(PersonEvent.objects.filter(person=person).order_by("id").values_list("kind", flat=True))


def test_register_and_approve(disabled, users):
    ent = life.approve_entitlement(disabled, on=date(2025, 4, 10), user=users["town_staff"])
    assert (ent.status, ent.approval_date) == (Status.ACTIVE, date(2025, 4, 10))
    assert kinds(ent.person) == [EventKind.REGISTER, EventKind.APPROVE]
    entry = AuditEntry.objects.filter(model="registry.entitlement", action="update").get()
    assert entry.actor_id == users["town_staff"].pk
    assert entry.after["status"] == "active"


def test_illness_above_grade_six_cannot_be_approved(person_factory, categories, users):
    ent = life.register_entitlement(
        person_factory(),
        category=categories["11"],
        on=date(2025, 3, 2),
        disability_grade=7,
        disability_nature="illness",
        user=users["county_admin"],
    )
    with pytest.raises(life.RegistryError, match="因病致残只有一级至六级享受抚恤"):
        life.approve_entitlement(ent, on=date(2025, 4, 1), user=users["county_admin"])
    ent.refresh_from_db()
    assert ent.status == Status.APPLIED
    declined = life.decline_entitlement(ent, on=date(2025, 4, 1), reason="因病七级", user=users["county_admin"])
    assert declined.status == Status.NOT_ENTITLED


def test_another_towns_user_is_refused_and_nothing_changes(disabled, users):
    entries = AuditEntry.objects.count()
    with pytest.raises(ScopeDenied):
        life.approve_entitlement(disabled, on=date(2025, 4, 10), user=users["town_b_staff"])
    with pytest.raises(ScopeDenied):
        life.approve_entitlement(disabled, on=date(2025, 4, 10), user=users["leader"])
    disabled.refresh_from_db()
    assert disabled.status == Status.APPLIED
    assert AuditEntry.objects.count() == entries
    assert kinds(disabled.person) == [EventKind.REGISTER]


def test_children_of_martyrs_must_be_sixty(person_factory, categories, users):
    young = person_factory(name="烈士子女", birth="19700101", seq=21)
    ent = life.register_entitlement(
        young, category=categories["71"], on=date(2025, 1, 5), relation="子女", user=users["county_admin"]
    )
    with pytest.raises(life.RegistryError, match="烈士子女须年满 60 周岁（现年 55 岁）"):
        life.approve_entitlement(ent, on=date(2025, 1, 5), user=users["county_admin"])


def test_change_grade_suspend_resume_cancel(disabled, users, categories):
    admin = users["county_admin"]
    ent = life.approve_entitlement(disabled, on=date(2025, 4, 10), user=admin)
    ent = life.change_grade(ent, grade=3, on=date(2025, 9, 1), certificate_no="闽残0001", user=admin)
    assert (ent.disability_grade, ent.certificate_no) == (3, "闽残0001")
    event = PersonEvent.objects.get(kind=EventKind.CHANGE_GRADE)
    assert event.details == {"before": {"grade": 5, "nature": "war"}, "after": {"grade": 3, "nature": "war"}}
    ent = life.suspend_entitlement(ent, on=date(2025, 10, 1), reason="服刑", user=admin)
    assert ent.status == Status.SUSPENDED
    with pytest.raises(life.RegistryError, match="只有停发的可以恢复发放|只有享受待遇的可以停发"):
        life.suspend_entitlement(ent, on=date(2025, 10, 2), reason="again", user=admin)
    ent = life.resume_entitlement(ent, on=date(2026, 1, 1), user=admin)
    assert ent.status == Status.ACTIVE
    ent = life.cancel_entitlement(ent, on=date(2026, 2, 14), reason="开除军籍", user=admin)
    assert (ent.status, ent.pay_until) == (Status.CANCELLED, date(2026, 2, 1))


def test_an_arrival_from_outside_the_system_is_paid_from_the_month_after_the_old_county_paid(disabled, users):
    """条例 §30: the previous county paid through December of the move year, unless its letter says otherwise."""
    admin = users["county_admin"]
    life.record_arrival(disabled.person, on=date(2026, 3, 1), origin="福州市鼓楼区", user=admin)
    disabled.refresh_from_db()
    assert (disabled.status, disabled.paid_through, disabled.pay_until) == (Status.ACTIVE, date(2026, 12, 1), None)
    assert kinds(disabled.person)[-1] == EventKind.MOVE_IN
    event = disabled.person.events.get(kind=EventKind.MOVE_IN)
    assert event.details == {"origin": "福州市鼓楼区", "paid_through": "2026-12-01"}


def test_an_arrival_paid_through_an_earlier_month_is_owed_from_the_month_after(disabled, users):
    life.record_arrival(
        disabled.person,
        on=date(2026, 3, 1),
        origin="连江县",
        paid_through=date(2026, 6, 15),
        user=users["county_admin"],
    )
    disabled.refresh_from_db()
    assert disabled.paid_through == date(2026, 6, 1)


def test_death_ends_every_entitlement(disabled, users, categories):
    admin = users["county_admin"]
    ent = life.approve_entitlement(disabled, on=date(2025, 4, 10), user=admin)
    second = life.register_entitlement(ent.person, category=categories["51"], on=date(2025, 4, 10), user=admin)
    life.approve_entitlement(second, on=date(2025, 4, 10), user=admin)
    life.record_death(ent.person, on=date(2026, 1, 20), cause="病故", user=admin)
    assert set(Entitlement.objects.values_list("status", "pay_until")) == {(Status.DECEASED, date(2026, 1, 1))}
    ent.person.refresh_from_db()
    assert (ent.person.death_date, ent.person.death_cause) == (date(2026, 1, 20), "病故")
    with pytest.raises(life.RegistryError, match="已于 2026-01-20 登记"):
        life.record_death(ent.person, on=date(2026, 1, 21), user=admin)


def test_yearly_confirmation(disabled, users):
    admin = users["county_admin"]
    ent = life.approve_entitlement(disabled, on=date(2025, 4, 10), user=admin)
    life.confirm_year(ent.person, year=2026, on=date(2026, 3, 1), user=admin)
    ent.refresh_from_db()
    assert ent.confirmed_year == 2026
    assert PersonEvent.objects.filter(kind=EventKind.CONFIRM).get().details == {"year": 2026}


def test_changes_from_the_page_and_the_api_are_dated_events(client, disabled, users, categories):
    from conftest import verify_second_factor

    from shuangyong.api.tests.clients import token_client

    admin = users["county_admin"]
    ent = life.approve_entitlement(disabled, on=date(2025, 4, 10), user=admin)
    client.force_login(admin)
    verify_second_factor(client, admin)
    page = f"/registry/{ent.person_id}/entitlements/{ent.pk}/change/"
    assert "供养方式" in client.get(page).content.decode()
    same = client.post(
        page, {"on": "2026-02-01", "category": "11", "disability_grade": "5", "disability_nature": "war"}
    )
    assert "没有要变更的内容" in same.content.decode()
    done = client.post(
        page,
        {
            "on": "2026-02-01",
            "category": "11",
            "disability_grade": "3",
            "disability_nature": "war",
            "support_mode": "dispersed",
        },
    )
    assert done.status_code == 302
    ent.refresh_from_db()
    assert (ent.disability_grade, ent.support_mode) == (3, "dispersed")
    assert kinds(ent.person)[-2:] == [EventKind.CHANGE_GRADE, EventKind.CHANGE_SUPPORT]
    api = token_client("county_admin")
    bad = api.post(
        f"/api/entitlements/{ent.pk}/change/",
        {"on": "2026-03-01", "support_mode": "central", "disability_grade": 7},
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["detail"] == "集中供养或分散供养只适用于一至四级残疾军人"
    ent.refresh_from_db()
    assert (ent.disability_grade, ent.support_mode) == (3, "dispersed")  # all or none
    ok = api.post(f"/api/entitlements/{ent.pk}/change/", {"on": "2026-03-01", "support_mode": "central"}, format="json")
    assert ok.status_code == 200 and ok.json()["support_mode"] == "central"
