import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.accounts.roles import GLOBAL_ROLES
from shuangyong.accounts.services import AccountError, create_admin_account
from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.regions.services import RegionNotFound, resolve_region


class Command(BaseCommand):
    help = "创建系统管理员、安全管理员或审计管理员账户（新安装系统的首批账户）"

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True, help="用户名")
        parser.add_argument("--role", required=True, choices=sorted(GLOBAL_ROLES), help="角色")
        parser.add_argument("--region", help="区划代码（可选）：该管理员所服务的区划")
        parser.add_argument("--password-file", help="从文件第一行读取密码；不给出则提示输入")

    def handle(self, *args, username, role, region, password_file, **options):
        password = self._password(password_file)
        try:
            place = resolve_region(region) if region else None
        except RegionNotFound as exc:
            raise CommandError(str(exc)) from None
        with acting_as(source=command_line_source()):
            try:
                user = create_admin_account(username=username, role=role, password=password, region=place)
            except AccountError as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(f"已创建 {user.get_role_display()} {user.username}")

    def _password(self, path: str | None) -> str:
        if path:
            try:
                lines = Path(path).read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise CommandError(f"无法读取密码文件 {path}：{exc.strerror}") from None
            if not lines or not lines[0]:
                raise CommandError(f"密码文件 {path} 的第一行为空")
            return lines[0]
        first = getpass.getpass("密码：")
        if first != getpass.getpass("再次输入密码："):
            raise CommandError("两次输入的密码不一致")
        return first
