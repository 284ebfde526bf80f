from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ReportsConfig(AppConfig):
    name = "shuangyong.reports"
    verbose_name = "统计报表"

    def ready(self):
        # each domain app declares the figures it offers to the summary in its figures.py (catalogue.register)
        autodiscover_modules("figures")
