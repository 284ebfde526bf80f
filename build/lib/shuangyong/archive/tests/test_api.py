import pytest

from shuangyong.api.tests.clients import client_for
from shuangyong.archive.models import Attachment
from shuangyong.archive.services import attach_file
from shuangyong.archive.tests.files import pdf_bytes, png_bytes, upload
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(users, county):
    town = users["town_staff"]
    return {
        "photo_2025": attach_file(county["town_a"], upload("慰问.png", png_bytes()), user=town, year=2025),
        "minutes_2026": attach_file(
            county["village_a1"], upload("纪要.pdf", pdf_bytes()), user=town, year=2026, category="minutes"
        ),
        "other_town": attach_file(
            county["town_b"], upload("松山.png", png_bytes()), user=users["town_b_staff"], year=2026
        ),
        "unit": attach_file(
            county["unit_bureau"], upload("文广.pdf", pdf_bytes("w")), user=users["unit_staff"], year=2026
        ),
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_list_is_scoped_and_filtered(users, filed):
    api = client_for(users["town_staff"])
    assert ids(api.get("/api/attachments/")) == {filed["photo_2025"].pk, filed["minutes_2026"].pk}
    assert ids(api.get("/api/attachments/?year=2026")) == {filed["minutes_2026"].pk}
    assert ids(api.get("/api/attachments/?category=photo")) == {filed["photo_2025"].pk}
    assert ids(api.get("/api/attachments/?q=纪要")) == {filed["minutes_2026"].pk}
    county_api = client_for(users["county_admin"])
    assert ids(county_api.get("/api/attachments/?region=350123101000")) == {filed["other_town"].pk}
    assert ids(county_api.get(f"/api/attachments/?unit={filed['unit'].unit_id}")) == {filed["unit"].pk}
    assert ids(client_for(users["unit_staff"]).get("/api/attachments/")) == {filed["unit"].pk}
    row = api.get(f"/api/attachments/{filed['minutes_2026'].pk}/").json()
    assert {
        k: row[k] for k in ("title", "category", "category_name", "year", "region", "record_type", "record_id")
    } == {
        "title": "纪要",
        "category": "minutes",
        "category_name": "会议纪要",
        "year": 2026,
        "region": "350123100001",
        "record_type": "regions.region",
        "record_id": "350123100001",
    }
    assert (
        row["thumbnail_url"] is None and row["download_url"] == f"/api/attachments/{filed['minutes_2026'].pk}/download/"
    )
    assert api.get(f"/api/attachments/{filed['other_town'].pk}/").status_code == 404


def test_upload_through_the_api(users, county):
    api = client_for(users["unit_staff"])
    response = api.post(
        "/api/attachments/",
        {
            "record_type": "units.unit",
            "record_id": county["unit_bureau"].pk,
            "file": upload("a.png", png_bytes()),
            "year": 2025,
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["category"], body["year"], body["unit"], body["file_type"]) == (
        "photo",
        2025,
        county["unit_bureau"].pk,
        "png",
    )
    assert body["thumbnail_url"] == f"/archive/{body['id']}/thumbnail/"
    refused = api.post(
        "/api/attachments/",
        {"record_type": "units.unit", "record_id": county["unit_bureau"].pk, "file": upload("b.png", png_bytes())},
        format="multipart",
    )
    assert refused.status_code == 400
    assert refused.json() == {"detail": "该记录已有相同的文件：“a”（a.png），未重复保存"}
    denied = api.post(
        "/api/attachments/",
        {"record_type": "units.unit", "record_id": county["unit_garrison"].pk, "file": upload("c.png", png_bytes())},
        format="multipart",
    )
    assert denied.status_code == 403
    unknown = api.post(
        "/api/attachments/",
        {"record_type": "nothing.here", "record_id": "1", "file": upload("c.png", png_bytes())},
        format="multipart",
    )
    assert unknown.json() == {"detail": "参数 record_type：没有记录类型“nothing.here”"}
    assert Attachment.objects.count() == 1


def test_download_and_delete_are_audited(users, filed):
    api = client_for(users["town_staff"])
    pk = filed["minutes_2026"].pk
    response = api.get(f"/api/attachments/{pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf_bytes()
    assert AuditEntry.objects.filter(action="download", object_id=str(pk)).count() == 1
    assert client_for(users["town_b_staff"]).get(f"/api/attachments/{pk}/download/").status_code == 404
    assert client_for(users["leader"]).delete(f"/api/attachments/{pk}/").status_code == 403
    assert api.delete(f"/api/attachments/{pk}/").status_code == 204
    assert not Attachment.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(action="delete", model="archive.attachment", object_id=str(pk)).count() == 1
