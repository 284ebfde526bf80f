"""What a job page shows beyond the bare progress. The task that ran the job leaves it in the job's result:
`summary` (a sentence), `links` ([{"label", "url"}]: its results), `errors` with `error_count` (row problems)
and `files` ({name: path under MEDIA_ROOT}: downloads through jobs:file). Jobs know no domain app."""

from pathlib import Path

from django.conf import settings

PROBLEMS_SHOWN = 200


def job_extras(job) -> dict:
    result = job.result or {}
    problems = (result.get("errors") or [])[:PROBLEMS_SHOWN]
    extras: dict = {
        "links": list(result.get("links") or []),
        "files": {name: Path(settings.MEDIA_ROOT) / relative for name, relative in (result.get("files") or {}).items()},
    }
    if problems:
        extras["problems"] = problems
        extras["problem_total"] = result.get("error_count", len(problems))
    if result.get("summary"):
        extras["summary"] = result["summary"]
    return extras
