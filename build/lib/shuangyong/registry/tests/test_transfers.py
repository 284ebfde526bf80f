"""Moves between counties as a two-sided workflow: each side acts only in its own scope; pages, API, command."""

import json
from datetime import date
from io import StringIO

import pytest
from conftest import verify_second_factor
from django.core.management import call_command

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.api.tests.clients import token_client
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.models import Person, Transfer
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services.lifecycle import RegistryError
from shuangyong.registry.services.transfers import accept_transfer, return_transfer, send_transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def veteran(person_factory, categories, users):
    person = person_factory(name="王迁")
    ent = life.register_entitlement(
        person,
        category=categories["11"],
        on=date(2025, 3, 2),
        user=users["county_admin"],
        disability_grade=5,
        disability_nature="war",
    )
    life.approve_entitlement(ent, on=date(2025, 3, 2), user=users["county_admin"])
    return person


def state_of(person):
    person.refresh_from_db()
    ent = person.entitlements.get()
    return person.region_id, ent.status, ent.pay_until


def test_sent_then_accepted_moves_the_person_and_leaves_the_year_with_the_old_county(veteran, users, other_county):
    transfer = send_transfer(
        veteran, on=date(2026, 5, 10), to_county=other_county["county"], files_handed=True, user=users["town_staff"]
    )
    assert (transfer.state, transfer.pay_until, transfer.destination) == ("sent", date(2026, 12, 1), "连江县")
    assert state_of(veteran) == ("350123100001", Status.MOVED_OUT, date(2026, 12, 1))
    accept_transfer(transfer, on=date(2026, 6, 3), region=other_county["village"], user=other_county["admin"])
    assert state_of(veteran) == ("350122100001", Status.ACTIVE, None)
    assert (veteran.prior_region_id, veteran.prior_until) == ("350123100001", date(2026, 12, 1))
    kinds = list(veteran.events.order_by("id").values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.MOVE_OUT, EventKind.MOVE_IN]


def test_each_side_acts_only_in_its_own_scope(veteran, users, other_county):
    with pytest.raises(ScopeDenied):
        send_transfer(veteran, on=date(2026, 5, 10), to_county=other_county["county"], user=other_county["admin"])
    with pytest.raises(ScopeDenied):
        send_transfer(veteran, on=date(2026, 5, 10), to_county=other_county["county"], user=users["town_b_staff"])
    assert not Transfer.objects.exists()
    transfer = send_transfer(
        veteran, on=date(2026, 5, 10), to_county=other_county["county"], user=users["county_admin"]
    )
    with pytest.raises(ScopeDenied):  # the old county cannot accept on the destination's behalf
        accept_transfer(transfer, on=date(2026, 6, 1), region=other_county["village"], user=users["county_admin"])
    with pytest.raises(ScopeDenied):
        return_transfer(transfer, reason="不是本县的", user=users["county_admin"])
    transfer.refresh_from_db()
    assert transfer.state == "sent"
    assert state_of(veteran)[0] == "350123100001"


def test_the_destination_places_the_person_only_inside_its_county(veteran, users, other_county, county):
    transfer = send_transfer(
        veteran, on=date(2026, 5, 10), to_county=other_county["county"], user=users["county_admin"]
    )
    with pytest.raises(RegistryError, match="迁入地应为连江县的乡镇"):
        accept_transfer(transfer, on=date(2026, 6, 1), region=county["village_b1"], user=other_county["admin"])
    with pytest.raises(RegistryError, match="迁入日期不能早于迁出日期"):
        accept_transfer(transfer, on=date(2026, 5, 1), region=other_county["village"], user=other_county["admin"])
    assert Transfer.objects.get().state == "sent"


def test_a_returned_transfer_leaves_the_person_paid_by_the_old_county(veteran, users, other_county):
    transfer = send_transfer(
        veteran, on=date(2026, 5, 10), to_county=other_county["county"], user=users["county_admin"]
    )
    return_transfer(transfer, reason="档案未到", user=other_county["admin"])
    assert state_of(veteran) == ("350123100001", Status.ACTIVE, None)
    assert Transfer.objects.get().return_reason == "档案未到"
    again = send_transfer(veteran, on=date(2026, 6, 10), to_county=other_county["county"], user=users["county_admin"])
    assert again.state == "sent"


def test_refusals_name_what_is_wrong(veteran, users, other_county, county):
    admin = users["county_admin"]
    with pytest.raises(RegistryError, match="县内迁移不是跨县迁移"):
        send_transfer(veteran, on=date(2026, 5, 10), to_county=county["county"], user=admin)
    with pytest.raises(RegistryError, match="请填写迁往的县"):
        send_transfer(veteran, on=date(2026, 5, 10), user=admin)
    send_transfer(veteran, on=date(2026, 5, 10), to_county=other_county["county"], user=admin)
    with pytest.raises(RegistryError, match="没有正在享受或停发中的待遇"):
        send_transfer(veteran, on=date(2026, 5, 11), to_county=other_county["county"], user=admin)
    assert Transfer.objects.count() == 1


def test_a_move_outside_the_system_stops_after_december_and_no_one_here_accepts_it(veteran, users, other_county):
    transfer = send_transfer(veteran, on=date(2026, 5, 10), destination="宁德市蕉城区", user=users["county_admin"])
    assert state_of(veteran) == ("350123100001", Status.MOVED_OUT, date(2026, 12, 1))
    with pytest.raises(RegistryError, match="本系统以外"):
        accept_transfer(transfer, on=date(2026, 6, 1), region=other_county["village"], user=other_county["admin"])


def test_both_counties_see_it_on_their_pages(client, veteran, users, other_county):
    admin, lianjiang = users["county_admin"], other_county["admin"]
    client.force_login(admin)
    verify_second_factor(client, admin)
    response = client.post(
        f"/registry/{veteran.pk}/move-out/", {"on": "2026-05-10", "to_county": "350122000000", "files_handed": "on"}
    )
    assert response.status_code == 302, response.content.decode()[-600:]
    transfer = Transfer.objects.get()
    assert "连江县" in client.get("/registry/transfers/").content.decode()

    client.force_login(lianjiang)
    verify_second_factor(client, lianjiang)
    listing = client.get("/registry/transfers/").content.decode()
    assert "王迁" in listing and "接收或退回" in listing
    assert client.get(f"/registry/{veteran.pk}/").status_code == 200  # read-only, masked, before acceptance
    page = client.get(f"/registry/transfers/{transfer.pk}/").content.decode()
    assert "350122100001" in page and "350123100001 " not in page  # only the destination's places offered
    accepted = client.post(f"/registry/transfers/{transfer.pk}/accept/", {"on": "2026-06-03", "region": "350122100001"})
    assert accepted.status_code == 302
    assert Person.objects.get().region_id == "350122100001"

    client.force_login(admin)
    verify_second_factor(client, admin)
    old_side = client.get(f"/registry/{veteran.pk}/").content.decode()
    assert "已接收" in old_side and "修改信息" not in old_side  # the old county reads, no longer edits


def test_a_stranger_county_sees_nothing(client, veteran, users, other_county, county):
    from conftest import make_region

    from shuangyong.accounts.models import User
    from shuangyong.accounts.roles import Role

    third = User.objects.create_user(
        username="third", password="x", role=Role.TOWN_STAFF, region=make_region("350124100000", "某镇")
    )
    transfer = send_transfer(
        veteran, on=date(2026, 5, 10), to_county=other_county["county"], user=users["county_admin"]
    )
    client.force_login(third)
    assert client.get(f"/registry/transfers/{transfer.pk}/").status_code == 404
    assert client.get(f"/registry/{veteran.pk}/").status_code == 404
    assert (
        client.post(
            f"/registry/transfers/{transfer.pk}/accept/", {"on": "2026-06-03", "region": "350122100001"}
        ).status_code
        == 404
    )
    assert Transfer.objects.get().state == "sent"


def test_the_api_sends_accepts_and_returns(veteran, users, other_county):
    old = token_client("county_admin")
    sent = old.post(
        "/api/transfers/", {"person": veteran.pk, "moved_on": "2026-05-10", "to_county": "350122"}, format="json"
    )
    assert sent.status_code == 201, sent.content
    body = sent.json()
    assert (body["state"], body["pay_until"], body["to_county"]) == ("sent", "2026-12-01", "350122000000")
    new = token_client("lj_admin")
    assert [t["id"] for t in new.get("/api/transfers/?direction=incoming&state=sent").json()["results"]] == [body["id"]]
    assert (
        old.post(
            f"/api/transfers/{body['id']}/accept/",
            {"accepted_on": "2026-06-01", "region": "350122100001"},
            format="json",
        ).status_code
        == 404
    )
    bad = new.post(
        f"/api/transfers/{body['id']}/accept/", {"accepted_on": "2026-06-01", "region": "350123100001"}, format="json"
    )
    assert bad.status_code == 400 and "迁入地应为连江县" in bad.json()["detail"]
    ok = new.post(
        f"/api/transfers/{body['id']}/accept/", {"accepted_on": "2026-06-01", "region": "350122100001"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["state"] == "accepted"
    assert new.get("/api/transfers/?direction=bogus").status_code == 400


def test_the_command_acts_as_the_user_within_their_scope(veteran, other_county):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="该记录不在您的管辖范围内"):
        call_command(
            "transfer",
            "send",
            "--id-number",
            veteran.id_number,
            "--date",
            "2026-05-10",
            "--to",
            "350122",
            "--user",
            "lj_admin",
        )
    assert not Transfer.objects.exists()


def test_the_command_sends_and_accepts(veteran, other_county):
    out = StringIO()
    call_command(
        "transfer",
        "send",
        "--id-number",
        veteran.id_number,
        "--date",
        "2026-05-10",
        "--to",
        "350122",
        "--user",
        "county_admin",
        "--json",
        stdout=out,
    )
    sent = json.loads(out.getvalue())
    assert (sent["state"], sent["pay_until"]) == ("sent", "2026-12-01")
    out = StringIO()
    call_command(
        "transfer",
        "accept",
        str(sent["id"]),
        "--date",
        "2026-06-01",
        "--region",
        "350122100001",
        "--user",
        "lj_admin",
        stdout=out,
    )
    assert "已接收" in out.getvalue()
    assert Person.objects.get().region_id == "350122100001"


def test_the_command_records_an_arrival_from_outside(veteran):
    out = StringIO()
    call_command(
        "transfer",
        "arrival",
        "--id-number",
        veteran.id_number,
        "--date",
        "2026-03-01",
        "--origin",
        "闽侯县",
        "--paid-through",
        "2026-06-30",
        "--user",
        "county_admin",
        stdout=out,
    )
    assert "原县发放至 2026-06" in out.getvalue()


def test_the_destination_county_office_receives_not_its_towns(veteran, users, other_county):
    from shuangyong.accounts.models import User
    from shuangyong.accounts.roles import Role
    from shuangyong.registry.services.transfers import incoming

    town = User.objects.create_user(username="lj_town", password="x", role=Role.TOWN_STAFF, region=other_county["town"])
    transfer = send_transfer(
        veteran, on=date(2026, 5, 10), to_county=other_county["county"], user=users["county_admin"]
    )
    assert list(incoming(other_county["admin"])) == [transfer]
    assert not incoming(town).exists()
    with pytest.raises(ScopeDenied):
        accept_transfer(transfer, on=date(2026, 6, 1), region=other_county["village"], user=town)
    assert Transfer.objects.get().state == "sent"
