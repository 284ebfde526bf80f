"""What a job page shows beyond the bare progress: per kind, its result explained and its files."""

from django.urls import reverse

PROBLEMS_SHOWN = 200


def job_extras(job) -> dict:
    result = job.result or {}
    extras: dict = {"links": [], "files": {}}
    if job.kind == "import_persons":
        from shuangyong.registry.tasks import report_path

        extras["problems"] = (result.get("errors") or [])[:PROBLEMS_SHOWN]
        extras["problem_total"] = result.get("error_count", len(extras["problems"]))
        if result.get("report"):
            extras["files"]["report"] = report_path(job.pk)
            extras["links"].append(
                {"label": "下载错误报告（原表标红）", "url": reverse("jobs:file", args=[job.pk, "report"])}
            )
        if "created" in result and not job.error:
            prefix = "（试运行，未写入）" if result.get("dry_run") else ""
            extras["summary"] = (
                f"{prefix}新增 {result['created']}，更新 {result['updated']}，"
                f"未变 {result['unchanged']}，提示 {result.get('warning_count', 0)} 条"
            )
            extras["links"].append({"label": "查看优抚对象", "url": reverse("registry:list")})
    if job.kind in ("compute_run", "check_run"):
        from shuangyong.benefits.presenters import compute_job_links

        extras["links"] += compute_job_links(job)
    return extras
