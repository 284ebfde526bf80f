"""The shape every sheet import command shares (import-persons, import-standards, import-recruits,
import-servicemembers, import-arrivals, import-activities): FILE, the command's own scope options, --dry-run and
--json; the result is an ImportCounts printed as a report or as the JSON of the README, and the exit status is 1
when a row is wrong."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.regions.services import RegionNotFound, resolve_region
from shuangyong.sheets.problems import ImportCounts, SheetError
from shuangyong.sheets.reader import ReadError
from shuangyong.terminal import TerminalProgress

REGION_HELP = "导入范围的区划代码（12 位，或 6 位县、9 位乡镇简码）"


class SheetImportCommand(BaseCommand):
    file_help = "要导入的文件（.xlsx/.xls/.csv）"
    file_optional = False  # a command with a shipped default file (import-standards --national)

    def add_arguments(self, parser):
        if self.file_optional:
            parser.add_argument("file", nargs="?", help=self.file_help)
        else:
            parser.add_argument("file", help=self.file_help)
        self.add_scope_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def add_scope_arguments(self, parser) -> None:
        parser.add_argument("--region", required=True, help=REGION_HELP)

    def scope(self, options) -> dict:
        """The keyword arguments naming where the rows go (by default the region of --region)."""
        try:
            return {"region": resolve_region(options["region"])}
        except RegionNotFound as exc:
            raise CommandError(str(exc)) from None

    def run_import(self, path: Path | None, *, dry_run: bool, options: dict, **scope) -> ImportCounts:
        raise NotImplementedError

    def handle(self, *args, **options):
        path = Path(options["file"]) if options["file"] else None
        if path is not None and not path.exists():
            raise CommandError(f"文件不存在：{path}")
        scope = self.scope(options)
        self.progress = TerminalProgress(self.stderr)  # an importer that reports progress is given it
        with acting_as(None, command_line_source()):
            try:
                result = self.run_import(path, dry_run=options["dry_run"], options=options, **scope)
            except (SheetError, ReadError) as exc:
                raise CommandError(str(exc)) from None
            finally:
                self.progress.finish()
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            result.write_report(self, dry_run=options["dry_run"])
        if result.errors:
            raise SystemExit(1)
