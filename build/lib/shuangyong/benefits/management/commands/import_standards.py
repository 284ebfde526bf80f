from django.core.management.base import CommandError

from shuangyong.accounts.system import system_user
from shuangyong.benefits.services.standards_import import import_standards, load_national_standards
from shuangyong.sheets.command import SheetImportCommand


class Command(SheetImportCommand):
    help = (
        "导入抚恤补助标准（.csv/.xlsx）：逐行校验，有任何错误则不写入；重复导入不产生变化；"
        "--national 载入内置的全国标准表"
    )
    file_help = "标准表文件（.csv 或 .xlsx）"
    file_optional = True

    def add_scope_arguments(self, parser) -> None:
        parser.add_argument(
            "--national",
            action="store_true",
            help="作为全国标准载入（不给文件则载入内置的全国标准表）：每行须注明来源文件，推算或本地录入的行不予载入",
        )

    def scope(self, options) -> dict:
        if not options["file"] and not options["national"]:
            raise CommandError("请给出一个标准表文件，或使用 --national 载入内置的全国标准表")
        return {}

    def run_import(self, path, *, dry_run: bool, options: dict, **scope):
        if options["national"]:
            return load_national_standards(path, dry_run=dry_run, user=system_user())
        return import_standards(path, dry_run=dry_run, user=system_user())
