from django import forms

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import PERSON_ROLES
from shuangyong.regions.models import Region
from shuangyong.regions.widgets import RegionSelect


class AccountForm(forms.ModelForm):
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput,
        required=False,
        help_text="新建用户时必填：至少 8 位，含大写、小写字母、数字、符号中的至少三类，不含用户名；首次登录须修改",
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "region", "unit", "phone", "email", "is_active"]
        widgets = {"region": RegionSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in PERSON_ROLES]
        self.fields["region"].queryset = Region.objects.order_by(
            "code"
        )  # a province or city too (leaders, administrators)
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.name}"
        if self.instance.pk:
            self.fields["username"].disabled = True
            del self.fields["password"]

    def clean(self):
        data = super().clean()
        if not self.instance.pk and not data.get("password"):
            self.add_error("password", "新建用户须设置初始密码")
        return data


class ResetPasswordForm(forms.Form):
    password = forms.CharField(
        label="新密码",
        widget=forms.PasswordInput,
        help_text="至少 8 位，含大写字母、小写字母、数字、符号中的至少三类；用户下次登录须修改",
    )
