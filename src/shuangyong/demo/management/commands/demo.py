from django.core.management.base import BaseCommand, CommandError

from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.demo.services import DemoError, build_demo, login_table


class Command(BaseCommand):
    help = "建立演示县（福建省罗源县）：区划、单位和各角色的演示账号，并打印登录信息；可重复运行"

    def handle(self, *args, **options):
        with acting_as(None, command_line_source()):
            try:
                result = build_demo()
            except DemoError as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(f"演示县已就绪：罗源县（{result['county']}）")
        self.stdout.write("演示账号（用户名 / 密码 / 角色 / 范围）：")
        for username, password, role, scope in login_table(result["users"]):
            self.stdout.write(f"  {username:<12} {password:<10} {role:<14} {scope}")
        self.stdout.write("启动（bin/start 或 shuangyong serve，其显示本系统的网址）后用浏览器打开该网址登录。")
        self.stdout.write("县双拥办管理员（可审批发放）和三名管理员首次登录时，须用手机验证器应用绑定动态验证码。")
