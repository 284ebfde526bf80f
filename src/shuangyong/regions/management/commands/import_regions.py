import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.regions.services import RegionError, import_regions_csv, load_national_table


class Command(BaseCommand):
    help = "导入区划：CSV 列 code,name,parent_code（按代码新增或更新）；--national 载入内置的全国区划表（至县级）"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="CSV 文件（UTF-8）")
        parser.add_argument("--national", action="store_true", help="载入内置的全国省、市、县三级区划表")
        parser.add_argument("--dry-run", action="store_true", help="只校验并报告，不写入")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        if bool(options["file"]) == bool(options["national"]):
            raise CommandError("请给出一个 CSV 文件，或使用 --national（二者选一）")
        with acting_as(None, command_line_source()):
            if options["national"]:
                report = load_national_table()
            else:
                path = Path(options["file"])
                if not path.exists():
                    raise CommandError(f"文件不存在：{path}")
                try:
                    report = import_regions_csv(path.read_text(encoding="utf-8-sig"), dry_run=options["dry_run"])
                except (RegionError, UnicodeDecodeError) as exc:
                    raise CommandError(f"无法读取 {path}：{exc}") from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            for error in report.errors:
                self.stderr.write(f"第 {error['row']} 行 {error['column']}：{error['message']}")
            prefix = "（试运行，未写入）" if options["dry_run"] else ""
            counts = f"新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}"
            self.stdout.write(f"{prefix}{counts}，错误 {len(report.errors)}")
        if report.errors:
            raise SystemExit(1)
