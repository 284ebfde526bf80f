from django import forms

from shuangyong.accounts.scope import writable
from shuangyong.units.models import Unit


class UploadForm(forms.Form):
    file = forms.FileField(label="总结文件（.docx 或 .txt）")
    year = forms.IntegerField(
        label="年度", required=False, min_value=1949, max_value=2100, help_text="留空则按文中识别"
    )
    unit = forms.ModelChoiceField(label="报送单位", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = writable(user, Unit.objects.filter(is_active=True)).order_by("code")
        self.fields["unit"].empty_label = "（本区划，不指定单位）"


class DetailsForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=1949, max_value=2100)
    unit = forms.ModelChoiceField(label="报送单位", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = writable(user, Unit.objects.filter(is_active=True)).order_by("code")
        self.fields["unit"].empty_label = "（本区划，不指定单位）"
