import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from shuangyong.figures import catalogue
from shuangyong.reports.scopes import add_scope_arguments, scope_from
from shuangyong.reports.summary.generate import SummaryError, generate_summary


class Command(BaseCommand):
    help = "列出某年某范围的全部统计指标：代码、名称、数值、单位、总结章节、是否写入年度总结"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="年度")
        add_scope_arguments(parser)
        parser.add_argument(
            "--json",
            action="store_true",
            help="以 JSON 输出（每项：key, label, value, unit, section, said_in_summary）",
        )

    def handle(self, *args, **options):
        scope = scope_from(options)
        try:
            with catalogue.memo():
                said = set(generate_summary(scope).figures)
                rows = [
                    _row(figure, figure.value(scope), said)
                    for figure in catalogue.figures()
                    if figure.applies_to(scope)
                ]
        except SummaryError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            value = "—" if row["value"] is None else f"{row['value']}{row['unit']}"
            said_mark = "已写入" if row["said_in_summary"] else ""
            line = f"{row['key']}\t{row['label']}\t{value}\t{catalogue.SECTIONS[row['section']]}\t{said_mark}"
            self.stdout.write(line)


def _row(figure, value, said: set[str]) -> dict:
    return {
        "key": figure.key,
        "label": figure.label,
        "value": float(value) if isinstance(value, Decimal) else value,
        "unit": figure.unit,
        "section": figure.section,
        "said_in_summary": figure.key in said,
    }
