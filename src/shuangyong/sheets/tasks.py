"""A registered sheet import as a background job (the upload page starts it)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django_tasks import task

from shuangyong.errors import RuleError
from shuangyong.jobs.models import Job
from shuangyong.jobs.services import JobError, run_job
from shuangyong.regions.models import Region
from shuangyong.sheets.problems import SheetError
from shuangyong.sheets.reader import ReadError
from shuangyong.sheets.regions import import_regions_text
from shuangyong.sheets.uploads import UPLOADS, job_result


@task()
def import_sheet_job(job_id: int, name: str, path: str, region_code: str, options: dict, dry_run: bool = False):
    def body(progress):
        job = Job.objects.select_related("created_by").get(pk=job_id)
        upload = UPLOADS[name]
        try:
            result = upload.importer(
                Path(path), region=Region.objects.get(code=region_code), user=job.created_by, dry_run=dry_run, **options
            )
        except (SheetError, ReadError, RuleError, PermissionDenied) as exc:
            raise JobError(str(exc)) from None
        summary = job_result(result, dry_run=dry_run)
        if result.errors:
            first = result.errors[0]
            raise JobError(
                f"共 {len(result.errors)} 处错误，未写入任何数据。第 {first.row} 行 {first.column}：{first.message}",
                result=summary,
            )
        progress.note(summary["summary"])
        return summary

    return run_job(job_id, body)


@task()
def import_regions_job(job_id: int, text: str, dry_run: bool = False, within: str | None = None):
    def body(progress):
        progress.note("正在校验并导入区划……")
        try:
            result = import_regions_text(text, dry_run=dry_run, within=within)
        except (SheetError, ReadError) as exc:
            raise JobError(str(exc)) from None
        summary = job_result(result, dry_run=dry_run)
        if result.errors:
            first = result.errors[0]
            raise JobError(
                f"共 {len(result.errors)} 处错误，未写入任何数据。第 {first.row} 行 {first.column}：{first.message}",
                result=summary,
            )
        progress.note(summary["summary"])
        return summary

    return run_job(job_id, body)
