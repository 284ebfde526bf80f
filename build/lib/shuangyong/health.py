"""/healthz for the reverse proxy and monitoring: is the database reachable, is a background worker alive, is
there disk space left where the archive and uploads are written. Answers JSON without signing in and names no
path, host or person: {"status": "ok"|"degraded"|"fail", "checks": {name: {"ok": bool, ...}}}. HTTP 503 only
when the web process cannot serve (database unreachable, disk nearly full); a stopped worker is "degraded" (the
pages work, the jobs wait) so the proxy keeps the site up while monitoring raises the alarm."""

import shutil

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shuangyong.jobs.models import WorkerHeartbeat


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except DatabaseError:
        return {"ok": False}


def worker_check() -> dict:
    try:
        seen = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    except DatabaseError:
        seen = None
    if seen is None:
        return {"ok": False, "seconds_since_heartbeat": None}
    age = (timezone.now() - seen).total_seconds()
    return {"ok": age <= settings.HEARTBEAT_STALE_SECONDS, "seconds_since_heartbeat": int(age)}


def _disk() -> dict:
    where = settings.MEDIA_ROOT if settings.MEDIA_ROOT.exists() else settings.VAR_DIR
    free_mb = shutil.disk_usage(where).free // (1024 * 1024)
    return {"ok": free_mb >= settings.HEALTH_MIN_FREE_MB, "free_mb": free_mb}


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database(), "worker": worker_check(), "disk": _disk()}
    if not (checks["database"]["ok"] and checks["disk"]["ok"]):
        status = "fail"
    else:
        status = "ok" if checks["worker"]["ok"] else "degraded"
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == "fail" else 200)
