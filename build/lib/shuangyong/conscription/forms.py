from django import forms
from django.utils import timezone

from shuangyong.conscription.choices import Political, RankKind, Season, StudentStatus
from shuangyong.conscription.models import AwardKind, Education, ReturnReason
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.regions.widgets import RegionSelect
from shuangyong.registry.choices import Hukou

DATE = forms.DateInput(attrs={"type": "date"})


def place_choices(user, level=None):
    """Towns and villages the user may write to, by full name."""
    if not user.region_id:
        return []
    regions = Region.objects.subtree(user.region_id).filter(level__gte=Level.TOWN)
    if level is not None:
        regions = regions.filter(level=level)
    return [(r.code, r.name) for r in regions.order_by("code")]


class FilterForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
    season = forms.ChoiceField(label="批次", choices=[("", "全年"), *Season.choices], required=False)
    q = forms.CharField(label="姓名或身份证号", required=False)

    def year_or_now(self) -> int:
        return (self.is_valid() and self.cleaned_data["year"]) or timezone.localdate().year


class CandidateForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    season = forms.ChoiceField(label="批次", choices=Season.choices)
    name = forms.CharField(label="姓名", max_length=40)
    id_number = forms.CharField(label="公民身份号码", max_length=20)
    region = forms.ChoiceField(label="所在村（社区）", widget=RegionSelect)
    hukou = forms.ChoiceField(label="户籍性质", choices=[("", "—"), *Hukou.choices], required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    education = forms.ModelChoiceField(label="文化程度", queryset=Education.objects.all())
    student_status = forms.ChoiceField(label="大学生情况", choices=StudentStatus.choices, required=False)
    political = forms.ChoiceField(label="政治面貌", choices=Political.choices)
    registered_on = forms.DateField(label="网上报名日期", widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = place_choices(user)


class StepForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE)
    passed = forms.TypedChoiceField(
        label="结论", choices=[("1", "合格"), ("0", "不合格")], coerce=lambda v: v == "1", required=False
    )
    military_unit = forms.CharField(label="入伍部队", max_length=80, required=False)
    reason = forms.ModelChoiceField(label="退兵原因", queryset=ReturnReason.objects.all(), required=False)
    responsibility = forms.CharField(label="责任单位（环节）", max_length=80, required=False)


class QuotaForm(forms.Form):
    region = forms.ChoiceField(label="乡镇")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    season = forms.ChoiceField(label="批次", choices=Season.choices)
    quota = forms.IntegerField(label="任务数", min_value=0, max_value=100000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = place_choices(user, Level.TOWN)


class FamilyForm(forms.Form):
    name = forms.CharField(label="家属姓名", max_length=40)
    id_number = forms.CharField(label="公民身份号码", max_length=20)
    relation = forms.CharField(label="与军人关系", max_length=20, help_text="如 父子、母子、夫妻")
    payee = forms.BooleanField(label="优待金领取人", required=False)
    bank_name = forms.CharField(label="开户银行", max_length=60, required=False)
    bank_account = forms.CharField(label="银行账号", max_length=32, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    on = forms.DateField(label="登记日期", widget=DATE)


class MemberForm(forms.Form):
    military_unit = forms.CharField(label="所在部队", max_length=80, required=False)
    rank_kind = forms.ChoiceField(label="人员类别", choices=RankKind.choices)
    plaque_hung_on = forms.DateField(label="光荣牌悬挂日期", widget=DATE, required=False)
    discharge_date = forms.DateField(label="退出现役日期", widget=DATE, required=False)


class AwardForm(forms.Form):
    kind = forms.ModelChoiceField(label="奖励种类", queryset=AwardKind.objects.all())
    awarded_on = forms.DateField(label="授予日期", widget=DATE)
    military_unit = forms.CharField(label="授予单位", max_length=80)


class HonorForm(forms.Form):
    on = forms.DateField(label="送喜报日期", widget=DATE)
    delivered_by = forms.CharField(label="送喜报领导及单位", max_length=200)


class RuleForm(forms.Form):
    table = forms.ChoiceField(label="表", choices=[("increment", "优待金立功增发比例"), ("reward", "立功受奖奖励金额")])
    award_kind = forms.ModelChoiceField(label="奖励种类", queryset=AwardKind.objects.all())
    valid_from = forms.DateField(label="生效日期", widget=DATE)
    value = forms.DecimalField(label="比例（%）或金额（元）", min_value=0, decimal_places=2, max_digits=12)
    note = forms.CharField(label="依据", max_length=200, required=False)
