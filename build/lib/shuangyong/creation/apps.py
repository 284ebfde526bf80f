from django.apps import AppConfig


class CreationConfig(AppConfig):
    name = "shuangyong.creation"
    verbose_name = "双拥模范城（县）创建"

    def ready(self):
        from django import forms

        from shuangyong.accounts.roles import Role
        from shuangyong.creation import rubric_sheet
        from shuangyong.creation.models import Rubric
        from shuangyong.sheets.uploads import SheetUpload, register_upload

        def rubric_field(user) -> dict:
            return {"rubric": forms.ModelChoiceField(Rubric.objects.order_by("code"), label="导入到考评标准")}

        register_upload(
            SheetUpload(
                name="rubric",
                label="考评标准（考评细则）",
                importer=rubric_sheet.import_rubric,
                headers=rubric_sheet.header_table,
                template_keys=rubric_sheet.TEMPLATE,
                required=rubric_sheet.REQUIRED,
                back="creation:index",
                notes="每行一项考评内容，序号全表连续编号。考评项目写作“组织领导坚强有力（6分）”；评分方式填自动或人工；"
                "自动评分的在统计指标列写“指标代码=指标值:得分”，多个用分号分隔，如 leadership.meetings.group=1:0.5。",
                roles=frozenset({Role.COUNTY_ADMIN}),
                fields=rubric_field,
            )
        )
