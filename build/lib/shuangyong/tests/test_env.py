import pytest

from shuangyong.env import ConfigError, env_bool, env_int, env_list, env_str


def test_typed_helpers_read_and_default(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.example, b.example ,")
    monkeypatch.delenv("X_MISSING", raising=False)
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 42
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    assert env_str("X_MISSING", "d") == "d"
    assert env_bool("X_MISSING", True) is True


@pytest.mark.parametrize(
    ("call", "value", "message"),
    [
        (lambda: env_bool("X_BAD", False), "maybe", "X_BAD='maybe' is not a boolean"),
        (lambda: env_int("X_BAD", 1), "ten", "X_BAD='ten' is not an integer"),
        (lambda: env_str("X_BAD_MISSING", required=True), None, "X_BAD_MISSING is required"),
    ],
)
def test_bad_values_fail_loudly(monkeypatch, call, value, message):
    monkeypatch.delenv("X_BAD_MISSING", raising=False)
    if value is not None:
        monkeypatch.setenv("X_BAD", value)
    with pytest.raises(ConfigError, match=message):
        call()


def test_settings_refuse_to_start_without_a_secret_key_outside_debug(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env["SHUANGYONG_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import shuangyong.settings"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "environment variable SECRET_KEY is required" in result.stderr


def test_database_url_selects_postgresql_and_rejects_others(tmp_path):
    import os
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    base.update(SECRET_KEY="k", SHUANGYONG_VAR_DIR=str(tmp_path))
    code = "import shuangyong.settings as s; print(s.DATABASES['default']['ENGINE'])"
    pg = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DATABASE_URL": "postgres://u@127.0.0.1/x"},
        capture_output=True,
        text=True,
    )
    assert pg.stdout.strip() == "django.db.backends.postgresql"
    sqlite = subprocess.run(
        [sys.executable, "-c", code], env={**base, "DATABASE_URL": ""}, capture_output=True, text=True
    )
    assert sqlite.stdout.strip() == "django.db.backends.sqlite3"
    mysql = subprocess.run(
        [sys.executable, "-c", code], env={**base, "DATABASE_URL": "mysql://u@h/x"}, capture_output=True, text=True
    )
    assert "unsupported database" in mysql.stderr


def test_sqlite_default_is_tuned_for_several_writers(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update(SECRET_KEY="k", SHUANGYONG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="shuangyong.settings")
    code = (
        "import django; django.setup(); from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["wal", "30000", "IMMEDIATE"], result.stderr
    assert (tmp_path / "shuangyong.sqlite3").exists()
