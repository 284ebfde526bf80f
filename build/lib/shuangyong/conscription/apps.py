from django.apps import AppConfig


class ConscriptionConfig(AppConfig):
    name = "shuangyong.conscription"
    verbose_name = "征兵与优待"

    def ready(self):
        from shuangyong.conscription import importing
        from shuangyong.sheets.uploads import SheetUpload, register_upload

        register_upload(
            SheetUpload(
                name="recruits",
                label="应征公民花名册",
                importer=importing.import_recruits,
                headers=importing.header_table,
                template_keys=importing.RECRUIT_TEMPLATE,
                required=importing.RECRUIT_REQUIRED,
                options=("year", "season"),
                back="conscription:index",
            )
        )
        register_upload(
            SheetUpload(
                name="servicemembers",
                label="现役军人名册",
                importer=importing.import_members,
                headers=importing.header_table,
                template_keys=importing.MEMBER_TEMPLATE,
                required=importing.MEMBER_REQUIRED,
                back="conscription:members",
                notes="有家属的，在同一行填写家属姓名、身份证号、与军人关系和银行账号：家属登记为军人家属并领取优待金。",
            )
        )
