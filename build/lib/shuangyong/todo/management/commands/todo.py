"""`shuangyong todo --user USERNAME [--json]`: the user's to-do list, for a daily digest (README)."""

import json

from django.core.management.base import BaseCommand, CommandError

from shuangyong.accounts.models import User
from shuangyong.todo.registry import todos_for


class Command(BaseCommand):
    help = "列出用户的待办事项（数量、时限、链接）；--json 输出 JSON，供每日提醒使用"

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="用户名")
        parser.add_argument("--json", action="store_true", help='输出 JSON：[{"kind", "label", "count", "due", "url"}]')

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"没有名为“{options['user']}”的在用账户")
        items = todos_for(user)
        if options["json"]:
            self.stdout.write(json.dumps([t.as_json() for t in items], ensure_ascii=False, indent=2))
            return
        if not items:
            self.stdout.write("没有待办事项")
        for t in items:
            due = f"（时限 {t.due:%Y-%m-%d}）" if t.due else ""
            count = f"：{t.count}" if t.count else ""
            self.stdout.write(f"{t.label}{count}{due}  {t.url}")
