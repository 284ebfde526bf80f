from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "shuangyong.care"
    verbose_name = "优待服务与关爱"
