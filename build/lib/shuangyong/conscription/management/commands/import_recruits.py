from shuangyong.accounts.system import system_user
from shuangyong.conscription.choices import Season
from shuangyong.conscription.importing import import_recruits
from shuangyong.sheets.command import SheetImportCommand


class Command(SheetImportCommand):
    help = "导入应征公民花名册（.xlsx/.xls/.csv）：逐行校验，有任何错误则不写入；重复导入不产生变化"
    file_help = "应征公民花名册文件"

    def add_scope_arguments(self, parser):
        super().add_scope_arguments(parser)
        parser.add_argument("--year", type=int, required=True, help="征兵年度")
        parser.add_argument("--campaign", required=True, choices=Season.values, help="spring 春季 / autumn 秋季")

    def run_import(self, path, *, dry_run, options, region):
        return import_recruits(
            path, region=region, year=options["year"], season=options["campaign"], dry_run=dry_run, user=system_user()
        )
