import pytest
from conftest import PASSWORD
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from shuangyong.archive.models import Attachment
from shuangyong.archive.services import attach_file
from shuangyong.archive.tests.files import pdf_bytes, png_bytes, upload
from shuangyong.audit.models import AuditEntry
from shuangyong.regions.models import Region

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_upload_form_posts_and_redirects_back_with_the_thumbnail_listed(client, users, county):
    login(client, users["town_staff"])
    response = client.post(
        reverse("archive:upload"),
        {
            "content_type": ContentType.objects.get_for_model(Region).pk,
            "object_id": "350123100000",
            "category": "photo",
            "title": "凤山镇八一慰问",
            "year": "2025",
            "next": "/regions/350123100000/",
            "file": upload("photo.png", png_bytes()),
        },
    )
    assert response.status_code == 302 and response["Location"] == "/regions/350123100000/"
    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.year, attachment.region_id) == ("凤山镇八一慰问", 2025, "350123100000")
    page = client.get(reverse("archive:index"), {"year": 2025})
    assert reverse("archive:thumbnail", args=[attachment.pk]).encode() in page.content
    assert "凤山镇八一慰问" in page.content.decode()
    thumb = client.get(reverse("archive:thumbnail", args=[attachment.pk]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert not AuditEntry.objects.filter(action="download").exists()  # a preview is not a download


def test_refused_upload_shows_the_chinese_message_and_writes_nothing(client, users, county):
    login(client, users["town_staff"])
    response = client.post(
        reverse("archive:upload"),
        {
            "content_type": ContentType.objects.get_for_model(Region).pk,
            "object_id": "350123100000",
            "file": upload("假图片.jpg", pdf_bytes()),
        },
        follow=True,
    )
    assert "文件“假图片.jpg”的扩展名与内容不符：内容是PDF 文档，扩展名应为 .pdf" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_download_checks_scope_and_is_audited(client, users, county):
    attachment = attach_file(county["town_a"], upload("纪要.pdf", pdf_bytes()), user=users["town_staff"])
    url = reverse("archive:download", args=[attachment.pk])
    login(client, users["town_b_staff"])
    assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="download").exists()
    client.logout()
    login(client, users["county_admin"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    entry = AuditEntry.objects.get(action="download")
    assert (entry.actor, entry.model, entry.object_id, entry.note) == (
        users["county_admin"],
        "archive.attachment",
        str(attachment.pk),
        "下载 纪要.pdf",
    )


def test_delete_by_another_town_is_refused(client, users, county):
    attachment = attach_file(county["village_a1"], upload("a.png", png_bytes()), user=users["town_staff"])
    login(client, users["town_b_staff"])
    assert client.post(reverse("archive:delete", args=[attachment.pk])).status_code == 404
    login(client, users["leader"])
    assert client.post(reverse("archive:delete", args=[attachment.pk])).status_code == 403  # a reader's role
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_index_filters_and_offers_upload_to_the_users_own_place(client, users, county):
    town = users["town_staff"]
    attach_file(county["town_a"], upload("慰问.png", png_bytes()), user=town, year=2025)
    attach_file(county["village_a1"], upload("纪要.pdf", pdf_bytes()), user=town, year=2026, category="minutes")
    attach_file(county["town_b"], upload("松山.pdf", pdf_bytes("b")), user=users["town_b_staff"], year=2026)
    login(client, town)
    page = client.get(reverse("archive:index")).content.decode()
    assert "共 2 份" in page and "松山" not in page
    assert "上传到“凤山镇”的档案" in page and 'name="object_id" value="350123100000"' in page
    assert "共 1 份" in client.get(reverse("archive:index"), {"category": "minutes"}).content.decode()
    assert "共 1 份" in client.get(reverse("archive:index"), {"year": "2025"}).content.decode()
    assert "共 1 份" in client.get(reverse("archive:index"), {"q": "纪要"}).content.decode()
    assert "共 1 份" in client.get(reverse("archive:index"), {"region": "350123100001"}).content.decode()
    assert "共 1 份" in client.get(reverse("archive:index"), {"images": "1"}).content.decode()
    client.logout()
    login(client, users["leader"])
    page = client.get(reverse("archive:index")).content.decode()
    assert "共 3 份" in page and "上传到" not in page and "删除" not in page


def test_the_include_lists_the_records_files_and_an_upload_form(rf, users, county):
    from django.template.loader import render_to_string

    unit = county["unit_bureau"]
    attachment = attach_file(unit, upload("演出.png", png_bytes()), user=users["unit_staff"], year=2026)
    request = rf.get(f"/units/{unit.pk}/")
    request.user = users["unit_staff"]
    html = render_to_string("archive/_attachments.html", {"object": unit}, request=request)
    assert reverse("archive:thumbnail", args=[attachment.pk]) in html and "演出" in html
    assert f'name="object_id" value="{unit.pk}"' in html and f'value="/units/{unit.pk}/#attachments"' in html
    request.user = users["town_b_staff"]  # reads the county's bureau, but not the bureau's own files
    html = render_to_string("archive/_attachments.html", {"object": unit}, request=request)
    assert "暂无照片或附件" in html and "演出" not in html and "archive/upload" not in html
