from django.core.management.base import CommandError

from shuangyong.regions.services import load_national_table
from shuangyong.sheets.command import SheetImportCommand
from shuangyong.sheets.problems import ImportCounts
from shuangyong.sheets.regions import import_regions_file


class Command(SheetImportCommand):
    help = (
        "导入区划（.csv/.xlsx/.xls，列 code 区划代码、name 名称、parent_code 上级代码；按代码新增或更新）；"
        "--national 载入内置的全国区划表（至县级）"
    )
    file_help = "区划表文件"
    file_optional = True

    def add_scope_arguments(self, parser):
        parser.add_argument("--national", action="store_true", help="载入内置的全国省、市、县三级区划表")

    def scope(self, options) -> dict:
        if bool(options["file"]) == bool(options["national"]):
            raise CommandError("请给出一个区划表文件，或使用 --national（二者选一）")
        return {}

    def run_import(self, path, *, dry_run, options, **scope):
        if options["national"]:
            created, unchanged = load_national_table()
            return ImportCounts(created=created, unchanged=unchanged)
        return import_regions_file(path, dry_run=dry_run)
