from django import forms
from django.utils import timezone

from shuangyong.accounts.scope import visible
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.regions.widgets import RegionSelect
from shuangyong.sheets.reader import ReadError, decode_csv

SEASONS = [("autumn", "秋季"), ("spring", "春季")]


class RegionField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class SheetUploadForm(forms.Form):
    file = forms.FileField(label="文件（.xlsx / .xls / .csv）")
    region = RegionField(Region.objects.none(), label="导入范围", empty_label=None, widget=RegionSelect)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    season = forms.ChoiceField(label="征兵季节", choices=SEASONS)
    dry_run = forms.BooleanField(label="只校验，不写入", required=False)

    def __init__(self, *args, upload, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.region_id:
            regions = self.fields["region"]
            assert isinstance(regions, RegionField)
            regions.queryset = visible(user, Region.objects.filter(level__lte=Level.TOWN)).order_by("code")
            regions.initial = user.region_id
        else:  # a member unit's staff import for their unit, wherever it is
            del self.fields["region"]
        self.fields["year"].initial = timezone.localdate().year
        for option in ("year", "season"):
            if option not in upload.options:
                del self.fields[option]
        self.own = upload.fields(user) if upload.fields else {}
        for name, field in self.own.items():
            self.fields[name] = field
        self.order_fields(["file", "region", *self.own, "year", "season", "dry_run"])

    MAX_BYTES = 200 * 1024 * 1024  # a county's whole roster as .xlsx is about 35 MB a million rows

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".xls", ".csv", ".ods")):
            raise forms.ValidationError("请上传 .xlsx、.xls 或 .csv 文件")
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("文件超过 200 MB")
        return upload

    def options(self) -> dict:
        """What the importer gets besides the file, the region and dry_run (JSON: the job keeps it)."""
        found = {name: self.cleaned_data[name] for name in ("year", "season", *self.own) if name in self.fields}
        return {name: getattr(value, "pk", value) for name, value in found.items()}


class CsvTextForm(forms.Form):
    """A small CSV read whole into text (UTF-8 or GBK: sheets.reader.decode_csv)."""

    MAX_MB = 5

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv") or upload.size > self.MAX_MB * 1024 * 1024:
            raise forms.ValidationError(f"请上传 {self.MAX_MB} MB 以内的 .csv 文件")
        try:
            self._text = decode_csv(upload.read())
        except ReadError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload

    def text(self) -> str:
        return self._text


class RegionImportForm(CsvTextForm):
    file = forms.FileField(
        label="CSV 文件",
        help_text="列：code（区划代码）、name（名称）、parent_code（上级代码，可空）；UTF-8 或 GBK；"
        "代码可写 12 位或简码",
    )
    dry_run = forms.BooleanField(label="只校验，不写入", required=False)


class SettingImportForm(CsvTextForm):
    MAX_MB = 1
    file = forms.FileField(label="设置表（CSV）", help_text="列：区划代码,设置项,取值,生效日期,说明（UTF-8 或 GBK）")
