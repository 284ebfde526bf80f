"""The pages: who sees what, recording through the forms, refusals that change nothing."""

from datetime import date
from decimal import Decimal

import pytest
from conftest import PASSWORD

from shuangyong.activities.models import Activity, ActivityQuantity, HelpCase, VisitRecipient
from shuangyong.activities.tests.world import build_world
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(county, more_units, person):
    return build_world(county, more_units, person)


def login(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


def state():
    return (
        sorted(Activity.objects.values_list("pk", "title", "money_fen")),
        sorted(ActivityQuantity.objects.values_list("activity_id", "kind_id", "amount")),
        sorted(VisitRecipient.objects.values_list("pk", "money_fen")),
        sorted(HelpCase.objects.values_list("pk", "status", "money_fen")),
        AuditEntry.objects.count(),
    )


def titles(response) -> list[str]:
    return [a.title for a in response.context["page"]]


def test_each_scope_sees_its_own_activities(client, users, world):
    assert titles(login(client, "county_admin").get("/activities/?year=2026")) == [
        "全民国防教育日集中宣传", "凤山中学新生军训", "八一走访慰问", "送电影进军营", "武警中队协助抗洪抢险",
        "向驻军赠送图书", "春节慰问优抚对象",
    ]  # fmt: skip
    assert titles(login(client, "town_staff").get("/activities/?year=2026")) == ["八一走访慰问", "送电影进军营"]
    assert titles(login(client, "unit_staff").get("/activities/?year=2026")) == [
        "全民国防教育日集中宣传",
        "春节慰问优抚对象",
    ]
    assert titles(login(client, "county_admin").get("/activities/?year=2026&kind=visit")) == [
        "八一走访慰问",
        "春节慰问优抚对象",
    ]
    response = login(client, "town_staff").get(f"/activities/{world['a1'].pk}/")
    assert response.status_code == 404


def test_unit_staff_record_their_own_unit_work_with_quantities(client, users, county):
    response = login(client, "unit_staff").post(
        "/activities/new/",
        {
            "kind": "publicity", "date": "2026-11-20", "title": "双拥政策进社区", "occasion": "",
            "money": "1250.50", "narrative": "发放明白纸", "leaders": "",
            "q-TOTAL_FORMS": "3", "q-INITIAL_FORMS": "0",
            "q-0-kind": "materials", "q-0-amount": "600", "q-1-kind": "banners", "q-1-amount": "4",
            "q-2-kind": "", "q-2-amount": "",
        },
    )  # fmt: skip
    activity = Activity.objects.get(title="双拥政策进社区")
    assert response.status_code == 302 and response.url == f"/activities/{activity.pk}/"
    assert (activity.organiser, activity.region_id, activity.money_fen) == (
        county["unit_bureau"],
        "350123000000",
        125050,
    )
    assert sorted(activity.quantities.values_list("kind_id", "amount")) == [
        ("banners", Decimal("4.00")),
        ("materials", Decimal("600.00")),
    ]
    page = client.get(f"/activities/{activity.pk}/").content.decode()
    assert "600 份" in page and "1,250.50 元" in page


def test_a_duplicate_entry_is_refused(client, users, world):
    before = state()
    response = login(client, "town_staff").post(
        "/activities/new/",
        {"kind": "film", "date": "2026-07-28", "title": "送电影进军营", "region": "350123100000",
         "q-TOTAL_FORMS": "0", "q-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "请勿重复登记" in response.content.decode()
    assert state() == before


def test_town_staff_cannot_place_an_activity_in_another_town(client, users, county):
    before = state()
    response = login(client, "town_staff").post(
        "/activities/new/",
        {"kind": "film", "date": "2026-07-28", "title": "越界", "region": county["town_b"].code,
         "q-TOTAL_FORMS": "0", "q-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 200 and "region" in response.context["form"].errors
    assert state() == before


def test_leader_reads_but_cannot_record(client, users, world):
    before = state()
    login(client, "leader")
    assert client.get("/activities/visits/?year=2026").status_code == 200
    assert client.get("/activities/new/").status_code == 403
    assert client.post(f"/activities/{world['a1'].pk}/delete/").status_code == 403
    assert state() == before


def test_visit_totals_by_occasion(client, users, world):
    response = login(client, "county_admin").get("/activities/visits/?year=2026")
    rows = {r["occasion"]: (r["households"], r["garrisons"], r["money"]) for r in response.context["by_occasion"]}
    assert rows == {"八一": (2, 1, 400000), "春节": (2, 0, 160000)}
    assert response.context["totals"] == {"households": 4, "garrisons": 1, "money": 560000}


def test_recipient_by_name_and_masked_id(client, users, world):
    login(client, "town_staff")
    response = client.post(
        f"/activities/{world['v1'].pk}/recipients/", {"who": "张贻福", "money": "500", "gifts": "油一桶"}
    )
    assert response.status_code == 302
    added = VisitRecipient.objects.get(activity=world["v1"], person=world["p3"])
    assert (added.money_fen, added.gifts) == (50000, "油一桶")
    page = client.get(f"/activities/{world['v1'].pk}/").content.decode()
    assert world["p3"].id_number not in page and world["p3"].id_number[-4:] in page
    before = state()
    client.post(f"/activities/{world['v1'].pk}/recipients/", {"who": "史兴甫", "money": "500"})  # 松山镇: not theirs
    assert state() == before


def test_the_sign_sheet_lists_each_recipient_with_a_signature_column(client, users, world):
    login(client, "town_staff")
    visit = world["v1"]
    assert f"/activities/{visit.pk}/sign-sheet/" in client.get(f"/activities/{visit.pk}/").content.decode()
    sheet = client.get(f"/activities/{visit.pk}/sign-sheet/")
    assert [r.target_name() for r in sheet.context["recipients"]] == [world["p1"].name, "现役军人刘俊家属", "某部队"]
    page = sheet.content.decode()
    assert "领取人签名" in page and "合计（3 户）" in page and "4,000.00" in page
    assert "合计金额（大写）：人民币肆仟元整" in page and "制表单位：凤山镇" in page
    assert world["p1"].id_number not in page and world["p1"].id_number[-4:] in page  # masked for town staff
    assert login(client, "town_b_staff").get(f"/activities/{visit.pk}/sign-sheet/").status_code == 404
    assert login(client, "county_admin").get(f"/activities/{world['a5'].pk}/sign-sheet/").status_code == 404


def test_many_households_at_once_from_the_registry_each_with_its_amount(client, users, world, county, person):
    extra = person("王德发", county["village_a1"], seq=17)
    login(client, "town_staff")
    url = f"/activities/{world['v1'].pk}/recipients/batch/"
    shown = client.get(url + "?amount=300").context["persons"]
    assert {(p.name, p.listed) for p in shown} == {("李守海", True), ("张贻福", False), ("王德发", False)}
    before = state()
    bad = {"person": [world["p3"].pk, extra.pk], f"money_{world['p3'].pk}": "300", f"money_{extra.pk}": "三百"}
    assert "王德发：慰问金“三百”不是金额" in client.post(url, bad, follow=True).content.decode()
    assert state() == before  # one bad amount: nobody added
    other = {
        "person": [world["p3"].pk, world["p2"].pk],
        f"money_{world['p3'].pk}": "300",
        f"money_{world['p2'].pk}": "1",
    }
    assert client.post(url, other).status_code == 404  # 史兴甫 is 松山镇's
    assert state() == before
    good = {"person": [world["p3"].pk, extra.pk, world["p1"].pk], f"money_{world['p3'].pk}": "300",
            f"money_{extra.pk}": "450.50", f"money_{world['p1'].pk}": "1", "gifts": "大米一袋"}  # fmt: skip
    assert client.post(url, good).status_code == 302
    added = VisitRecipient.objects.filter(activity=world["v1"], person__in=[world["p3"], extra])
    expected = [("张贻福", 30000, "大米一袋"), ("王德发", 45050, "大米一袋")]
    assert sorted(added.values_list("person__name", "money_fen", "gifts")) == expected
    assert VisitRecipient.objects.get(activity=world["v1"], person=world["p1"]).money_fen == 50000  # kept
    again = state()
    client.post(url, good)
    assert state() == again  # the same list twice adds nothing


def test_case_steps_and_close_through_the_page(client, users, world):
    login(client, "town_staff")
    case = world["c1"]
    opened = HelpCase.objects.create(
        person=world["p1"], kind_id="elderly_care", opened=date(2026, 10, 1), description="独居，行动不便"
    )
    client.post(
        f"/activities/cases/{opened.pk}/step/", {"on": "2026-10-08", "action": "落实居家养老服务", "money": "300"}
    )
    client.post(f"/activities/cases/{opened.pk}/close/", {"on": "2026-10-20", "outcome": "每周上门服务两次"})
    opened.refresh_from_db()
    assert (opened.status, opened.closed, opened.money_fen) == ("closed", date(2026, 10, 20), 30000)
    listed = login(client, "town_b_staff").get("/activities/cases/?status=").context["page"]
    assert [c.person.name for c in listed] == ["史兴甫"]
    assert case.pk not in [c.pk for c in listed]
