from datetime import date

import pytest

from shuangyong.regions.models import RegionSetting
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Entitlement
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services.confirmation import deadline_for, overdue, stop_overdue, unconfirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_active(person_factory, categories, users):
    admin = users["county_admin"]
    made = []
    for name, seq in (("甲", 11), ("乙", 13)):
        ent = life.register_entitlement(
            person_factory(name=name, seq=seq), category=categories["41"], on=date(2025, 1, 2), user=admin
        )
        made.append(life.approve_entitlement(ent, on=date(2025, 1, 2), user=admin))
    life.confirm_year(made[0].person, year=2026, on=date(2026, 3, 1), user=admin)
    return made


def test_unconfirmed_list(two_active):
    names = set(unconfirmed(Entitlement.objects.all(), 2026).values_list("person__name", flat=True))
    assert names == {"乙"}


def test_deadline_is_local_data(county, two_active):
    assert deadline_for("350123100001", 2026) == date(2026, 6, 30)
    RegionSetting.objects.create(
        region=county["county"], key="confirmation_deadline", value="05-31", valid_from=date(2026, 1, 1)
    )
    assert deadline_for("350123100001", 2026) == date(2026, 5, 31)
    assert deadline_for("350123100001", 2025) == date(2025, 6, 30)  # not yet in force then


def test_overdue_are_flagged_then_stopped(two_active, users):
    everything = Entitlement.objects.all()
    assert not overdue(everything, year=2026, region_code="350123000000", today=date(2026, 6, 30)).exists()
    flagged = overdue(everything, year=2026, region_code="350123000000", today=date(2026, 7, 1))
    assert set(flagged.values_list("person__name", flat=True)) == {"乙"}
    stopped = stop_overdue(
        everything, year=2026, region_code="350123000000", today=date(2026, 7, 1), user=users["county_admin"]
    )
    assert stopped == 1
    assert dict(Entitlement.objects.values_list("person__name", "status")) == {
        "甲": Status.ACTIVE,
        "乙": Status.SUSPENDED,
    }
    assert Entitlement.objects.get(person__name="乙").status_reason == "2026 年度未确认"


def test_one_approved_after_the_deadline_is_never_overdue_that_year(two_active, person_factory, categories, users):
    """As the payment engine pays him (sql.py: approved after the deadline), nothing may stop or flag him."""
    admin = users["county_admin"]
    late = life.register_entitlement(
        person_factory(name="丙", seq=15), category=categories["41"], on=date(2026, 8, 3), user=admin
    )
    life.approve_entitlement(late, on=date(2026, 8, 10), user=admin)
    everything = Entitlement.objects.all()
    assert set(unconfirmed(everything, 2026).values_list("person__name", flat=True)) == {"乙", "丙"}
    assert set(unconfirmed(everything, 2026, "350123000000").values_list("person__name", flat=True)) == {"乙"}
    flagged = overdue(everything, year=2026, region_code="350123000000", today=date(2026, 9, 1))
    assert set(flagged.values_list("person__name", flat=True)) == {"乙"}
    stop_overdue(everything, year=2026, region_code="350123000000", today=date(2026, 9, 1), user=admin)
    assert Entitlement.objects.get(person__name="丙").status == Status.ACTIVE
    assert set(unconfirmed(everything, 2027, "350123000000").values_list("person__name", flat=True)) >= {"丙"}


def test_overdue_list_and_bulk_stop_from_the_list(two_active, users, client, county):
    from conftest import PASSWORD

    from shuangyong.registry.services.search import PersonFilter, search_persons

    admin = users["county_admin"]
    before = search_persons(admin, PersonFilter(confirmed="overdue", year=2026), today=date(2026, 6, 30))
    assert list(before) == []
    after = search_persons(admin, PersonFilter(confirmed="overdue", year=2026), today=date(2026, 7, 1))
    assert [p.name for p in after] == ["乙"]
    # the page and the button act on today's date: make the deadline passed for this year
    RegionSetting.objects.create(
        region=county["county"], key="confirmation_deadline", value="01-01", valid_from=date(2000, 1, 1)
    )
    from django.utils import timezone

    if timezone.localdate() == date(timezone.localdate().year, 1, 1):
        pytest.skip("on 1 January the deadline has not passed yet")
    client.login(username="town_b_staff", password=PASSWORD)
    client.post("/registry/stop-overdue/")
    assert set(Entitlement.objects.values_list("status", flat=True)) == {Status.ACTIVE}  # not their town
    client.login(username="town_staff", password=PASSWORD)
    response = client.post("/registry/stop-overdue/", follow=True)
    assert "已停发" in response.content.decode()
    year = timezone.localdate().year
    expected = {"甲": Status.ACTIVE if year == 2026 else Status.SUSPENDED, "乙": Status.SUSPENDED}
    assert dict(Entitlement.objects.values_list("person__name", "status")) == expected


def test_a_village_list_confirmed_at_once(client, county, two_active, person_factory, categories, users):
    from conftest import PASSWORD
    from django.utils import timezone

    from shuangyong.registry.models import Person

    admin, year = users["county_admin"], timezone.localdate().year
    dead = life.register_entitlement(person_factory(name="丙", seq=15), category=categories["41"],
                                     on=date(2025, 1, 2), user=admin)  # fmt: skip
    dead = life.approve_entitlement(dead, on=date(2025, 1, 2), user=admin)
    life.record_death(dead.person, on=date(2026, 2, 1), cause="病故", user=admin)
    other = person_factory(name="丁", seq=17, region=county["village_b1"])
    client.login(username="town_staff", password=PASSWORD)
    listing = client.get("/registry/?confirmed=no").content.decode()
    assert f'name="person" value="{two_active[1].person.pk}" checked' in listing
    ids = [e.person.pk for e in two_active]
    assert client.post("/registry/confirm/", {"person": [*ids, other.pk]}).status_code == 404  # another town's
    refused = client.post("/registry/confirm/", {"person": [*ids, dead.person.pk]}, follow=True)
    assert "丙已去世，不能年度确认" in refused.content.decode()
    assert Entitlement.objects.filter(confirmed_year=year).count() == (1 if year == 2026 else 0)  # nothing changed
    assert client.post("/registry/confirm/", {"person": ids, "query": "confirmed=no"}).status_code == 302
    assert set(Entitlement.objects.filter(confirmed_year=year).values_list("person__name", flat=True)) == {"甲", "乙"}
    assert Person.objects.get(pk=ids[1]).events.filter(kind="confirm").count() == 1
