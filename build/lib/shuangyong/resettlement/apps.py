from django.apps import AppConfig


class ResettlementConfig(AppConfig):
    name = "shuangyong.resettlement"
    verbose_name = "退役士兵安置"

    def ready(self):
        from shuangyong.resettlement import importing
        from shuangyong.sheets.uploads import SheetUpload, register_upload

        register_upload(
            SheetUpload(
                name="arrivals",
                label="退役士兵接收名册",
                importer=importing.import_arrivals,
                headers=importing.header_table,
                template_keys=importing.TEMPLATE,
                required=importing.REQUIRED,
                options=("year",),
                back="resettlement:index",
            )
        )
