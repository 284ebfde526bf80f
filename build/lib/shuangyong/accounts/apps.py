from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shuangyong.accounts"
    verbose_name = "用户与权限"
