from shuangyong.accounts.system import system_user
from shuangyong.resettlement.importing import import_arrivals
from shuangyong.sheets.command import SheetImportCommand


class Command(SheetImportCommand):
    help = "导入退役士兵花名册（.xlsx/.xls/.csv）：逐行校验，有任何错误则不写入；重复导入不产生变化"
    file_help = "退役士兵花名册文件"

    def add_scope_arguments(self, parser):
        super().add_scope_arguments(parser)
        parser.add_argument("--year", type=int, help="名册年度：到达日期须在该年内")

    def run_import(self, path, *, dry_run, options, region):
        return import_arrivals(path, region=region, year=options["year"], dry_run=dry_run, user=system_user())
