"""The one upload page and its job, for every import that registers one: recruits, service members, arrivals."""

import io

import openpyxl
import pytest
from conftest import PASSWORD
from django.urls import reverse

from shuangyong.conscription.models import Candidate
from shuangyong.conscription.tests.test_import import RECRUIT_HEADER, recruit_rows
from shuangyong.jobs.models import Job, JobStatus
from shuangyong.registry.tests.sheets import write_sheet
from shuangyong.sheets.headers import find_header
from shuangyong.sheets.reader import open_sheet
from shuangyong.sheets.uploads import UPLOADS

pytestmark = pytest.mark.django_db


def test_recruits_members_and_arrivals_have_an_upload_page():
    assert {"recruits", "servicemembers", "arrivals"} <= set(UPLOADS)


@pytest.mark.parametrize("name", ["recruits", "servicemembers", "arrivals"])
def test_the_template_is_a_sheet_its_import_reads(client, users, tmp_path, name):
    client.login(username="town_staff", password=PASSWORD)
    response = client.get(reverse("sheets:template", args=[name]))
    assert response.status_code == 200
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(response.content)
    upload = UPLOADS[name]
    header = find_header(
        list(open_sheet(path)), upload.headers(), anchors=("name", "id_number"), required=upload.required
    )
    assert list(header.columns) == list(upload.template_keys)  # every column of the template is read
    first_row = [cell.value for cell in openpyxl.load_workbook(io.BytesIO(response.content)).active[1]]
    assert first_row[:2] == ["姓名", "公民身份号码"]


def test_town_staff_upload_recruits_and_the_job_imports_them(
    client, users, county, tmp_path, django_capture_on_commit_callbacks
):
    client.login(username="town_staff", password=PASSWORD)
    page = client.get(reverse("sheets:upload", args=["recruits"]))
    assert page.status_code == 200 and "应征公民花名册" in page.content.decode()
    path = tmp_path / "报名.xlsx"
    write_sheet(path, RECRUIT_HEADER, recruit_rows()[:1], title="2026年秋季应征公民花名册")
    with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sheets:upload", args=["recruits"]),
            {"file": handle, "region": county["town_a"].code, "year": 2026, "season": "autumn"},
        )
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.created_by, job.region_id) == (JobStatus.SUCCEEDED, users["town_staff"], "350123100000")
    assert (job.result["created"], job.result["summary"]) == (1, "已导入：新增 1，更新 0，未变 0")
    assert list(Candidate.objects.values_list("name", "year", "season")) == [("林志强", 2026, "autumn")]


def test_an_upload_outside_the_users_town_is_refused_by_the_job_and_writes_nothing(
    client, users, county, tmp_path, django_capture_on_commit_callbacks
):
    client.login(username="town_staff", password=PASSWORD)
    path = tmp_path / "报名.xlsx"
    write_sheet(path, RECRUIT_HEADER, recruit_rows(), title="2026年秋季应征公民花名册")
    with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sheets:upload", args=["recruits"]),
            {"file": handle, "region": county["town_b"].code, "year": 2026, "season": "autumn"},
        )
    assert response.status_code == 200  # town B is not a choice for town A's staff
    assert "region" in response.context["form"].errors
    assert not Job.objects.exists() and not Candidate.objects.exists()


def test_unit_staff_and_leaders_have_no_upload_page(client, users):
    for role in ("unit_staff", "leader"):
        client.login(username=role, password=PASSWORD)
        assert client.get(reverse("sheets:upload", args=["arrivals"])).status_code == 403


def test_an_unknown_import_is_a_404(client, users):
    client.login(username="county_admin", password=PASSWORD)
    assert client.get(reverse("sheets:upload", args=["nothing"])).status_code == 404
