from django.apps import AppConfig


class PartitionsConfig(AppConfig):
    name = "shuangyong.partitions"
    verbose_name = "分区表"
