from django.core.management.base import CommandError

from shuangyong.accounts.system import system_user
from shuangyong.activities.importing import import_activities
from shuangyong.sheets.command import SheetImportCommand
from shuangyong.units.models import Unit


class Command(SheetImportCommand):
    help = "导入双拥活动清单（.xlsx/.xls/.csv）：逐行校验，有任何错误则不写入；重复导入不产生变化"
    file_help = "活动清单文件"

    def add_scope_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="组织单位的单位代码（成员单位）")

    def scope(self, options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"没有单位代码为“{options['unit']}”的单位")
        return {"unit": unit}

    def run_import(self, path, *, dry_run, options, unit):
        return import_activities(path, unit=unit, dry_run=dry_run, user=system_user())
