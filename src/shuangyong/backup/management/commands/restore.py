import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.accounts.system import SYSTEM_USERNAME
from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.backup.services import record_restore, restore_backup
from shuangyong.errors import RuleError
from shuangyong.terminal import TerminalProgress


class Command(BaseCommand):
    help = "从 shuangyong backup 的备份目录恢复到空的安装：先校验清单中每个文件，恢复后核对每张表的行数"
    requires_system_checks: list = []  # the database is empty until the restore has run

    def add_arguments(self, parser):
        parser.add_argument("directory", help="备份目录")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        progress = TerminalProgress(self.stderr)
        with acting_as(None, command_line_source()):
            try:
                # the database is empty until restored, so the system actor cannot be read from it yet
                system = User(username=SYSTEM_USERNAME, role=Role.SYSTEM)
                result = restore_backup(directory, user=system, progress=progress)
            except RuleError as exc:
                raise CommandError(str(exc)) from None
            finally:
                progress.finish()
            record_restore(result, directory)
        summary = {"restored": str(directory), **result.summary()}
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            self.stdout.write(
                f"已从 {directory} 恢复：{summary['tables']} 张表 {summary['rows']} 行，"
                f"{summary['files']} 个文件，均与清单一致"
            )
