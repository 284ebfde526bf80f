"""The summary pages: generate within one's scope, edit a paragraph, download, wording; refusals change nothing."""

import io

import pytest
from conftest import PASSWORD
from django.urls import reverse
from docx import Document

from shuangyong.audit.models import AuditEntry
from shuangyong.reports.models import SummaryDraft, SummaryTemplate
from shuangyong.reports.tests.test_summary import figures, people  # noqa: F401 (fixtures)

COUNTY = "350123000000"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def generate(client, target, year=2026, with_plan=True):
    data = {"year": year, "target": target}
    if with_plan:
        data["with_plan"] = "on"
    return client.post(reverse("reports:summary_start"), data)


def test_county_admin_generates_edits_and_downloads(client, users, figures, people):  # noqa: F811
    login(client, users["county_admin"])
    page = client.get(reverse("reports:summary_start"))
    assert page.status_code == 200
    options = [value for value, _ in page.context["form"].fields["target"].choices]
    assert options == ["region:350123000000", "region:350123100000", "region:350123101000", "unit:WGJ"]
    response = generate(client, f"region:{COUNTY}")
    draft = SummaryDraft.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:summary_draft", args=[draft.pk])
    assert (draft.year, draft.region_id, draft.title) == (2026, COUNTY, "2026年罗源县双拥工作总结及2027年工作计划")
    assert draft.created_by == users["county_admin"]

    editor = client.get(response.url)
    body = editor.content.decode()
    paragraph = next(p for p in draft.paragraphs.all() if "t.money" in p.figure_keys)
    assert "<code>t.money</code>" in body and "测试慰问金额" in body and "测试：人员 × 12345.67 元" in body
    assert "3.7万元" in body
    assert f"/reports/records/t.money/?year=2026&amp;region={COUNTY}" in body

    edited = paragraph.generated_text + "另有社会捐助若干。"
    saved = client.post(
        reverse("reports:summary_paragraph", args=[paragraph.pk]), {"text": edited}, HTTP_HX_REQUEST="true"
    )
    assert saved.status_code == 200 and "已修改" in saved.content.decode()
    paragraph.refresh_from_db()
    assert (paragraph.edited_text, paragraph.text) == (edited, edited)
    assert AuditEntry.objects.filter(
        model="reports.draftparagraph", object_id=str(paragraph.pk), action="update"
    ).exists()

    download = client.get(reverse("reports:summary_download", args=[draft.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    texts = [p.text for p in Document(io.BytesIO(download.content)).paragraphs]
    assert edited in texts and texts[0] == draft.title
    assert AuditEntry.objects.filter(action="export", object_repr=f"工作总结：{draft.title}").count() == 1

    # an empty text goes back to the generated one
    client.post(reverse("reports:summary_paragraph", args=[paragraph.pk]), {"text": ""})
    paragraph.refresh_from_db()
    assert (paragraph.edited_text, paragraph.text) == ("", paragraph.generated_text)


def test_town_staff_sees_only_its_own_town_and_cannot_touch_the_county_draft(client, users, figures, people):  # noqa: F811
    login(client, users["county_admin"])
    generate(client, f"region:{COUNTY}")
    draft = SummaryDraft.objects.get()
    paragraph = draft.paragraphs.get(position=0)
    client.logout()

    login(client, users["town_staff"])
    page = client.get(reverse("reports:summary_start"))
    assert [v for v, _ in page.context["form"].fields["target"].choices] == ["region:350123100000"]
    assert list(page.context["drafts"]) == []
    assert generate(client, f"region:{COUNTY}").status_code == 200  # not a choice: the form refuses
    assert SummaryDraft.objects.count() == 1
    assert client.get(reverse("reports:summary_draft", args=[draft.pk])).status_code == 403
    assert client.get(reverse("reports:summary_download", args=[draft.pk])).status_code == 403
    refused = client.post(reverse("reports:summary_paragraph", args=[paragraph.pk]), {"text": "篡改"})
    assert refused.status_code == 403
    assert client.post(reverse("reports:summary_delete", args=[draft.pk])).status_code == 403
    paragraph.refresh_from_db()
    assert paragraph.edited_text == "" and SummaryDraft.objects.count() == 1
    assert not AuditEntry.objects.filter(action="export").exists()

    response = generate(client, "region:350123100000", with_plan=False)
    town_draft = SummaryDraft.objects.get(region_id="350123100000")
    assert response.url == reverse("reports:summary_draft", args=[town_draft.pk])
    assert town_draft.title == "2026年凤山镇双拥工作总结"
    download = client.get(reverse("reports:summary_download", args=[town_draft.pk]))
    assert download.status_code == 200 and signed_by(download) == "凤山镇人民政府"  # the town clerk's own summary


def test_leader_reads_but_cannot_generate_and_unit_staff_summarise_their_unit(client, users, figures, people):  # noqa: F811
    login(client, users["leader"])
    assert client.get(reverse("reports:summary_start")).status_code == 200
    assert generate(client, f"region:{COUNTY}").status_code == 403
    assert SummaryDraft.objects.count() == 0
    client.logout()
    login(client, users["unit_staff"])
    page = client.get(reverse("reports:summary_start"))
    assert [v for v, _ in page.context["form"].fields["target"].choices] == ["unit:WGJ"]
    generate(client, "unit:WGJ")
    draft = SummaryDraft.objects.get()
    assert (draft.unit.code, draft.region_id) == ("WGJ", None)
    assert list(draft.paragraphs.order_by("position").values_list("kind", "generated_text")[:2]) == [
        ("title", "2026年县文广局双拥工作总结及2027年工作计划"),
        ("addressee", "县双拥办："),
    ]
    download = client.get(reverse("reports:summary_download", args=[draft.pk]))
    assert download.status_code == 200 and signed_by(download) == "县文广局"  # the member unit's own 述职


def signed_by(response) -> str:
    """The 发文机关署名 of a downloaded summary: the second-last paragraph with text (the date is the last)."""
    document = Document(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return [p.text for p in document.paragraphs if p.text][-2]


@pytest.mark.django_db
def test_wording_is_edited_by_the_county_admin_only(client, users):
    row = SummaryTemplate.objects.get(key="closing")
    url = reverse("reports:summary_wording_edit", args=[row.pk])
    login(client, users["town_staff"])
    assert client.get(reverse("reports:summary_wording")).status_code == 200
    assert client.post(url, {"text": "改"}).status_code == 403
    row.refresh_from_db()
    assert row.text != "改"
    client.logout()
    login(client, users["county_admin"])
    data = {"heading": "", "text": "一年来，{we}双拥工作成效明显。", "order": 0, "scope": "any", "is_active": "on"}
    assert client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.variants == ["一年来，{we}双拥工作成效明显。"]
    assert AuditEntry.objects.filter(model="reports.summarytemplate", action="update").count() == 1
