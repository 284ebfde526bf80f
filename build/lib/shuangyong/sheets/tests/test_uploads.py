"""The one upload page and its job, for every import that registers one: recruits, service members, arrivals,
activity lists."""

import io

import openpyxl
import pytest
from conftest import PASSWORD
from django.urls import reverse

from shuangyong.activities.models import Activity
from shuangyong.activities.tests.test_import import GOOD as ACTIVITIES
from shuangyong.activities.tests.test_import import HEADER as ACTIVITY_HEADER
from shuangyong.conscription.models import Candidate
from shuangyong.conscription.tests.test_import import RECRUIT_HEADER, recruit_rows
from shuangyong.jobs.models import Job, JobStatus
from shuangyong.registry.tests.sheets import write_sheet
from shuangyong.sheets.headers import find_header
from shuangyong.sheets.reader import open_sheet
from shuangyong.sheets.uploads import UPLOADS

pytestmark = pytest.mark.django_db


def test_recruits_members_arrivals_and_activities_have_an_upload_page():
    assert {"recruits", "servicemembers", "arrivals", "activities"} <= set(UPLOADS)


@pytest.mark.parametrize("name", ["recruits", "servicemembers", "arrivals", "persons"])
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


def test_a_roster_of_disabled_veterans_uploads_with_a_default_category_and_a_bad_one_comes_back_marked(
    client, users, county, tmp_path, django_capture_on_commit_callbacks
):
    from shuangyong.registry.models import Entitlement
    from shuangyong.registry.tests.sheets import make_id

    client.login(username="town_staff", password=PASSWORD)
    assert "默认优抚类别" in client.get(reverse("sheets:upload", args=["persons"])).content.decode()
    header = ["姓名", "身份证号", "伤残等级", "伤残性质", "乡镇", "村(社区)"]
    rows = [["张三", make_id("19500315", 11), "四级", "因战", "凤山镇", "北门社区"]]
    path = tmp_path / "伤残人员.xlsx"
    write_sheet(path, header, rows)
    fields = {"region": county["town_a"].code, "default_category": "11"}
    with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sheets:upload", args=["persons"]), {"file": handle, **fields})
    job = Job.objects.get()
    assert (job.status, job.result["created"]) == (JobStatus.SUCCEEDED, 1), job.error
    assert list(Entitlement.objects.values_list("category", "disability_grade")) == [("11", 4)]

    rows[0][2] = "十一级"
    write_sheet(path, header, rows)
    with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sheets:upload", args=["persons"]), {"file": handle, **fields})
    failed = Job.objects.latest("pk")
    assert failed.status == JobStatus.FAILED and failed.result["report"] is True
    report = client.get(reverse("jobs:file", args=[failed.pk, "report"]))
    assert report.status_code == 200 and report["Content-Disposition"].startswith("attachment")
    assert Entitlement.objects.get().disability_grade == 4  # nothing written


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
        assert client.get(reverse("sheets:template", args=["arrivals"])).status_code == 403


def _upload_activities(client, tmp_path, capture, **fields):
    path = tmp_path / "活动.xlsx"
    write_sheet(path, ACTIVITY_HEADER, ACTIVITIES, title="2026年双拥活动清单")
    with path.open("rb") as handle, capture(execute=True):
        return client.post(reverse("sheets:upload", args=["activities"]), {"file": handle, **fields})


def test_a_member_units_staff_upload_activities_for_their_own_unit(
    client, users, county, tmp_path, django_capture_on_commit_callbacks
):
    client.login(username="unit_staff", password=PASSWORD)
    page = client.get(reverse("sheets:upload", args=["activities"])).content.decode()
    assert "双拥活动清单" in page and 'name="unit"' not in page and 'name="region"' not in page
    response = _upload_activities(client, tmp_path, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response.status_code == 302 and job.status == JobStatus.SUCCEEDED, job.result
    assert (job.unit, job.region_id, job.result["created"]) == (users["unit_staff"].unit, "350123000000", 3)
    assert set(Activity.objects.values_list("organiser", flat=True)) == {users["unit_staff"].unit_id}


def test_the_county_office_uploads_activities_for_a_unit_it_chooses_or_for_itself(
    client, users, county, tmp_path, django_capture_on_commit_callbacks
):
    client.login(username="county_admin", password=PASSWORD)
    unit = county["unit_bureau"]
    chosen = _upload_activities(
        client, tmp_path, django_capture_on_commit_callbacks, region=county["county"].code, unit=unit.pk, dry_run="on"
    )
    job = Job.objects.get()
    assert chosen.status_code == 302 and job.status == JobStatus.SUCCEEDED, job.result
    assert job.result["summary"] == "校验通过（未写入）：新增 3，更新 0，未变 0" and not Activity.objects.exists()
    _upload_activities(client, tmp_path, django_capture_on_commit_callbacks, region=county["county"].code)
    assert list(Activity.objects.values_list("organiser", "region")) == [(None, "350123000000")] * 3
    garrison = _upload_activities(
        client,
        tmp_path,
        django_capture_on_commit_callbacks,
        region=county["county"].code,
        unit=county["unit_garrison"].pk,
    )
    assert "unit" in garrison.context["form"].errors  # only member units organise activities


def test_an_unknown_import_is_a_404(client, users):
    client.login(username="county_admin", password=PASSWORD)
    assert client.get(reverse("sheets:upload", args=["nothing"])).status_code == 404
