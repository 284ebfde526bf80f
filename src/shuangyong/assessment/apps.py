from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "shuangyong.assessment"
    verbose_name = "考评与目标"
