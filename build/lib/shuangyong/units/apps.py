from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "shuangyong.units"
    verbose_name = "单位"
