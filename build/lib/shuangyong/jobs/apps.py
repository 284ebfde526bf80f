from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "shuangyong.jobs"
    verbose_name = "后台任务"
