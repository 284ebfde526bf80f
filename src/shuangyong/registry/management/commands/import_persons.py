from shuangyong.accounts.system import system_user
from shuangyong.registry.importing.service import import_persons
from shuangyong.sheets.command import SheetImportCommand


class Command(SheetImportCommand):
    help = "导入优抚对象花名册（.xlsx/.xls/.csv）：逐行校验，有任何错误则不写入；重复导入不产生变化"
    file_help = "花名册文件"

    def run_import(self, path, *, dry_run, options, region):
        return import_persons(path, region=region, dry_run=dry_run, user=system_user())
