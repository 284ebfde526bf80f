"""The activity-list import as a background job (the upload page starts it)."""

from pathlib import Path

from django_tasks import task

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.activities.importing import import_activities
from shuangyong.jobs.models import Job
from shuangyong.jobs.services import JobError, run_job
from shuangyong.sheets.problems import SheetError
from shuangyong.sheets.reader import ReadError
from shuangyong.units.models import Unit

MAX_LISTED = 500


@task()
def import_activities_job(job_id: int, path: str, unit_id: int | None, region_code: str, dry_run: bool = False):
    def body(progress):
        job = Job.objects.select_related("created_by").get(pk=job_id)
        unit = Unit.objects.get(pk=unit_id) if unit_id else None
        try:
            result = import_activities(
                Path(path), unit=unit, region=region_code, user=job.created_by, dry_run=dry_run, progress=progress
            )
        except (SheetError, ReadError) as exc:
            raise JobError(str(exc)) from None
        except ScopeDenied as exc:
            raise JobError(f"无权导入：{exc}") from None
        summary = result.as_dict()
        summary["errors"], summary["warnings"] = summary["errors"][:MAX_LISTED], summary["warnings"][:MAX_LISTED]
        summary["error_count"], summary["dry_run"] = len(result.errors), dry_run
        if result.errors:
            first = result.errors[0]
            raise JobError(
                f"共 {len(result.errors)} 处错误，未写入任何数据。第 {first.row} 行 {first.column}：{first.message}",
                result=summary,
            )
        progress.note(f"新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}")
        return summary

    return run_job(job_id, body)
