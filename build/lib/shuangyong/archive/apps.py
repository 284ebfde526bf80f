from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "shuangyong.archive"
    verbose_name = "双拥资料档案"
