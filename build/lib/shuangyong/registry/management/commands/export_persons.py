from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.accounts.system import system_user
from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.regions.models import subtree_q
from shuangyong.regions.services import RegionNotFound, resolve_region
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Category, Person
from shuangyong.registry.services.export import export_roster


def category_codes(values: list[str]) -> list[str]:
    """Codes from codes or names, given repeated or comma-separated."""
    wanted = [v.strip() for value in values for v in value.split(",") if v.strip()]
    codes = []
    by_name = {c.name: c.code for c in Category.objects.all()}
    for item in wanted:
        if Category.objects.filter(code=item).exists():
            codes.append(item)
        elif item in by_name:
            codes.append(by_name[item])
        else:
            raise CommandError(f"优抚类别“{item}”不存在")
    return codes


class Command(BaseCommand):
    help = "导出优抚对象花名册（.xlsx），证件号与银行账号默认脱敏"

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="区划代码（12 位或简码）：导出该区划及以下")
        parser.add_argument("--category", action="append", default=[], help="优抚类别代码或名称，可重复或用逗号分隔")
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            choices=[s.value for s in Status],
            help="待遇状态，可重复；默认全部",
        )
        parser.add_argument("--out", required=True, help="输出文件 .xlsx")
        parser.add_argument("--full", action="store_true", help="不脱敏（完整证件号与账号；此操作记入审计）")

    def handle(self, *args, **options):
        try:
            region = resolve_region(options["region"])
        except RegionNotFound as exc:
            raise CommandError(str(exc)) from None
        codes = category_codes(options["category"])
        with acting_as(None, command_line_source()):
            count = export_roster(
                Person.objects.filter(subtree_q("region", region.code)),
                Path(options["out"]),
                title=f"{region.name}优抚对象花名册",
                full=options["full"],
                scope_code=region.code,
                category_codes=codes,
                statuses=options["status"],
                user=system_user(),
            )
        self.stdout.write(f"已导出 {count} 行到 {options['out']}")
