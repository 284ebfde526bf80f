import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.activities.importing import ImportFileError, import_activities
from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.registry.importing.reader import ReadError
from shuangyong.units.models import Unit


class Command(BaseCommand):
    help = "导入双拥活动清单（.xlsx/.xls/.csv）：逐行校验，有任何错误则不写入；重复导入不产生变化"

    def add_arguments(self, parser):
        parser.add_argument("file", help="活动清单文件")
        parser.add_argument("--unit", required=True, help="组织单位的单位代码（成员单位）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"没有单位代码为“{options['unit']}”的单位")
        with acting_as(None, command_line_source()):
            try:
                result = import_activities(path, unit=unit, dry_run=options["dry_run"])
            except (ImportFileError, ReadError) as exc:
                raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            result.write_report(self, dry_run=options["dry_run"])
        if result.errors:
            raise SystemExit(1)
