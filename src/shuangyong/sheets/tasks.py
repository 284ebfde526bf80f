"""Sheet imports as background jobs (the upload pages start them): a registered import, and the region import."""

from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django_tasks import task

from shuangyong.errors import RuleError
from shuangyong.jobs.models import Job
from shuangyong.jobs.services import JobError, run_job
from shuangyong.regions.models import Region
from shuangyong.sheets.problems import ImportCounts, SheetError
from shuangyong.sheets.reader import ReadError
from shuangyong.sheets.regions import import_regions_text
from shuangyong.sheets.uploads import UPLOADS, job_result


def _import_job(job_id: int, run: Callable[[Job], ImportCounts], dry_run: bool, start: str = ""):
    """Run an import as the job's creator: a refused file or a refusal of rights fails the job with its Chinese
    message; wrong rows fail it with the first one named and every one listed; nothing is written then."""

    def body(progress):
        if start:
            progress.note(start)
        job = Job.objects.select_related("created_by").get(pk=job_id)
        try:
            result = run(job)
        except (SheetError, ReadError, RuleError, PermissionDenied) as exc:
            raise JobError(str(exc)) from None
        summary = job_result(result, dry_run=dry_run)
        if result.errors:
            first = result.errors[0]
            raise JobError(
                f"共 {len(result.errors)} 处错误，未写入任何数据。第 {first.row} 行 {first.column}：{first.message}",
                result=summary,
            )
        return summary  # its "summary" sentence is what the job page shows

    return run_job(job_id, body)


@task()
def import_sheet_job(job_id: int, name: str, path: str, region_code: str | None, options: dict, dry_run: bool = False):
    def run(job: Job) -> ImportCounts:
        region = Region.objects.get(code=region_code) if region_code else None  # None: the importer's choices say
        return UPLOADS[name].importer(Path(path), region=region, user=job.created_by, dry_run=dry_run, **options)

    return _import_job(job_id, run, dry_run)


@task()
def import_regions_job(job_id: int, text: str, dry_run: bool = False, within: str | None = None):
    return _import_job(
        job_id, lambda job: import_regions_text(text, dry_run=dry_run, within=within), dry_run, "正在校验并导入区划……"
    )
