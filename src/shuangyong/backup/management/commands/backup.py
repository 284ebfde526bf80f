import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.accounts.system import system_user
from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.backup.services import make_backup
from shuangyong.errors import RuleError
from shuangyong.terminal import TerminalProgress


class Command(BaseCommand):
    help = (
        "备份整个系统：数据库（SQLite 在线备份 / PostgreSQL pg_dump）、档案与报表文件，"
        "以及记录行数和校验值的 manifest.json"
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="备份目录（新目录或空目录）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        out_dir = Path(options["out"])
        progress = TerminalProgress(self.stderr)
        with acting_as(None, command_line_source()):
            try:
                result = make_backup(out_dir, user=system_user(), progress=progress)
            except RuleError as exc:
                raise CommandError(str(exc)) from None
            finally:
                progress.finish()
        summary = {"out": str(out_dir), **result.summary()}
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            self.stdout.write(
                f"已备份到 {out_dir}：{summary['tables']} 张表 {summary['rows']} 行，{summary['files']} 个文件，"
                f"共 {summary['bytes']} 字节"
            )
            if result.data["archive_elsewhere"]:
                self.stdout.write(f"注意：档案文件存放在 {result.data['archive_elsewhere']}，须由该存储自行备份")
