from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "shuangyong.assessment"
    verbose_name = "考评与目标"

    def ready(self):
        from shuangyong.assessment import plan_import
        from shuangyong.sheets.uploads import SheetUpload, register_upload

        register_upload(
            SheetUpload(
                name="plan",
                label="工作计划",
                importer=plan_import.import_plan,
                headers=plan_import.header_table,
                template_keys=plan_import.TEMPLATE,
                required=plan_import.REQUIRED,
                options=("year",),
                back="assessment:plan",
                notes="每行一项计划事项。年度填计划所属年度（如编制明年计划填明年）。工作领域如拥军优属、优抚保障、征兵工作；"
                "牵头单位填成员单位名称或简称；完成时限填月份，如 2027年6月。",
            )
        )
