from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "shuangyong.activities"
    verbose_name = "双拥活动"
