"""/healthz: the database, a worker's heartbeat and the free disk, for the proxy and monitoring; `--version`; errors
as JSON with --json."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.db import DatabaseError
from django.utils import timezone

from shuangyong.__main__ import main
from shuangyong.jobs.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_without_a_worker_the_site_is_up_but_degraded(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["worker"] == {"ok": False, "seconds_since_heartbeat": None}
    assert body["checks"]["disk"]["ok"] is True and body["checks"]["disk"]["free_mb"] > 0
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_fresh_heartbeat_is_ok_and_a_stale_one_is_not(client, settings):
    beat = WorkerHeartbeat.objects.create(worker="w1", host="h", pid=1, seen_at=timezone.now() - timedelta(seconds=5))
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["checks"]["worker"]["ok"] is True
    WorkerHeartbeat.objects.filter(pk=beat.pk).update(seen_at=timezone.now() - timedelta(hours=1))
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and body["checks"]["worker"]["seconds_since_heartbeat"] >= 3600


def test_no_database_or_no_disk_fails_with_503(client, settings):
    settings.HEALTH_MIN_FREE_MB = 10**12  # more than any disk has
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "fail"
    settings.HEALTH_MIN_FREE_MB = 0
    with mock.patch("shuangyong.health.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["database"] == {"ok": False}
    assert client.post("/healthz").status_code == 405


def test_version(capsys):
    main(["shuangyong", "--version"])
    out = capsys.readouterr().out
    assert out.startswith("shuangyong 0.") and "(Django 5.2" in out


def test_with_json_a_refusal_is_json_on_stdout_and_a_non_zero_exit(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["shuangyong", "todo", "--user", "nobody", "--json"])
    assert stopped.value.code == 1
    assert json.loads(capsys.readouterr().out) == {"error": "没有名为“nobody”的在用账户"}
    with pytest.raises(SystemExit) as stopped:
        main(["shuangyong", "figures", "--year", "20x", "--json"])
    assert stopped.value.code == 2 and json.loads(capsys.readouterr().out)["error"].startswith("命令参数有误")


def test_without_json_a_refusal_stays_on_stderr(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["shuangyong", "todo", "--user", "nobody"])
    captured = capsys.readouterr()
    assert stopped.value.code == 1 and captured.out == "" and "没有名为“nobody”的在用账户" in captured.err
