"""Log lines name the request (or job) and the user and never carry a personal number; JSON on request."""

import io
import json
import logging

import pytest

from shuangyong.logs import ContextFilter, JsonFormatter, TextFormatter, log_context

pytestmark = pytest.mark.django_db
ID_NUMBER = "350123198001011234"


@pytest.fixture
def lines():
    """The project's console handler set-up (filter and formatter) on a logger of its own, into a buffer."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter())
    levels = {}
    for name in ("shuangyong.request", "probe"):
        levels[name] = logging.getLogger(name).level
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    for name, level in levels.items():
        logging.getLogger(name).removeHandler(handler)
        logging.getLogger(name).setLevel(level)


def test_a_request_line_names_the_request_and_the_user_and_the_answer_carries_the_id(client, users, lines):
    client.force_login(users["town_staff"])
    response = client.get(f"/registry/?q={ID_NUMBER}", HTTP_X_REQUEST_ID="proxy-abc-123")
    assert response["X-Request-ID"] == "proxy-abc-123"
    [line] = [line for line in lines() if line["logger"] == "shuangyong.request"]
    assert line["request_id"] == "proxy-abc-123" and line["user_id"] == str(users["town_staff"].pk)
    assert (line["method"], line["path"], line["status"]) == ("GET", "/registry/", response.status_code)
    assert ID_NUMBER not in json.dumps(line)  # the query string is never logged


def test_an_id_is_made_when_the_proxy_sent_none_or_a_strange_one(client, lines):
    made = client.get("/healthz")["X-Request-ID"]
    odd = client.get("/healthz", HTTP_X_REQUEST_ID="x\nforged line")["X-Request-ID"]
    assert len(made) == 32 and len(odd) == 32 and made != odd
    assert [line["user_id"] for line in lines()] == ["-", "-"]


def test_personal_numbers_are_masked_in_messages_and_tracebacks(lines):
    log = logging.getLogger("probe")
    with log_context(request_id="job-7", user_id=3):
        log.info("checking %s", ID_NUMBER)
        try:
            raise ValueError(f"bad number {ID_NUMBER}")
        except ValueError:
            log.exception("failed")
    first, second = lines()
    assert first["message"] == "checking 3501**********1234" and first["request_id"] == "job-7"
    assert first["user_id"] == "3" and ID_NUMBER not in second["exception"] and "ValueError" in second["exception"]


def test_the_plain_line_has_the_same_fields():
    record = logging.LogRecord("probe", logging.WARNING, __file__, 1, "phone %s", ("13812345678",), None)
    with log_context(request_id="r1", user_id=None):
        ContextFilter().filter(record)
    assert TextFormatter().format(record).endswith("WARNING probe [r1 user=-] phone 138****5678")


def test_a_background_job_logs_under_its_number(users, lines):
    from shuangyong.jobs.models import Job
    from shuangyong.jobs.services import run_job

    job = Job.objects.create(kind="probe", title="probe", created_by=users["county_admin"])

    def body(progress):
        logging.getLogger("probe").info("inside")
        return {}

    run_job(job.pk, body)
    [line] = [line for line in lines() if line["message"] == "inside"]
    assert line["request_id"] == f"job-{job.pk}" and line["user_id"] == str(users["county_admin"].pk)
