from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from shuangyong.audit.roles import app_role_sql


class Command(BaseCommand):
    help = (
        "PostgreSQL：授予应用运行账户（ROLE）读写业务表的权限，但对审计表只能查询和追加，"
        "不能修改、删除、TRUNCATE 或停用触发器。以数据库所有者身份在每次 migrate 之后运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="应用运行时使用的数据库账户，如 shuangyong_app")
        parser.add_argument("--print", action="store_true", help="只打印 SQL，不执行")

    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("只适用于 PostgreSQL（SQLite 没有数据库账户）")
        statements = app_role_sql(role, connection.settings_dict["NAME"])
        if options["print"]:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"已授权 {role}：业务表可读写，审计表只可查询和追加")
