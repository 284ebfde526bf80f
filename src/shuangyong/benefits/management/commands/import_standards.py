import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.benefits.services.standards_import import import_standards, load_national_standards


class Command(BaseCommand):
    help = (
        "导入抚恤补助标准（.csv/.xlsx）：逐行校验，有任何错误则不写入；重复导入不产生变化；"
        "--national 载入内置的全国标准表"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="标准表文件（.csv 或 .xlsx）")
        parser.add_argument(
            "--national",
            action="store_true",
            help="作为全国标准载入（不给文件则载入内置的全国标准表）：每行须注明来源文件，推算或本地录入的行不予载入",
        )
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        if not options["file"] and not options["national"]:
            raise CommandError("请给出一个标准表文件，或使用 --national 载入内置的全国标准表")
        path = Path(options["file"]) if options["file"] else None
        if path is not None and not path.exists():
            raise CommandError(f"文件不存在：{path}")
        with acting_as(None, command_line_source()):
            if options["national"]:
                result = load_national_standards(path, dry_run=options["dry_run"])
            else:
                result = import_standards(path, dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            result.write_report(self, dry_run=options["dry_run"])
        if result.errors:
            raise SystemExit(1)
