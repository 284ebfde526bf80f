import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.conscription.importing import ImportFileError, import_members
from shuangyong.regions.services import RegionNotFound, resolve_region
from shuangyong.registry.importing.reader import ReadError


class Command(BaseCommand):
    help = "导入现役军人花名册（含家属、优待金领取人）：逐行校验，有任何错误则不写入；重复导入不产生变化"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--region", required=True, help="区划代码（12 位，或 6 位县、9 位乡镇简码）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        try:
            region = resolve_region(options["region"])
        except RegionNotFound as exc:
            raise CommandError(str(exc)) from None
        with acting_as(None, command_line_source()):
            try:
                result = import_members(path, region=region, dry_run=options["dry_run"])
            except (ImportFileError, ReadError) as exc:
                raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            result.write_report(self, dry_run=options["dry_run"])
        if result.errors:
            raise SystemExit(1)
