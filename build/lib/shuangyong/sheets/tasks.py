"""Sheet imports as background jobs (the upload pages start them): a registered import, and the region import."""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_tasks import task

from shuangyong.errors import RuleError
from shuangyong.jobs.models import Job
from shuangyong.jobs.services import JobError, run_job
from shuangyong.regions.services import resolve_region
from shuangyong.sheets.problems import ImportCounts, SheetError
from shuangyong.sheets.reader import ReadError
from shuangyong.sheets.regions import import_regions_text
from shuangyong.sheets.report import write_error_report
from shuangyong.sheets.uploads import UPLOADS, job_result, report_path


def _import_job(
    job_id: int,
    run: Callable[[Job, object], ImportCounts],
    dry_run: bool,
    start: str = "",
    source: Path | None = None,
    back: str = "",
):
    """Run an import as the job's creator: a refused file or a refusal of rights fails the job with its Chinese
    message; wrong rows fail it with the first one named and every one listed, and a sheet file comes back marked
    (sheets.report) for download; nothing is written then."""

    def body(progress):
        if start:
            progress.note(start)
        job = Job.objects.select_related("created_by").get(pk=job_id)
        try:
            result = run(job, progress)
        except (SheetError, ReadError, RuleError, PermissionDenied) as exc:
            raise JobError(str(exc)) from None
        summary = job_result(result, dry_run=dry_run)
        if back and not result.errors:
            summary["links"] = [{"label": "查看导入的记录", "url": reverse(back)}]
        if result.errors:
            if source is not None and result.header_row is not None:
                report = report_path(job_id)
                write_error_report(source, result.errors, result.header_row, result.columns, report)
                summary["report"] = True
                summary["files"] = {"report": str(report.relative_to(settings.MEDIA_ROOT))}
                summary["links"] = [
                    {"label": "下载错误报告（原表标红）", "url": reverse("jobs:file", args=[job_id, "report"])}
                ]
            first = result.errors[0]
            raise JobError(
                f"共 {len(result.errors)} 处错误，未写入任何数据。第 {first.row} 行 {first.column}：{first.message}",
                result=summary,
            )
        return summary  # its "summary" sentence is what the job page shows

    return run_job(job_id, body)


@task()
def import_sheet_job(job_id: int, name: str, path: str, region_code: str | None, options: dict, dry_run: bool = False):
    upload = UPLOADS[name]

    def run(job: Job, progress) -> ImportCounts:
        region = resolve_region(region_code) if region_code else None  # None: the importer's choices say
        extra = {"progress": progress} if upload.takes_progress else {}
        return upload.importer(Path(path), region=region, user=job.created_by, dry_run=dry_run, **options, **extra)

    return _import_job(job_id, run, dry_run, source=Path(path), back=upload.back)


@task()
def import_regions_job(job_id: int, text: str, dry_run: bool = False, within: str | None = None):
    return _import_job(
        job_id,
        lambda job, progress: import_regions_text(text, dry_run=dry_run, within=within),
        dry_run,
        "正在校验并导入区划……",
    )
