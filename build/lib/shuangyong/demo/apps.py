from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "shuangyong.demo"
    verbose_name = "演示数据"
