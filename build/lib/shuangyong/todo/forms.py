from django import forms

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SeasonForm(forms.Form):
    key = forms.SlugField(label="代码", max_length=40, help_text="与通用安排相同的代码即替代它，如 bayi_visits")
    label = forms.CharField(label="事项", max_length=60)
    start = forms.DateField(label="开始", widget=DATE_INPUT)
    end = forms.DateField(label="结束", widget=DATE_INPUT)
    every_year = forms.BooleanField(label="每年相同（只看月、日）", required=False, initial=True)
