from django import forms


class RegionImportForm(forms.Form):
    file = forms.FileField(label="CSV 文件", help_text="列：code,name,parent_code（UTF-8）；代码可写 12 位或简码")
    dry_run = forms.BooleanField(label="只校验，不写入", required=False)

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("请上传 .csv 文件")
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("文件超过 5 MB")
        try:
            self._text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("文件不是 UTF-8 编码") from None
        return upload

    def text(self) -> str:
        return self._text
