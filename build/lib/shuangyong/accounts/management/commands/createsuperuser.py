from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    """Replaces Django's createsuperuser: a superuser has every right at once, which 三员分立 forbids."""

    help = "已停用：请使用 shuangyong create-admin"

    def add_arguments(self, parser):
        parser.add_argument("args", nargs="*")
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument("--database")

    def handle(self, *args, **options):
        raise CommandError(
            "本系统不设超级用户（三员分立）。请用 shuangyong create-admin --username 用户名 "
            "--role secadmin|sysadmin|auditadmin 创建管理员，再由安全管理员创建其他账户。"
        )
