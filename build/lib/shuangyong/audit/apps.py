from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "shuangyong.audit"
    verbose_name = "审计日志"
