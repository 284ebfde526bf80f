from django.apps import AppConfig


class CreationConfig(AppConfig):
    name = "shuangyong.creation"
    verbose_name = "双拥模范城（县）创建"
