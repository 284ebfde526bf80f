import pytest

from shuangyong.jobs.models import Job, JobStatus
from shuangyong.jobs.services import JobError, run_job, start_job
from shuangyong.regions.models import Region
from shuangyong.sheets.tasks import import_regions_job

pytestmark = pytest.mark.django_db


def test_run_job_records_progress_and_result(users):
    job = Job.objects.create(kind="test", title="测试", created_by=users["county_admin"])

    def body(progress):
        progress.set_total(4)
        for _ in range(4):
            progress.advance()
        progress.note("完成四项")
        return {"count": 4}

    assert run_job(job.pk, body) == {"count": 4}
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == (JobStatus.SUCCEEDED, 4, 4, 100)
    assert job.messages == ["完成四项"]
    assert job.result == {"count": 4}
    assert job.started_at is not None and job.finished_at is not None


def test_job_error_is_shown_and_keeps_its_result(db):
    job = Job.objects.create(kind="test", title="测试")

    def body(progress):
        raise JobError("第 3 行 名称：不能为空", result={"errors": 1})

    assert run_job(job.pk, body) is None
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "第 3 行 名称：不能为空"
    assert job.result == {"errors": 1}


def test_unexpected_exception_fails_the_job(db):
    job = Job.objects.create(kind="test", title="测试")
    run_job(job.pk, lambda progress: 1 / 0)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == f"内部错误：任务 {job.pk} 未能完成，未写入任何数据。请联系系统管理员查看服务器日志。"
    assert "division" not in job.error and "Traceback" not in job.error  # the log has it; the user does not


def test_region_import_runs_as_a_job(county, users, django_capture_on_commit_callbacks):
    text = "code,name,parent_code\n350123100003,南门居委会,350123100000\n"
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            import_regions_job, kind="import_regions", title="导入区划", user=users["county_admin"], text=text
        )
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert (job.result["created"], job.result["errors"], job.result["summary"]) == (
        1,
        [],
        "已导入：新增 1，更新 0，未变 0",
    )
    assert job.task_result_id
    assert Region.objects.get(code="350123100003").name == "南门居委会"


def test_failed_region_import_writes_nothing(county, users, django_capture_on_commit_callbacks):
    text = "code,name,parent_code\n350123100003,南门居委会,350123100000\n350123100004,,350123100000\n"
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            import_regions_job, kind="import_regions", title="导入区划", user=users["county_admin"], text=text
        )
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "共 1 处错误，未写入任何数据。第 3 行 name：名称不能为空"
    assert not Region.objects.filter(code="350123100003").exists()


@pytest.mark.django_db(transaction=True, databases=["default", "jobs"])
def test_progress_is_visible_while_the_job_transaction_is_open(settings):
    """On PostgreSQL another session sees progress before the job's own transaction commits."""
    from django.db import connections, transaction

    if connections["default"].vendor != "postgresql":
        pytest.skip("SQLite has one writer: progress shows when the job commits (documented)")
    settings.JOBS_PROGRESS_DB_ALIAS = "jobs"
    job = Job.objects.create(kind="test", title="测试")
    seen = []

    def body(progress):
        with transaction.atomic():
            progress.set_total(10)
            progress.advance(5)
            progress.note("写入中")
            seen.append(Job.objects.using("jobs").values_list("done", "total").get(pk=job.pk))
        return {}

    run_job(job.pk, body)
    assert seen == [(5, 10)]


def test_the_uploaded_file_is_deleted_when_the_job_ends_and_a_rerun_then_asks_for_it_again(
    users, county, settings, tmp_path
):
    from shuangyong.jobs.services import RerunRefused, rerun_job
    from shuangyong.sheets.uploads import upload_path

    settings.MEDIA_ROOT = str(tmp_path)
    upload = upload_path("花名册.xlsx")
    upload.write_bytes(b"roster")
    job = Job.objects.create(
        kind="import_persons",
        title="导入",
        created_by=users["town_staff"],
        region=county["town_a"],
        task_name="shuangyong.sheets.tasks.import_sheet_job",
        task_kwargs={"name": "persons", "path": str(upload), "region_code": "350123100000", "options": {}},
    )
    run_job(job.pk, lambda progress: 1 / 0)
    assert not upload.exists() and not upload.parent.exists()
    job.refresh_from_db()
    with pytest.raises(RerunRefused, match="重新上传"):
        rerun_job(job, user=users["town_staff"])
    with pytest.raises(RerunRefused, match="不在您的范围内"):
        rerun_job(job, user=users["town_b_staff"])


def test_error_reports_are_kept_as_long_as_the_jobs_region_says(users, county, settings, tmp_path):
    import os
    import time
    from datetime import date

    from shuangyong.jobs.workers import purge_old_files
    from shuangyong.regions.models import RegionSetting
    from shuangyong.sheets.uploads import report_path

    settings.MEDIA_ROOT = str(tmp_path)
    RegionSetting.objects.create(
        region=county["town_a"], key="import_report_retention_days", value=90, valid_from=date(2020, 1, 1)
    )
    kept = Job.objects.create(kind="import_persons", title="凤山", region=county["town_a"])
    gone = Job.objects.create(kind="import_persons", title="松山", region=county["town_b"])
    forty_days_ago = time.time() - 40 * 86400
    for job in (kept, gone):
        report_path(job.pk).write_bytes(b"report")
        os.utime(report_path(job.pk), (forty_days_ago, forty_days_ago))
    assert purge_old_files() == 1
    assert report_path(kept.pk).exists() and not report_path(gone.pk).exists()  # 90 days there, 30 by default
