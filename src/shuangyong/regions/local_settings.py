"""Reading local rules (RegionSetting) with their defaults. Every key the system reads is declared here."""

from dataclasses import dataclass
from datetime import date

from shuangyong.regions.codes import PREFIX_LENGTH, Level, level_of


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: object


SPECS = {
    spec.key: spec
    for spec in (
        SettingSpec("confirmation_deadline", "年度确认截止日期（月-日）", "06-30"),
        SettingSpec("payment_frequency", "待遇发放周期（monthly 按月 / quarterly 按季 / yearly 按年）", "monthly"),
        SettingSpec("pay_death_month", "去世当月照发（true / false）", True),
        SettingSpec("backpay_lookback_months", "补发、追缴最多追溯的月数", 24),
        SettingSpec("payment_outlier_fen", "单人单批金额超过此数（分）列为异常", 3_000_000),
        SettingSpec("import_report_retention_days", "导入错误报告（含原表个人信息）保留天数", 30),
    )
}


def _lineage(code: str) -> list[str]:
    """The region and its ancestors, nearest first."""
    level = level_of(code)
    return [code[: PREFIX_LENGTH[Level(lv)]].ljust(12, "0") for lv in range(level, Level.PROVINCE - 1, -1)]


def get_setting(key: str, region_code: str, on: date):
    from shuangyong.regions.models import RegionSetting

    spec = SPECS[key]
    lineage = _lineage(region_code)
    rows = RegionSetting.objects.filter(key=key, region_id__in=lineage, valid_from__lte=on).values_list(
        "region_id", "value", "valid_from"
    )
    best = None
    for region_id, value, valid_from in rows:
        rank = (lineage.index(region_id), -valid_from.toordinal())
        if best is None or rank < best[0]:
            best = (rank, value)
    return spec.default if best is None else best[1]
