from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "shuangyong.api"
    verbose_name = "接口"
