"""Backup → restore loses nothing: every table's rows and every file come back, on the suite's database kind; a
damaged, foreign or misdirected backup is refused before anything is written."""

import base64
import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from conftest import load_shipped_data
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper
from django.db import connection

from shuangyong.accounts.models import User
from shuangyong.accounts.system import SYSTEM_USERNAME, system_user
from shuangyong.archive.services import attach_file
from shuangyong.archive.tests.files import pdf_bytes, png_bytes
from shuangyong.audit.models import AuditAction, AuditEntry
from shuangyong.backup import databases, manifest
from shuangyong.backup.files import FILES_DIR
from shuangyong.backup.services import make_backup, restore_backup
from shuangyong.errors import RuleError
from shuangyong.terminal import TerminalProgress


def quiet() -> TerminalProgress:
    """Progress written to nowhere: the commands pass the terminal's own."""
    return TerminalProgress(OutputWrapper(io.StringIO()))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "archive": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


@pytest.fixture
def filled(county, users, media):
    load_shipped_data()
    town = users["town_staff"]
    attach_file(county["town_a"], SimpleUploadedFile("慰问.png", png_bytes()), user=town, year=2026)
    attach_file(county["town_a"], SimpleUploadedFile("纪要.pdf", pdf_bytes("minutes")), user=town, year=2025)
    (media / "imports" / "uploads").mkdir(parents=True)
    (media / "imports" / "uploads" / "roster.xlsx").write_bytes(b"waiting for its job")
    return county


@pytest.fixture
def target(tmp_path):
    """An empty database of the suite's kind, as a restore's destination."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        yield {**settings_dict, "NAME": str(tmp_path / "restored" / "shuangyong.sqlite3")}
        return
    name = f"sy_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    yield {**settings_dict, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def every_row(wrapper) -> dict[str, list]:
    with wrapper.cursor() as cursor:
        tables = sorted(wrapper.introspection.table_names(cursor))
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {wrapper.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
            rows[table] = cursor.fetchall()
    return rows


def media_files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_back_every_row_and_every_file(filled, media, target, tmp_path, settings):
    out = tmp_path / "backup"
    before_rows, before_files = every_row(connection), media_files(media)
    made = make_backup(out, user=system_user(), progress=quiet())
    kept = {path: data for path, data in before_files.items() if not path.startswith("imports/uploads/")}
    assert len(kept) == len(before_files) - 1 and any(path.startswith("archive/") for path in kept)
    assert made.tables["accounts_user"] == User.objects.count() - 0 and made.tables["registry_category"] > 0
    entry = AuditEntry.objects.get(action=AuditAction.BACKUP)  # written after the copy: not in the backup
    assert entry.object_repr == str(out) and f"{len(kept)} 个文件" in entry.note

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    restored = restore_backup(out, user=system_user(), progress=quiet(), database=target)

    wrapper = databases.wrapper_for(target)
    try:
        after_rows = every_row(wrapper)
    finally:
        wrapper.close()
    assert after_rows.keys() == before_rows.keys()
    for table, rows in before_rows.items():
        assert after_rows[table] == rows, table
    assert media_files(settings.MEDIA_ROOT) == kept
    assert restored.summary()["rows"] == sum(len(rows) for rows in after_rows.values())


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_and_nothing_is_written(filled, media, target, tmp_path, settings):
    out = tmp_path / "backup"
    made = make_backup(out, user=system_user(), progress=quiet())
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    damaged = out / FILES_DIR / made.files[0]["path"]
    damaged.write_bytes(damaged.read_bytes() + b"x")
    with pytest.raises(RuleError, match=f"{made.files[0]['path']} 的校验值与清单不符"):
        restore_backup(out, user=system_user(), progress=quiet(), database=target)
    assert databases.is_empty(target) and not settings.MEDIA_ROOT.exists()

    damaged.unlink()
    with pytest.raises(RuleError, match="缺少文件"):
        restore_backup(out, user=system_user(), progress=quiet(), database=target)
    assert databases.is_empty(target)


@pytest.mark.django_db(transaction=True)
def test_a_restore_goes_only_into_an_empty_installation_with_the_same_key(filled, media, tmp_path, target, settings):
    out = tmp_path / "backup"
    make_backup(out, user=system_user(), progress=quiet())
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    restore_backup(out, user=system_user(), progress=quiet(), database=target)
    rows = databases.count_rows(databases.wrapper_for(target))
    with pytest.raises(RuleError, match="目标数据库不是空的"):
        restore_backup(out, user=system_user(), progress=quiet(), database=target)
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    with pytest.raises(RuleError, match="目标数据库不是空的"):
        restore_backup(out, user=system_user(), progress=quiet(), database=target)
    assert databases.count_rows(databases.wrapper_for(target)) == rows and not settings.MEDIA_ROOT.exists()

    settings.FIELD_ENCRYPTION_MASTER_KEY = b"another-installation-key-32bytes"
    with pytest.raises(RuleError, match="字段加密密钥与备份时的不同"):
        restore_backup(
            out, user=system_user(), progress=quiet(), database={**connection.settings_dict, "NAME": "unused"}
        )


@pytest.mark.django_db(transaction=True)
def test_a_manifest_cannot_send_a_file_outside_the_media_folder(filled, tmp_path, target):
    out = tmp_path / "backup"
    made = make_backup(out, user=system_user(), progress=quiet())
    made.data["files"][0]["path"] = "../../outside.png"
    made.write(out)
    with pytest.raises(RuleError, match="文件路径不合法：../../outside.png"):
        restore_backup(out, user=system_user(), progress=quiet(), database=target)
    assert not (tmp_path / "outside.png").exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_another_engine_is_refused(filled, tmp_path, target):
    out = tmp_path / "backup"
    made = make_backup(out, user=system_user(), progress=quiet())
    made.data["database"]["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    made.write(out)
    with pytest.raises(RuleError, match="不能跨数据库恢复"):
        restore_backup(out, user=system_user(), progress=quiet(), database=target)
    assert databases.is_empty(target)


def test_a_backup_is_never_taken_inside_a_transaction(filled, tmp_path):
    with pytest.raises(RuleError, match="不能在事务中"):  # the test's own transaction is open
        make_backup(tmp_path / "a", user=system_user(), progress=quiet())
    assert not (tmp_path / "a").exists()


@pytest.mark.django_db(transaction=True)
def test_only_the_system_backs_up_and_never_into_a_used_folder(filled, users, tmp_path, monkeypatch):
    with pytest.raises(RuleError, match="只能由系统"):
        make_backup(tmp_path / "a", user=users["sysadmin"], progress=quiet())
    assert not (tmp_path / "a").exists()
    used = tmp_path / "used"
    used.mkdir()
    (used / "keep.txt").write_text("mine")
    with pytest.raises(RuleError, match="不是空目录"):
        make_backup(used, user=system_user(), progress=quiet())
    assert [path.name for path in used.iterdir()] == ["keep.txt"]

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr("shuangyong.backup.files.copy_out", broken)
    with pytest.raises(OSError):
        make_backup(tmp_path / "b", user=system_user(), progress=quiet())
    assert not (tmp_path / "b").exists()  # a failed backup leaves nothing behind
    assert not AuditEntry.objects.filter(action=AuditAction.BACKUP).exists()


@pytest.mark.django_db(transaction=True)
def test_the_commands_print_json_and_restore_a_new_installation(filled, tmp_path, target, capsys):
    out = tmp_path / "backup"
    call_command("backup", out=str(out), json=True)
    printed = json.loads(capsys.readouterr().out)
    assert printed["out"] == str(out) and printed["engine"] == connection.vendor
    assert (
        printed["tables"] == len(manifest.read(out).tables) and printed["files"] == 3
    )  # the photo, its thumbnail, the minutes
    entry = AuditEntry.objects.get(action=AuditAction.BACKUP)
    assert entry.source.startswith("命令行") and entry.actor == system_user()
    with pytest.raises(CommandError, match="SQLite 只能恢复到数据库文件|目标数据库不是空的"):
        call_command("restore", str(out))  # into the suite's own database

    restored = restore_in_a_new_installation(out, target, tmp_path / "var")
    assert json.loads(restored.stdout) == {"restored": str(out), **manifest.read(out).summary()}
    wrapper = databases.wrapper_for(target)
    with wrapper.cursor() as cursor:  # the restored installation's first entry names the restore, by the system
        cursor.execute(
            "SELECT u.username, a.note FROM audit_auditentry a JOIN accounts_user u ON u.id = a.actor_id"
            " WHERE a.action = 'restore'"
        )
        assert cursor.fetchall() == [
            (
                SYSTEM_USERNAME,
                f"自 {manifest.read(out).data['created_at']} 的备份恢复："
                f"{printed['tables']} 张表 {printed['rows']} 行，3 个文件",
            )
        ]
    wrapper.close()


def restore_in_a_new_installation(out: Path, target: dict, var: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    environment.update(SECRET_KEY="restore-test", DEBUG="true", SHUANGYONG_VAR_DIR=str(var))
    environment["FIELD_ENCRYPTION_KEY"] = base64.urlsafe_b64encode(settings.FIELD_ENCRYPTION_MASTER_KEY).decode()
    if connection.vendor == "postgresql":
        environment["DATABASE_URL"] = (
            f"postgres://{target['USER']}@{target['HOST'] or '127.0.0.1'}:{target['PORT'] or 5432}/{target['NAME']}"
        )
    else:
        var.mkdir(parents=True)
        target["NAME"] = str(var / "shuangyong.sqlite3")  # where settings.py puts it
    result = subprocess.run(
        [sys.executable, "-m", "shuangyong", "restore", str(out), "--json"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result
