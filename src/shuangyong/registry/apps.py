from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "shuangyong.registry"
    verbose_name = "优抚对象"
