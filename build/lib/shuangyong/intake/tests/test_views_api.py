"""The review screen, the API and the `extract` command."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from shuangyong.accounts.roles import Role
from shuangyong.activities.models import Activity
from shuangyong.intake.models import ExtractedItem, ItemKind, ItemStatus, SummaryDocument
from shuangyong.intake.tests.conftest import SUMMARY, summary_file

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_upload_and_review_pages(client, county, users):
    login(client, users[Role.TOWN_STAFF])
    page = client.get(reverse("intake:index"))
    assert page.status_code == 200 and "上传并识读" in page.content.decode()
    response = client.post(reverse("intake:upload"), {"file": summary_file()})
    document = SummaryDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("intake:detail", args=[document.pk])
    html = client.get(response["Location"]).content.decode()
    assert '<a href="#item-1" id="span-1" class="intake-mark status-pending" title="重点优抚对象">120人</a>' in html
    assert "档案原件" in html and "疑似已有记录" not in html
    visit = document.items.get(kind=ItemKind.ACTIVITY, activity_kind="visit")
    response = client.post(
        reverse("intake:review", args=[visit.pk]),
        {"action": "confirm", "activity_kind": "visit", "occasion": "bayi", "date": "2025-07-30", "title": "八一走访"},
    )
    assert response["Location"].endswith(f"#item-{visit.seq}")
    activity = Activity.objects.get()
    assert (activity.title, str(activity.date), activity.money_fen) == ("八一走访", "2025-07-30", 1_750_000)


def test_filters_and_confirm_selected(client, county, users):
    from shuangyong.audit.models import AuditEntry
    from shuangyong.intake import services

    document = services.upload_document(summary_file(), user=users[Role.TOWN_STAFF])
    login(client, users[Role.TOWN_STAFF])
    url = reverse("intake:detail", args=[document.pk])
    figures = list(document.items.filter(kind=ItemKind.FIGURE).order_by("seq"))
    first, second = figures[0], figures[1]
    services.reject_item(figures[2], user=users[Role.TOWN_STAFF])
    people = client.get(url + "?unit=人").context["figures"]
    assert people and {i.unit for i in people} == {"人"}
    rejected = client.get(url + "?status=rejected").context["figures"]
    assert [i.pk for i in rejected] == [figures[2].pk]
    confirm = reverse("intake:confirm_selected", args=[document.pk])
    client.post(confirm, {"items": [first.pk, second.pk, figures[2].pk]})
    statuses = dict(document.items.filter(pk__in=[first.pk, second.pk, figures[2].pk]).values_list("pk", "status"))
    assert statuses == {first.pk: "confirmed", second.pk: "confirmed", figures[2].pk: "rejected"}  # left as it was
    entries = AuditEntry.objects.count()
    client.post(confirm, {"items": [first.pk, second.pk]})
    assert AuditEntry.objects.count() == entries  # already confirmed: nothing changes
    login(client, users[Role.LEADER])
    third = figures[3]
    client.post(confirm, {"items": [third.pk]})
    third.refresh_from_db()
    assert third.status == ItemStatus.PENDING  # a leader reads, never confirms


def test_a_leader_sees_but_cannot_review(client, county, users):
    from shuangyong.intake import services

    document = services.upload_document(summary_file(), user=users[Role.TOWN_STAFF])
    login(client, users[Role.LEADER])
    html = client.get(reverse("intake:detail", args=[document.pk])).content.decode()
    assert "确认并登记" not in html
    item = document.items.get(seq=1)
    client.post(reverse("intake:review", args=[item.pk]), {"action": "reject"})
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING


def test_api_upload_returns_the_cli_json(client, county, users):
    login(client, users[Role.TOWN_STAFF])
    response = client.post("/api/intake/documents/", {"file": summary_file(), "year": 2025})
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {
        "title",
        "year",
        "unit",
        "addressee",
        "sections",
        "figures",
        "activities",
        "organisations",
        "persons",
    }
    assert body["figures"][2] == {
        "value": 17500,
        "unit": "元",
        "qualifier": "",
        "subject": "慰问金",
        "sentence": "八一期间，镇党委组织走访慰问现役军人家庭35户，发放慰问金1.75万元。",
        "start": SUMMARY.index("1.75万元"),
        "end": SUMMARY.index("1.75万元") + len("1.75万元"),
    }
    document_id = int(response["X-Document-Id"])
    again = client.get(f"/api/intake/documents/{document_id}/extraction/").json()
    assert again == body
    listed = client.get("/api/intake/documents/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [(r["id"], r["year"], r["status"]) for r in rows] == [(document_id, 2025, "read")]


def test_api_refuses_what_it_cannot_read(client, county, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, users[Role.TOWN_STAFF])
    response = client.post("/api/intake/documents/", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    assert response.status_code == 400 and "LibreOffice" in response.json()["detail"]
    assert SummaryDocument.objects.count() == 0 and ExtractedItem.objects.count() == 0


def test_extract_command_json_and_listing(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text(SUMMARY, encoding="utf-8")
    out = StringIO()
    call_command("extract", str(path), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["title"], data["year"], data["unit"]) == ("凤山镇2025年双拥工作总结", 2025, "凤山镇")
    assert [(f["value"], f["unit"], f["subject"]) for f in data["figures"]] == [
        (120, "人", "重点优抚对象"),
        (35, "户", "现役军人家庭"),
        (17500, "元", "慰问金"),
        (5000, "份", "宣传资料"),
        (12, "幅", "横幅"),
    ]
    assert [s["marker"] + s["title"] for s in data["sections"]] == ["一、基本情况", "二、主要工作"]
    out = StringIO()
    call_command("extract", str(path), stdout=out)
    assert "  慰问金：17500 元" in out.getvalue() and "章节：" in out.getvalue()
