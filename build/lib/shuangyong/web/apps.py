from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "shuangyong.web"
    verbose_name = "界面"
