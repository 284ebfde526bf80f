import json

from django.core.management.base import BaseCommand

from shuangyong.audit.chain import verify
from shuangyong.audit.context import command_line_source


class Command(BaseCommand):
    help = "校验审计日志的哈希链：重新计算每条记录的哈希，指出第一处被修改、删除或插入的记录；链断裂时退出码为 1"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        outcome = verify(source=command_line_source())
        report = {
            "ok": outcome.ok,
            "entries": outcome.entries,
            "last_seq": outcome.last_seq,
            "last_hash": outcome.last_hash,
            "unsealed": outcome.unsealed,
            "first_broken": outcome.first_broken,
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        elif outcome.ok:
            self.stdout.write(f"审计链完整：共 {outcome.entries} 条，链尾 {outcome.last_seq} {outcome.last_hash[:16]}…")
        else:
            broken = outcome.first_broken
            where = f"链序号 {broken['seq']}" if broken.get("seq") else "链外"
            self.stdout.write(f"审计链断裂：{where}，审计记录 {broken.get('entry')}：{broken['reason']}")
        if not outcome.ok:
            raise SystemExit(1)
