from django import forms

from shuangyong.accounts.roles import Cap
from shuangyong.regions.codes import InvalidRegionCode, normalize_code
from shuangyong.regions.models import Region
from shuangyong.registry import idnumber
from shuangyong.registry.choices import DisabilityNature, Status, SupportMode
from shuangyong.registry.models import Category
from shuangyong.registry.services.search import PersonFilter

GRADES = [("", "全部")] + [(str(g), f"{'一二三四五六七八九十'[g - 1]}级") for g in range(1, 11)]


class PersonFilterForm(forms.Form):
    q = forms.CharField(label="姓名/拼音首字母/身份证号", required=False)
    region = forms.CharField(label="区划代码", required=False)
    category = forms.ChoiceField(label="类别", required=False)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *Status.choices])
    grade = forms.ChoiceField(label="伤残等级", required=False, choices=GRADES)
    age_min = forms.IntegerField(label="年龄从", required=False, min_value=0, max_value=130)
    age_max = forms.IntegerField(label="到", required=False, min_value=0, max_value=130)
    confirmed = forms.ChoiceField(
        label="年度确认",
        required=False,
        choices=[("", "全部"), ("yes", "已确认"), ("no", "未确认"), ("overdue", "逾期未确认（应停发）")],
    )
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[
            ("region", "按区划"),
            ("name", "按姓名"),
            ("birth", "按出生日期"),
            ("-birth", "按出生日期（倒序）"),
            ("recent", "最近建档"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "全部"), *Category.objects.values_list("code", "name")]

    def clean_region(self) -> str:
        text = (self.cleaned_data.get("region") or "").strip()
        if not text:
            return ""
        try:
            code = normalize_code(text)
        except InvalidRegionCode:
            raise forms.ValidationError("区划代码应为 2 至 12 位数字") from None
        if not Region.objects.filter(code=code).exists():
            raise forms.ValidationError(f"没有代码为 {code} 的区划")
        return code

    def to_filter(self) -> PersonFilter:
        """The search the form asks for; a field that does not validate is left out (the form shows why; the API
        refuses it first, api.base.form_params)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})  # an unbound form (no query) filters nothing
        return PersonFilter(
            region=data.get("region") or None,
            category=data.get("category") or None,
            status=data.get("status") or None,
            grade=int(data["grade"]) if data.get("grade") else None,
            age_min=data.get("age_min"),
            age_max=data.get("age_max"),
            confirmed=data.get("confirmed") or None,
            q=data.get("q") or "",
            sort=data.get("sort") or "region",
        )


class EventForm(forms.Form):
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="原因/说明", required=False, max_length=200)
    grade = forms.IntegerField(label="新的伤残等级", required=False, min_value=1, max_value=10)
    destination = forms.CharField(label="迁往", required=False, max_length=100)
    year = forms.IntegerField(label="确认年度", required=False, min_value=2000, max_value=2100)
    approval_no = forms.CharField(label="批准文号", required=False, max_length=60)


class PersonForm(forms.ModelForm):
    """New person (with the first 受理) or corrected details."""

    class Meta:
        from shuangyong.registry.models import Person

        model = Person
        fields = [
            "id_number",
            "name",
            "region",
            "hukou",
            "ethnicity",
            "phone",
            "address",
            "bank_name",
            "bank_holder",
            "bank_account",
            "note",
        ]

    def __init__(self, *args, user, **kwargs):
        from shuangyong.units.forms import writable_regions

        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = writable_regions(user).filter(level__gte=4).order_by("code")
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.name}"
        if self.instance.pk:
            del self.fields["id_number"]
            if not user.can(Cap.VIEW_FULL_IDS):
                self._hide_full_numbers()
        else:
            self.fields["category"] = forms.ModelChoiceField(label="申请类别（受理）", queryset=Category.objects.all())
            self.fields["disability_grade"] = forms.IntegerField(
                label="伤残等级", required=False, min_value=1, max_value=10
            )
            self.fields["disability_nature"] = forms.ChoiceField(
                label="伤残性质",
                required=False,
                choices=[("", "—"), ("war", "因战"), ("duty", "因公"), ("illness", "因病")],
            )
            self.fields["relation"] = forms.CharField(label="与军人关系", required=False, max_length=20)
            self.fields["soldier_name"] = forms.CharField(label="军人姓名（三属）", required=False, max_length=40)
            date_input = forms.DateInput(attrs={"type": "date"})
            self.fields["enlistment_date"] = forms.DateField(label="入伍时间", required=False, widget=date_input)
            self.fields["discharge_date"] = forms.DateField(label="退伍时间", required=False, widget=date_input)
            self.fields["certificate_no"] = forms.CharField(label="证书编号", required=False, max_length=40)

    MASKED_FIELDS = {"bank_account": idnumber.mask_account, "phone": idnumber.mask_account}

    def _hide_full_numbers(self) -> None:
        """A reader without the right to full numbers sees them masked: the input starts empty, and left empty it
        keeps the stored number."""
        self.masked = True
        for name, mask in self.MASKED_FIELDS.items():
            current = getattr(self.instance, name)
            field = self.fields[name]
            field.required = False
            field.help_text = f"当前：{mask(current) or '未填'}；留空则不变，填写则替换"
            self.initial[name] = ""
            field.widget.attrs["autocomplete"] = "off"

    def clean(self):
        data = super().clean()
        for name in self.MASKED_FIELDS:
            if getattr(self, "masked", False) and not data.get(name):
                data[name] = getattr(self.instance, name)
        return data

    def clean_discharge_date(self):
        enlisted, discharged = self.cleaned_data.get("enlistment_date"), self.cleaned_data.get("discharge_date")
        if enlisted and discharged and discharged < enlisted:
            raise forms.ValidationError("退伍时间不能早于入伍时间")
        return discharged

    def validate_unique(self):
        pass  # the database's unique constraint decides; the service turns a clash into a message


class EntitlementChangeForm(forms.Form):
    """变更 an entitlement: each field that differs from the current value becomes its own dated event."""

    on = forms.DateField(label="变更生效日期", widget=forms.DateInput(attrs={"type": "date"}))
    category = forms.ModelChoiceField(label="优抚类别", queryset=Category.objects.all())
    disability_grade = forms.TypedChoiceField(
        label="伤残等级", required=False, coerce=int, empty_value=None, choices=[("", "—"), *GRADES[1:]]
    )
    disability_nature = forms.ChoiceField(
        label="伤残性质", required=False, choices=[("", "—"), *DisabilityNature.choices]
    )
    support_mode = forms.ChoiceField(label="供养方式（一至四级）", required=False, choices=SupportMode.choices)
    certificate_no = forms.CharField(label="新证书编号", required=False, max_length=40)

    def __init__(self, *args, entitlement, **kwargs):
        initial = {
            "category": entitlement.category_id,
            "disability_grade": entitlement.disability_grade,
            "disability_nature": entitlement.disability_nature,
            "support_mode": entitlement.support_mode,
        }
        super().__init__(*args, initial=initial, **kwargs)
        if not entitlement.category.requires_disability:
            for name in ("disability_grade", "disability_nature", "support_mode", "certificate_no"):
                del self.fields[name]
