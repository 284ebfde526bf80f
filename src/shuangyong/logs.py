"""Logs an operator can follow and hand on: every line carries the request id (or the background job's) and the
acting user's id, and never a personal number. LOG_FORMAT=json writes one JSON object per line for a log
collector; the default is a plain line with the same fields.

The request id comes from the proxy's X-Request-ID when it sent a sane one (nginx: proxy_set_header X-Request-ID
$request_id, deploy/nginx-shuangyong.conf), so the proxy's and the application's lines join; otherwise it is made
here. Each response carries it back in X-Request-ID, for a user reporting a problem to quote."""

import json
import logging
import re
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from shuangyong.privacy import redact_text

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_user_id: ContextVar[str] = ContextVar("user_id", default="-")
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
request_log = logging.getLogger("shuangyong.request")


@contextmanager
def log_context(*, request_id: str, user_id=None):
    """Name the request or job and the user on every line logged inside the block."""
    tokens = (_request_id.set(request_id), _user_id.set("-" if user_id is None else str(user_id)))
    try:
        yield
    finally:
        _request_id.reset(tokens[0])
        _user_id.reset(tokens[1])


class ContextFilter(logging.Filter):
    """Adds request_id and user_id to each record and masks personal numbers in its message (a handler's
    filter, so it applies to every logger's records, Django's included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        record.user_id = _user_id.get()
        message = redact_text(record.getMessage())
        record.msg, record.args = message, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            "user_id": getattr(record, "user_id", "-"),
        }
        for field in ("method", "path", "status", "duration_ms"):
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = redact_text(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """The plain line, with the same fields; a traceback's text is masked like the message."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] %(message)s")

    def formatException(self, ei) -> str:  # noqa: N802 — logging's name
        return redact_text(super().formatException(ei))


class RequestLogMiddleware:
    """After authentication: sets the request id and the user for the request's lines, answers the id in
    X-Request-ID and logs one line per request: method, path (never the query string, which may hold a searched
    ID number), status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if SANE_ID.match(given) else uuid.uuid4().hex
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        started = time.monotonic()
        with log_context(request_id=request_id, user_id=user_id):
            response = self.get_response(request)
            duration = round((time.monotonic() - started) * 1000)
            path = redact_text(request.path)
            request_log.info(
                "%s %s %s %sms",
                request.method,
                path,
                response.status_code,
                duration,
                extra={"method": request.method, "path": path, "status": response.status_code, "duration_ms": duration},
            )
        response["X-Request-ID"] = request_id
        return response
