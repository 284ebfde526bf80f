from django import forms

from shuangyong.leadership.models import Decision, GroupMember, Meeting, MeetingKind
from shuangyong.units.models import Unit, UnitKind


def _date(**attrs):
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def _units():
    return Unit.objects.filter(is_active=True).exclude(kind=UnitKind.PARTNER).order_by("kind", "code")


class MemberForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["body", "post", "name", "title", "unit", "is_military", "phone", "start", "end", "note"]
        widgets = {"start": _date(), "end": _date()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()


class SuccessorForm(forms.Form):
    on = forms.DateField(label="接任日期", widget=_date())
    name = forms.CharField(label="接任人姓名", max_length=40)
    title = forms.CharField(label="本职", max_length=80, required=False)
    unit = forms.ModelChoiceField(label="所在单位", queryset=Unit.objects.none(), required=False)
    is_military = forms.BooleanField(label="军队人员", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()


class EndTermForm(forms.Form):
    end = forms.DateField(label="离任日期", widget=_date())


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "date", "title", "place", "chaired_by", "attendees", "other_attendees", "minutes"]
        widgets = {
            "date": _date(),
            "attendees": forms.CheckboxSelectMultiple,
            "other_attendees": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, region_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = MeetingKind.objects.filter(is_active=True)
        members = GroupMember.objects.filter(region_id=region_code).order_by("body", "end", "post", "start")
        self.fields["attendees"].queryset = members
        self.fields["attendees"].label_from_instance = lambda m: (
            f"{m.name}（{m.get_post_display()}{'' if m.end is None else '，已离任'}）"
        )

    def _post_clean(self):
        # the rules (attendees in office on the day, region) are the service's; skip the model's own checks here
        pass


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "owner_unit", "owner_person", "due"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due": _date()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = Unit.objects.filter(is_active=True).order_by("kind", "code")

    def _post_clean(self):
        pass


class CompleteForm(forms.Form):
    done_on = forms.DateField(label="完成日期", widget=_date())
    outcome = forms.CharField(label="落实情况", max_length=200, required=False)
