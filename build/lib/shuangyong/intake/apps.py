from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "shuangyong.intake"
    verbose_name = "总结识读"
