from shuangyong.accounts.system import system_user
from shuangyong.conscription.importing import import_members
from shuangyong.sheets.command import SheetImportCommand


class Command(SheetImportCommand):
    help = "导入现役军人花名册（含家属、优待金领取人）：逐行校验，有任何错误则不写入；重复导入不产生变化"
    file_help = "现役军人花名册文件"

    def run_import(self, path, *, dry_run, options, region):
        return import_members(path, region=region, dry_run=dry_run, user=system_user())
