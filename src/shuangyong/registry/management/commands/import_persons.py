from shuangyong.accounts.system import system_user
from shuangyong.registry.importing.service import import_persons
from shuangyong.sheets.command import SheetImportCommand


class Command(SheetImportCommand):
    help = "导入优抚对象花名册（.xlsx/.xls/.csv）：逐行校验，有任何错误则不写入；重复导入不产生变化"
    file_help = "花名册文件"

    def add_scope_arguments(self, parser):
        super().add_scope_arguments(parser)
        parser.add_argument(
            "--default-category",
            metavar="CODE",
            help="类别列为空或表中没有类别列时采用的优抚类别代码（如伤残人员名册用 11）",
        )

    def run_import(self, path, *, dry_run, options, region):
        return import_persons(
            path,
            region=region,
            dry_run=dry_run,
            user=system_user(),
            default_category=options["default_category"],
            progress=self.progress,
        )
