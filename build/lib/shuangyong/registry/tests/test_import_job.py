import openpyxl
import pytest

from shuangyong.jobs.models import JobStatus
from shuangyong.registry.models import Person
from shuangyong.registry.tests.sheets import MESSY_HEADER, messy_rows, write_sheet
from shuangyong.sheets.tasks import import_sheet_job
from shuangyong.sheets.uploads import report_path, upload_path

pytestmark = pytest.mark.django_db


def test_import_job_writes_and_reports(users, county, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    rows = [r for r in messy_rows() if r[13] != "松山镇"]  # 凤山镇 rows only
    from shuangyong.jobs.models import Job

    job = Job.objects.create(kind="import_persons", title="导入花名册", created_by=users["town_staff"])
    path = upload_path("凤山镇.xlsx")
    write_sheet(path, MESSY_HEADER, rows)
    import_sheet_job.call(job_id=job.pk, name="persons", path=str(path), region_code="350123100", options={})
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert (job.result["created"], job.result["error_count"]) == (4, 0)
    assert Person.objects.count() == 4
    assert set(Person.objects.values_list("import_batch__created_by", flat=True)) == {users["town_staff"].pk}


def test_failed_job_keeps_a_marked_report(users, county, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from shuangyong.jobs.models import Job

    rows = messy_rows()
    rows[0][1] = ""  # row 4: no name
    rows[3][13] = "不存在镇"  # row 7: unknown town
    job = Job.objects.create(kind="import_persons", title="导入花名册", created_by=users["county_admin"])
    path = upload_path("bad.xlsx")
    write_sheet(path, MESSY_HEADER, rows)
    import_sheet_job.call(job_id=job.pk, name="persons", path=str(path), region_code="350123", options={})
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "共 2 处错误，未写入任何数据。第 4 行 姓名：姓名不能为空"
    assert job.result["error_count"] == 2 and job.result["report"] is True
    assert Person.objects.count() == 0
    sheet = openpyxl.load_workbook(report_path(job.pk)).active
    assert sheet.cell(3, 17).value == "错误说明"
    assert sheet.cell(4, 17).value == "姓名：姓名不能为空"
    assert sheet.cell(7, 17).value == "乡镇(街道)：罗源县范围内没有名为“不存在镇”的乡镇"
    assert sheet.cell(7, 14).fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet.cell(5, 17).value is None


def test_town_staff_cannot_import_into_the_county(users, county, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from shuangyong.jobs.models import Job

    job = Job.objects.create(kind="import_persons", title="导入花名册", created_by=users["town_staff"])
    path = upload_path("all.xlsx")
    write_sheet(path, MESSY_HEADER, messy_rows())
    import_sheet_job.call(job_id=job.pk, name="persons", path=str(path), region_code="350123", options={})
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "该记录不在您的管辖范围内"
    assert Person.objects.count() == 0
