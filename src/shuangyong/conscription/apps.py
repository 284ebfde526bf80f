from django.apps import AppConfig


class ConscriptionConfig(AppConfig):
    name = "shuangyong.conscription"
    verbose_name = "征兵与优待"
