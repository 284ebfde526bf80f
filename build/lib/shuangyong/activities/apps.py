from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "shuangyong.activities"
    verbose_name = "双拥活动"

    def ready(self):
        from django import forms

        from shuangyong.accounts.roles import REGION_ROLES, UNIT_ROLES
        from shuangyong.activities import importing
        from shuangyong.activities.forms import units_of
        from shuangyong.sheets.uploads import SheetUpload, register_upload
        from shuangyong.units.models import UnitKind

        def organiser(user) -> dict:
            if user.role in UNIT_ROLES:  # their own unit, always
                return {}
            units = units_of(user, UnitKind.MEMBER)
            return {"unit": forms.ModelChoiceField(units, label="组织单位", required=False, empty_label="（本级）")}

        register_upload(
            SheetUpload(
                name="activities",
                label="双拥活动清单",
                importer=importing.import_uploaded_activities,
                headers=importing.template_headers,
                template_keys=importing.TEMPLATE,
                required=importing.REQUIRED,
                back="activities:index",
                notes="每行一项活动。活动类别如慰问、座谈会、宣传、抢险救灾；时机如八一、春节；共建单位多个用顿号分隔。"
                "以计量项目命名的列填数量，如“宣传材料（份）”“展牌（块）”“出动兵力（人次）”。",
                roles=REGION_ROLES | UNIT_ROLES,
                fields=organiser,
            )
        )
