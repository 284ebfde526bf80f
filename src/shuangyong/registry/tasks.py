"""Background jobs of the registry: the roster import with progress and a downloadable error report."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.jobs.models import Job
from shuangyong.jobs.services import JobError, run_job
from shuangyong.regions.services import resolve_region
from shuangyong.registry.importing.service import import_persons
from shuangyong.sheets.problems import SheetError
from shuangyong.sheets.reader import ReadError
from shuangyong.sheets.report import write_error_report
from shuangyong.sheets.uploads import UPLOAD_DIR

MAX_LISTED = 500  # problems kept in the job's result; the report file has them all


def report_path(job_id: int) -> Path:
    folder = Path(settings.MEDIA_ROOT) / UPLOAD_DIR / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{job_id}-错误报告.xlsx"


@task()
def import_persons_job(
    job_id: int, path: str, region_code: str, dry_run: bool = False, default_category: str | None = None
):
    def body(progress):
        job = Job.objects.select_related("created_by").get(pk=job_id)
        source = Path(path)
        try:
            result = import_persons(
                source,
                region=resolve_region(region_code),
                user=job.created_by,
                dry_run=dry_run,
                progress=progress,
                file_name=source.name,
                default_category=default_category,
            )
        except (SheetError, ReadError) as exc:
            raise JobError(str(exc)) from None
        except ScopeDenied as exc:
            raise JobError(f"无权导入到该区划：{exc}") from None
        summary = result.as_dict()
        summary["errors"] = summary["errors"][:MAX_LISTED]
        summary["warnings"] = summary["warnings"][:MAX_LISTED]
        summary["error_count"], summary["warning_count"] = len(result.errors), len(result.warnings)
        summary["dry_run"] = dry_run
        if result.errors:
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
        summary["batch"] = result.batch_id
        summary["summary"] = (
            f"{'（试运行，未写入）' if dry_run else ''}新增 {result.created}，更新 {result.updated}，"
            f"未变 {result.unchanged}，提示 {len(result.warnings)} 条"
        )
        summary["links"] = [{"label": "查看优抚对象", "url": reverse("registry:list")}]
        progress.note(f"新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}")
        return summary

    return run_job(job_id, body)
