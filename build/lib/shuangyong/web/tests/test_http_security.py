import os
import secrets
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db

# The README's production environment (section "Production"), less the database.
PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "shuangyong.example.gov.cn",
    "CSRF_TRUSTED_ORIGINS": "https://shuangyong.example.gov.cn",
    "SECURE_COOKIES": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "SILENCED_SYSTEM_CHECKS": "security.W021",
}


def test_pages_carry_a_policy_without_inline_script(users, client):
    client.force_login(users["town_staff"])
    response = client.get("/")
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    html = response.content.decode()
    assert "<script>" not in html and " onclick=" not in html and " onsubmit=" not in html


def test_pages_and_api_answers_with_personal_data_are_not_stored(users, client):
    client.force_login(users["town_staff"])
    assert client.get("/registry/")["Cache-Control"] == "no-store, private"
    assert client.get("/api/users/me/")["Cache-Control"] == "no-store, private"


def test_https_settings_come_from_the_environment(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get("/login/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get("/login/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_deploy_check_passes_with_the_readme_production_environment(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}}
    env.update(PRODUCTION_ENV, SHUANGYONG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="shuangyong.settings")
    result = subprocess.run(
        [sys.executable, "-m", "shuangyong", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_oversized_form_gets_a_chinese_400(users, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client.force_login(users["town_staff"])
    response = client.post("/activities/new/", {"narrative": "拥军" * 400_000})
    assert response.status_code == 400
    html = response.content.decode()
    assert "提交的内容过大（表单文字超过 1 MB），未保存" in html and "Bad Request" not in html
