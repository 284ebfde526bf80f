from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class FiguresConfig(AppConfig):
    name = "shuangyong.figures"
    verbose_name = "统计指标"

    def ready(self):
        # each domain app declares the figures it counts in its figures.py (catalogue.register)
        autodiscover_modules("figures")
