from django_tasks import task

from shuangyong.jobs.services import JobError, run_job
from shuangyong.regions.services import RegionError, import_regions_csv


@task()
def import_regions_job(job_id: int, text: str, dry_run: bool = False, within: str | None = None):
    def body(progress):
        progress.note("正在校验并导入区划……")
        try:
            report = import_regions_csv(text, dry_run=dry_run, within=within)
        except RegionError as exc:
            raise JobError(str(exc)) from None
        if report.errors:
            first = report.errors[0]
            raise JobError(
                f"共 {len(report.errors)} 处错误，未写入任何数据。"
                f"第 {first['row']} 行 {first['column']}：{first['message']}",
                result=report.as_dict(),
            )
        progress.note(f"新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}")
        return report.as_dict()

    return run_job(job_id, body)
