"""deploy/: the systemd units pass `systemd-analyze verify`, the environment template names every setting the
system reads, and gunicorn (the units' web server) loads the application."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent


def test_the_environment_template_names_every_setting():
    settings = (ROOT / "src" / "shuangyong" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings))
    template = (DEPLOY / "shuangyong.env.example").read_text(encoding="utf-8")
    named = set(re.findall(r"^#? ?([A-Z_]+)=", template, re.M))
    assert len(read) > 30 and read - named == set()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_units_verify(tmp_path):
    """Verified as installed: the venv and environment file paths point at this checkout's, the user at root."""
    for unit in [*DEPLOY.glob("*.service"), *DEPLOY.glob("*.timer")]:
        text = unit.read_text(encoding="utf-8").replace("/srv/shuangyong/venv/bin", str(BIN))
        text = text.replace("/etc/shuangyong/shuangyong.env", str(DEPLOY / "shuangyong.env.example"))
        text = re.sub(r"^(User|Group)=.*$", r"\1=root", text, flags=re.M)
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    units = sorted(str(p) for p in tmp_path.iterdir())
    assert len(units) == 8  # web, worker; audit-verify, backup and partitions with their timers
    result = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not (shutil.which("nginx") and shutil.which("openssl")), reason="nginx or openssl not installed")
def test_the_nginx_sample_passes_nginx_t(tmp_path):
    """As installed on Debian 12 (nginx 1.22): with a certificate where the sample expects it, inside a main
    configuration of the machine's kind."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
         "-keyout", str(tmp_path / "tls.key"), "-out", str(tmp_path / "tls.crt")],
        capture_output=True, check=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx-shuangyong.conf").read_text(encoding="utf-8")
    site = site.replace("/etc/nginx/tls/shuangyong", str(tmp_path / "tls"))
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "logs").mkdir()
    main = f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
    main += f"http {{ access_log off; include {tmp_path}/site.conf; }}\n"
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert result.returncode == 0 and "test is successful" in result.stderr, result.stderr


def test_every_location_of_the_nginx_sample_passes_the_host_on():
    """nginx hands a location the server's proxy_set_header lines only when it sets none of its own: each proxying
    location must get Host one way or the other, or the application sees 127.0.0.1:8000 and refuses it (found on
    /healthz when installed by the README)."""
    site = re.sub(r"#.*", "", (DEPLOY / "nginx-shuangyong.conf").read_text(encoding="utf-8"))
    location = r"location [^{]*\{([^}]*)\}"
    server_level = "proxy_set_header Host $host;" in re.sub(location, "", site)
    proxying = [body for body in re.findall(location, site) if "proxy_pass" in body]
    assert len(proxying) >= 2
    for body in proxying:
        own = "proxy_set_header" in body
        assert ("proxy_set_header Host" in body) if own else server_level, body


def test_gunicorn_loads_the_application():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shuangyong.settings", "DEBUG": "true"}
    result = subprocess.run(
        [str(BIN / "gunicorn"), "--check-config", "shuangyong.wsgi"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
