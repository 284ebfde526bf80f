from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "shuangyong.regions"
    verbose_name = "行政区划"
