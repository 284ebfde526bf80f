import pytest
from conftest import PASSWORD

from shuangyong.audit.models import AuditEntry
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.models import Person, PersonEvent
from shuangyong.registry.tests.sheets import make_id

pytestmark = pytest.mark.django_db


def test_town_staff_registers_a_person_by_hand(client, users, county):
    client.login(username="town_staff", password=PASSWORD)
    number = make_id("19520101", 13)
    response = client.post(
        "/registry/new/",
        {
            "id_number": number.lower(),
            "name": "周八",
            "region": "350123100001",
            "hukou": "rural",
            "category": "11",
            "disability_grade": "5",
            "disability_nature": "duty",
            "enlistment_date": "1970-12-01",
            "discharge_date": "1976-03-01",
            "certificate_no": "闽残字第0012号",
        },
    )
    assert response.status_code == 302, response.content.decode()[-800:]
    person = Person.objects.get(id_number=number)
    assert (person.name, person.sex, person.birth_date.isoformat(), person.bank_holder) == (
        "周八",
        "M",
        "1952-01-01",
        "周八",
    )
    ent = person.entitlements.get()
    assert (ent.status, ent.disability_grade, ent.certificate_no) == (Status.APPLIED, 5, "闽残字第0012号")
    assert (ent.enlistment_date.isoformat(), ent.discharge_date.isoformat()) == ("1970-12-01", "1976-03-01")
    assert PersonEvent.objects.get(person=person).kind == EventKind.REGISTER
    again = client.post(
        "/registry/new/", {"id_number": number, "name": "周八", "region": "350123100001", "category": "11"}
    )
    assert f"身份证号 {number} 已登记，请在列表中查找该人员" in again.content.decode()
    assert Person.objects.count() == 1


def test_town_staff_cannot_register_into_another_town(client, users, county):
    client.login(username="town_staff", password=PASSWORD)
    response = client.post(
        "/registry/new/",
        {"id_number": make_id("19520101", 13), "name": "周八", "region": "350123101201", "category": "41"},
    )
    assert response.status_code == 200
    assert not Person.objects.exists()


def test_editing_details_is_audited_and_on_the_timeline(client, users, county):
    client.login(username="town_staff", password=PASSWORD)
    client.post(
        "/registry/new/",
        {"id_number": make_id("19520101", 13), "name": "周八", "region": "350123100001", "category": "41"},
    )
    person = Person.objects.get()
    response = client.post(
        f"/registry/{person.pk}/edit/",
        {"name": "周八", "region": "350123100002", "bank_holder": "周八", "phone": "13900000000"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.region_id) == ("13900000000", "350123100002")
    event = PersonEvent.objects.get(person=person, kind=EventKind.EDIT)
    assert event.details == {"changed": ["phone", "region"]}
    assert "变更：联系电话、所在区划" in client.get(f"/registry/{person.pk}/").content.decode()  # names, not codes
    entry = AuditEntry.objects.filter(model="registry.person", action="update").get()
    assert entry.after["region_id"] == "350123100002" and entry.after["phone"].startswith("139****0000·")
    client.login(username="town_b_staff", password=PASSWORD)
    assert client.post(f"/registry/{person.pk}/edit/", {"name": "改", "region": "350123101201"}).status_code == 404


@pytest.mark.parametrize(
    ("cause", "grade", "nature", "offered"),
    [("旧伤复发", 6, "war", "因公牺牲军人遗属"), ("病故", 3, "duty", "病故军人遗属"), ("病故", 6, "war", None)],
)
def test_a_death_that_entitles_the_family_offers_to_register_it_prefilled(
    client, users, county, cause, grade, nature, offered
):
    from datetime import date

    from shuangyong.pinyin import initials
    from shuangyong.registry.models import Entitlement
    from shuangyong.registry.services.categories import load_categories
    from shuangyong.registry.services.lifecycle import record_death

    load_categories()
    veteran = Person.objects.create(
        id_number=make_id("19400101", 15),
        name="老兵",
        name_initials=initials("老兵"),
        sex="M",
        birth_date=date(1940, 1, 1),
        region=county["village_a1"],
        hukou="rural",
    )
    Entitlement.objects.create(
        person=veteran,
        category_id="11",
        status=Status.ACTIVE,
        disability_grade=grade,
        disability_nature=nature,
        approval_date=date(2000, 1, 1),
    )
    record_death(veteran, on=date(2026, 2, 3), cause=cause, user=users["town_staff"])
    client.login(username="town_staff", password=PASSWORD)
    page = client.get(f"/registry/{veteran.pk}/").content.decode()
    if offered is None:
        assert "登记遗属" not in page
        return
    assert f"登记遗属（{offered}）" in page
    code = {"因公牺牲军人遗属": "22", "病故军人遗属": "23"}[offered]
    form = client.get(f"/registry/new/?category={code}&soldier_name=老兵&region=350123100001").content.decode()
    assert 'value="老兵"' in form and f'<option value="{code}" selected>' in form
    widow = make_id("19450303", 16)
    created = client.post(
        "/registry/new/",
        {
            "id_number": widow,
            "name": "老兵妻",
            "region": "350123100001",
            "category": code,
            "relation": "配偶",
            "soldier_name": "老兵",
        },
    )
    assert created.status_code == 302
    ent = Person.objects.get(id_number=widow).entitlements.get()
    assert (ent.category_id, ent.soldier_name, ent.relation) == (code, "老兵", "配偶")


def test_the_approval_records_its_date_and_number(client, users, county):
    client.login(username="county_admin", password=PASSWORD)
    number = make_id("19520101", 13)
    form = {"id_number": number, "name": "周八", "region": "350123100001", "category": "41",
            "enlistment_date": "1976-03-01", "discharge_date": "1970-12-01"}  # fmt: skip
    refused = client.post("/registry/new/", form)
    assert "退伍时间不能早于入伍时间" in refused.content.decode() and not Person.objects.exists()
    client.post("/registry/new/", {**form, "discharge_date": ""})
    person = Person.objects.get(id_number=number)
    ent = person.entitlements.get()
    approve = {"entitlement": ent.pk, "on": "2026-11-20", "approval_no": "罗退役军人〔2026〕18号"}
    assert client.post(f"/registry/{person.pk}/events/approve/", approve).status_code == 302
    ent.refresh_from_db()
    assert (ent.status, ent.approval_date.isoformat(), ent.approval_no) == (
        Status.ACTIVE, "2026-11-20", "罗退役军人〔2026〕18号"
    )  # fmt: skip
    assert "罗退役军人〔2026〕18号" in client.get(f"/registry/{person.pk}/").content.decode()
