"""Forms of the benefits pages. Amounts are typed in 元 and kept as integer 分; months as YYYY-MM."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from shuangyong.benefits.choices import Basis, FindingCode, LineType, RunStatus
from shuangyong.benefits.models import BankFileLayout, BenefitKind, Standard, WageBase
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.registry.models import Category
from shuangyong.units.forms import writable_regions

MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


def fen_from_yuan(text, label: str) -> int:
    """ "4518.33" → 451833; more than two decimals or a negative amount is refused, never rounded."""
    try:
        amount = Decimal(str(text).strip().replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise forms.ValidationError(f"{label}“{text}”不是金额") from None
    if amount < 0:
        raise forms.ValidationError(f"{label}不能为负数")
    if amount != amount.quantize(Decimal("0.01")):
        raise forms.ValidationError(f"{label}最多两位小数（到分）")
    return int(amount * 100)


class YuanField(forms.CharField):
    """A money field typed in 元 whose cleaned value is integer 分."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{Decimal(value) / 100:.2f}"
        return value

    def clean(self, value):
        value = super().clean(value)
        if value in ("", None):
            return None
        return fen_from_yuan(value, self.label)


class MonthField(forms.CharField):
    """YYYY-MM (the browser's month input) → the first day of that month."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-11"})

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, date) else value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        match = MONTH_RE.match(value.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError(f"月份“{value}”无效：应为 YYYY-MM，如 2026-11")
        return date(int(match.group(1)), int(match.group(2)), 1)


def _region_label(region: Region) -> str:
    return f"{region.code} {region.name}"


def run_regions(user):
    """Where a user may compute a run: their own region and the towns below it (a run covers a county or a town;
    village staff compute their village)."""
    regions = writable_regions(user).filter(level__gte=Level.COUNTY)
    if user.region_id:
        regions = regions.filter(level__lte=max(Level.TOWN, user.region.level))
    return regions.order_by("code")


class RunFilterForm(forms.Form):
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *RunStatus.choices])
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)


class ComputeRunForm(forms.Form):
    month = MonthField(label="发放月份", help_text="按季、按年发放的地方取所在季度或年度")
    region = forms.ModelChoiceField(label="发放范围", queryset=Region.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = run_regions(user)
        self.fields["region"].label_from_instance = _region_label
        if user.region_id:
            self.fields["region"].initial = user.region_id
        self.fields["month"].initial = timezone.localdate().replace(day=1)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=300, required=False)
    code = forms.ChoiceField(label="检查项", required=False, choices=[("", "全部"), *FindingCode.choices])


class LineFilterForm(forms.Form):
    town = forms.ChoiceField(label="乡镇", required=False)
    line_type = forms.ChoiceField(label="类型", required=False, choices=[("", "全部"), *LineType.choices])
    kind = forms.ChoiceField(label="待遇项目", required=False)
    q = forms.CharField(label="姓名", required=False, max_length=40)

    def __init__(self, *args, run, **kwargs):
        super().__init__(*args, **kwargs)
        towns = Region.objects.subtree(run.region_id).filter(level=Level.TOWN).order_by("code")
        self.fields["town"].choices = [("", "全部"), *((t.code, t.name) for t in towns)]
        self.fields["kind"].choices = [("", "全部"), *BenefitKind.objects.values_list("code", "name")]


class BankExportForm(forms.Form):
    layout = forms.ModelChoiceField(label="代发文件格式", queryset=BankFileLayout.objects.all(), empty_label=None)


class BankReturnForm(forms.Form):
    file = forms.FileField(label="银行回盘文件", help_text=".xlsx、.csv 或 .txt")

    MAX_BYTES = 50 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("文件超过 50 MB")
        return upload


class StandardFilterForm(forms.Form):
    kind = forms.ChoiceField(label="待遇项目", required=False)
    category = forms.ChoiceField(label="优抚类别", required=False)
    region = forms.ChoiceField(label="适用区划", required=False)
    on = forms.DateField(label="某日有效", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    NATIONAL = "national"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "全部"), *BenefitKind.objects.values_list("code", "name")]
        self.fields["category"].choices = [("", "全部"), *Category.objects.values_list("code", "name")]
        used = Region.objects.filter(code__in=Standard.objects.exclude(region=None).values("region")).order_by("code")
        self.fields["region"].choices = [("", "全部"), (self.NATIONAL, "全国"), *((r.code, r.name) for r in used)]


class StandardForm(forms.ModelForm):
    amount = YuanField(
        label="标准金额（元）", required=False, help_text="元/年、元/月或一次性金额；按工资基数比例可不填"
    )

    class Meta:
        model = Standard
        fields = [
            "kind",
            "category",
            "disability_nature",
            "disability_grade",
            "hukou",
            "enlistment_period",
            "support_mode",
            "region",
            "basis",
            "share_bp",
            "valid_from",
            "valid_to",
            "note",
            "source",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    field_order = ["kind", "category", "disability_nature", "disability_grade", "hukou", "enlistment_period"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(level__lte=Level.COUNTY).order_by("code")
        self.fields["region"].label_from_instance = _region_label
        self.fields["region"].empty_label = "全国"
        self.fields["category"].empty_label = "不限"
        if self.instance.pk:
            self.fields["amount"].initial = self.instance.amount_fen
        self.fields["source"].required = False

    def clean_source(self):
        from shuangyong.benefits.models import LOCAL_SOURCE

        return (self.cleaned_data.get("source") or "").strip() or LOCAL_SOURCE

    def clean(self):
        data = super().clean()
        basis, amount = data.get("basis"), data.get("amount")
        if amount is None and basis and basis != Basis.WAGE_SHARE:
            self.add_error("amount", "请填写标准金额")
        self.instance.amount_fen = amount or 0
        return data

    def _post_clean(self):
        super()._post_clean()
        # the service's own rules, shown on the fields they concern
        from shuangyong.benefits.services.standards import standard_problems

        if self.instance.kind_id is None:
            return
        for field, message in standard_problems(self.instance):
            field = "amount" if field == "amount_fen" else field
            if field not in self.errors:
                self.add_error(field, message)

    def validate_unique(self):
        pass  # the service turns the database's unique constraint into a message


class WageBaseForm(forms.ModelForm):
    monthly = YuanField(label="月平均工资（元）")

    class Meta:
        model = WageBase
        fields = ["region", "year", "valid_from", "note"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(level__lte=Level.COUNTY).order_by("code")
        self.fields["region"].label_from_instance = _region_label
        if self.instance.pk:
            self.fields["monthly"].initial = self.instance.monthly_fen

    def clean(self):
        data = super().clean()
        if data.get("monthly") is not None:
            self.instance.monthly_fen = data["monthly"]
        return data


class StandardImportForm(forms.Form):
    file = forms.FileField(label="标准表文件", help_text=".xlsx 或 .csv，每行一条标准")
    dry_run = forms.BooleanField(label="只预览，不写入", required=False, initial=True)

    MAX_BYTES = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xls", ".csv")):
            raise forms.ValidationError("请上传 .xlsx、.xls 或 .csv 文件")
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("文件超过 10 MB")
        return upload
