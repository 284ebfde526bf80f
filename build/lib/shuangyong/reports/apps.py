from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "shuangyong.reports"
    verbose_name = "统计报表"
