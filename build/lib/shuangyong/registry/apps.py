from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "shuangyong.registry"
    verbose_name = "优抚对象"

    def ready(self):
        from django import forms

        from shuangyong.registry.importing.headers import roster_headers
        from shuangyong.registry.importing.service import import_persons
        from shuangyong.registry.models import Category
        from shuangyong.sheets.uploads import SheetUpload, register_upload

        def default_category(user) -> dict:
            categories = Category.objects.filter(is_active=True).order_by("code")
            field = forms.ModelChoiceField(
                categories,
                label="默认优抚类别",
                required=False,
                empty_label="（无：每行须填类别）",
                help_text="类别列为空或表中没有类别列时采用，如伤残人员名册选“残疾军人”",
            )
            return {"default_category": field}

        register_upload(
            SheetUpload(
                name="persons",
                label="优抚对象花名册",
                importer=import_persons,
                headers=roster_headers,
                template_keys=TEMPLATE,
                required=("name", "id_number", "category"),
                back="registry:list",
                notes="表格按办公室常用格式即可：标题行、合并单元格、“身份证号/公民身份号码”等表头写法、“1950.03”“1950年3月”"
                "等日期写法都能识别；乡镇、村（社区）也可写在一列“所属行政区划”或“户籍所在地”里。",
                fields=default_category,
                takes_progress=True,
            )
        )


# the blank roster's columns, in the order offices keep them
TEMPLATE = (
    "name",
    "id_number",
    "category",
    "sex",
    "birth_date",
    "ethnicity",
    "disability_grade",
    "disability_nature",
    "certificate_no",
    "hukou",
    "approval_date",
    "paid_through",
    "town",
    "village",
    "phone",
    "address",
    "bank_name",
    "bank_account",
    "note",
)
