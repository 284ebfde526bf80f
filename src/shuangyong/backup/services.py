"""Backup and restore of a whole installation: its database and its files, with a manifest of rows and hashes.

Only the system actor backs up or restores (the commands; the operator who runs them holds the machine). A
backup that fails leaves no folder behind; a restore checks the whole backup before it writes, writes into an
empty installation only, takes back what it wrote when the database refuses, and checks every table's rows after.
"""

import shutil
from importlib.metadata import version
from pathlib import Path

from django.db import connections
from django.utils import timezone

from shuangyong.accounts.system import is_system, system_user
from shuangyong.audit.context import actor_for
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record_event
from shuangyong.backup import databases, files, manifest
from shuangyong.backup.manifest import Manifest
from shuangyong.errors import RuleError
from shuangyong.fieldcrypt import keys


def _require_system(user) -> None:
    if not is_system(user):
        raise RuleError("备份与恢复只能由系统（命令行 shuangyong backup / restore）执行")


def make_backup(out_dir: Path, *, user, progress) -> Manifest:
    """Copy the database and the files into the new or empty folder `out_dir` with their manifest; `progress` (a
    terminal's, shuangyong.terminal, or a job's) hears each stage and counts the files."""
    _require_system(user)
    if connections["default"].in_atomic_block:
        # the copy must see committed rows only; SQLite's backup would wait for this very transaction forever
        raise RuleError("备份不能在事务中进行")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise RuleError(f"备份目录 {out_dir} 不是空目录：请给一个新目录")
    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        progress.note("复制数据库…")
        database_file, tables = databases.dump(out_dir)
        names = files.media_files()
        progress.note(f"数据库：{len(tables)} 张表 {sum(tables.values())} 行；复制文件 {len(names)} 个…")
        progress.set_total(len(names))
        entries = files.copy_out(names, out_dir, progress.advance)
        result = Manifest(
            {
                "format": manifest.FORMAT,
                "version": version("shuangyong"),
                "created_at": timezone.now().isoformat(timespec="seconds"),
                "key": keys().fingerprint(),
                "database": {
                    "engine": databases.engine_of(connections["default"].settings_dict),
                    "file": database_file,
                    "bytes": (out_dir / database_file).stat().st_size,
                    "sha256": files.sha256_of(out_dir / database_file),
                    "tables": tables,
                },
                "files": entries,
                "archive_elsewhere": files.archive_elsewhere(),
            }
        )
        result.write(out_dir)
    except BaseException:
        _remove_written(out_dir, created)
        raise
    summary = result.summary()
    with actor_for(user):
        record_event(
            AuditAction.BACKUP,
            model="system",
            object_repr=str(out_dir),
            note=f"{summary['tables']} 张表 {summary['rows']} 行，{summary['files']} 个文件",
        )
    return result


def _remove_written(out_dir: Path, created: bool) -> None:
    if created:
        shutil.rmtree(out_dir)
        return
    for path in out_dir.iterdir():  # the folder was given empty: leave it so
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def restore_backup(directory: Path, *, user, progress, database: dict | None = None) -> Manifest:
    """Restore into the empty database `database` names (the installation's own by default) and MEDIA_ROOT."""
    _require_system(user)
    target = database or connections["default"].settings_dict
    found = manifest.read(directory)
    progress.note("校验备份文件…")
    manifest.verify(found, directory)
    engine = databases.engine_of(target)
    if found.engine != engine:
        raise RuleError(f"备份来自 {found.engine} 数据库，本系统使用 {engine}：不能跨数据库恢复")
    if found.data["key"] != keys().fingerprint():
        raise RuleError("本系统的字段加密密钥与备份时的不同：恢复后证件号、账号和电话将无法解密。请先配置备份时的密钥")
    if not databases.is_empty(target):
        raise RuleError("目标数据库不是空的：只能恢复到新建的空数据库（不要先运行 migrate）")
    if files.files_present():
        raise RuleError("文件目录（MEDIA_ROOT）中已有文件：只能恢复到空的安装")
    progress.note(f"复制文件 {len(found.files)} 个…")
    written = files.copy_in(found.files, directory)
    try:
        progress.note(f"恢复数据库（{len(found.tables)} 张表）…")
        databases.load(target, directory / found.data["database"]["file"])
    except BaseException:
        files.remove(written)
        if engine == "sqlite":
            Path(target["NAME"]).unlink(missing_ok=True)
        raise
    progress.note("核对每张表的行数…")
    _check_rows(found, target)
    return found


def _check_rows(found: Manifest, target: dict) -> None:
    wrapper = databases.wrapper_for(target)
    try:
        restored = databases.count_rows(wrapper)
    finally:
        wrapper.close()
    wrong = [
        f"{table}（备份 {rows} 行，恢复 {restored.get(table, '无此表')}）"
        for table, rows in found.tables.items()
        if restored.get(table) != rows
    ]
    if wrong:
        raise RuleError("恢复后的行数与备份清单不符：" + "；".join(wrong[:5]))


def record_restore(found: Manifest, directory: Path) -> None:
    """The restored installation's first audit entry (written by the command, into the database just restored)."""
    summary = found.summary()
    with actor_for(system_user()):  # the restored database's own system account
        record_event(
            AuditAction.RESTORE,
            model="system",
            object_repr=str(directory),
            note=(
                f"自 {found.data['created_at']} 的备份恢复："
                f"{summary['tables']} 张表 {summary['rows']} 行，{summary['files']} 个文件"
            ),
        )
