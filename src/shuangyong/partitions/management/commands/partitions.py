import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from shuangyong.partitions.sql import ensure_years


class Command(BaseCommand):
    help = (
        "PostgreSQL：为按年分区的表（发放明细、审计记录）提前建好今年及以后各年的分区，"
        "并把落入默认分区的行移入其年份分区；可重复运行。SQLite 不分区，无事可做"
    )

    def add_arguments(self, parser):
        parser.add_argument("--ahead", type=int, default=1, help="提前建几年（默认 1：今年和明年）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        if not 0 <= options["ahead"] <= 10:
            raise CommandError(f"--ahead {options['ahead']} 无效：应为 0 到 10")
        tables = ensure_years(connection, ahead=options["ahead"])
        if options["json"]:
            self.stdout.write(json.dumps({"tables": [asdict(t) for t in tables]}, ensure_ascii=False))
            return
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite 数据库不分区，无需建分区")
        for t in tables:
            created = "、".join(t.created) if t.created else "无"
            self.stdout.write(
                f"{t.table}（按 {t.column}）：{len(t.partitions)} 个分区，新建 {created}，"
                f"移出默认分区 {t.moved_rows} 行，默认分区余 {t.default_rows} 行"
            )
