from django.apps import AppConfig


class ResettlementConfig(AppConfig):
    name = "shuangyong.resettlement"
    verbose_name = "退役士兵安置"
