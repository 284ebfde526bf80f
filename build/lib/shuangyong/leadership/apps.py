from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "shuangyong.leadership"
    verbose_name = "双拥领导小组"
