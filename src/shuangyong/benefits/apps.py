from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    name = "shuangyong.benefits"
    verbose_name = "待遇发放"
