import pytest

from shuangyong.api.tests.clients import client_for
from shuangyong.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs(users, county):
    def job(title, user, region, **fields):
        return Job.objects.create(kind="import_persons", title=title, created_by=user, region=region, **fields)

    return {
        "mine": job("凤山镇导入", users["town_staff"], county["town_a"], status=JobStatus.RUNNING, done=30, total=120),
        "village": job("北门导入", users["village_staff"], county["village_a1"]),
        "county": job("全县导入", users["county_admin"], county["county"]),
        "other_town": job("松山镇导入", users["town_b_staff"], county["town_b"]),
        "unplaced": job("区划表", users["sysadmin"], None),
    }


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(j["title"] for j in response.json()["results"])


def test_jobs_are_the_users_own_and_those_over_their_region(users, jobs):
    assert titles(client_for(users["town_staff"]).get("/api/jobs/")) == ["凤山镇导入", "北门导入"]
    assert titles(client_for(users["village_staff"]).get("/api/jobs/")) == ["北门导入"]
    assert titles(client_for(users["county_admin"]).get("/api/jobs/")) == [
        "全县导入",
        "凤山镇导入",
        "北门导入",
        "松山镇导入",
    ]
    # the three administrators read no records: they see only the jobs they started themselves
    assert titles(client_for(users["auditadmin"]).get("/api/jobs/")) == []
    assert titles(client_for(users["sysadmin"]).get("/api/jobs/")) == ["区划表"]
    assert titles(client_for(users["secadmin"]).get("/api/jobs/")) == []


def test_job_detail_shows_progress_and_outcome(users, jobs):
    api = client_for(users["town_staff"])
    body = api.get(f"/api/jobs/{jobs['mine'].pk}/").json()
    assert {
        k: body[k] for k in ["status", "status_label", "percent", "done", "total", "messages", "result", "error"]
    } == {
        "status": "running",
        "status_label": "进行中",
        "percent": 25,
        "done": 30,
        "total": 120,
        "messages": [],
        "result": None,
        "error": "",
    }
    assert (body["created_by"], body["region"]) == ("town_staff", "350123100000")
    assert api.get(f"/api/jobs/{jobs['other_town'].pk}/").status_code == 404


def test_job_status_filter(users, jobs):
    api = client_for(users["county_admin"])
    assert titles(api.get("/api/jobs/?status=running")) == ["凤山镇导入"]
    response = api.get("/api/jobs/?status=done")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "参数 status：“done”无效，可选 queued、running、succeeded、failed"},
    )


def test_jobs_are_read_only(users, jobs):
    api = client_for(users["county_admin"])
    assert api.post("/api/jobs/", {"title": "x"}, format="json").status_code == 405
    assert api.patch(f"/api/jobs/{jobs['county'].pk}/", {"status": "failed"}, format="json").status_code == 405
