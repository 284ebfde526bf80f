from django import forms


class SettingForm(forms.Form):
    """One local rule for a place, from a date."""

    key = forms.ChoiceField(label="设置项")
    region = forms.ChoiceField(label="适用区划（及以下）")
    value = forms.CharField(label="取值", max_length=60, help_text="是/否、按月/按季/按年、月-日（如 06-30）或整数")
    valid_from = forms.DateField(label="生效日期", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明（依据）", max_length=200, required=False)

    def __init__(self, *args, regions, **kwargs):
        from shuangyong.regions.local_settings import SPECS

        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(spec.key, spec.label) for spec in SPECS.values()]
        self.fields["region"].choices = [(r.code, f"{r.code} {r.name}") for r in regions]


class SettingImportForm(forms.Form):
    file = forms.FileField(label="设置表（CSV）", help_text="列：区划代码,设置项,取值,生效日期,说明（UTF-8 或 GBK）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv") or upload.size > 1024 * 1024:
            raise forms.ValidationError("请上传 1 MB 以内的 .csv 文件")
        raw = upload.read()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                self._text = raw.decode(encoding)
                return upload
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError("文件编码无法识别（请用 UTF-8 或 GBK）")

    def text(self) -> str:
        return self._text
