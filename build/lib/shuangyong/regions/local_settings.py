"""Local rules (RegionSetting) with their defaults, types and sources. Every key the system reads is declared here;
`parse_value` turns what a user types (or a sheet holds) into the stored value, or a Chinese message."""

import re
from dataclasses import dataclass
from datetime import date

from shuangyong.regions.codes import PREFIX_LENGTH, Level, level_of

MONTH_DAY_RE = re.compile(r"^(\d{1,2})-(\d{1,2})$")
TRUE_WORDS = {"true", "1", "是", "yes", "照发", "停发"}
FALSE_WORDS = {"false", "0", "否", "no", "不发", "只提示"}


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: object
    kind: str = "int"  # int / bool / choice / month_day
    choices: tuple[tuple[str, str], ...] = ()
    minimum: int = 0
    maximum: int = 10**9
    help: str = ""

    def shown(self, value) -> str:
        if self.kind == "bool":
            return "是" if value in (True, "true", 1, "1") else "否"
        if self.kind == "choice":
            return dict(self.choices).get(str(value), str(value))
        return str(value)


SPECS = {
    spec.key: spec
    for spec in (
        SettingSpec("confirmation_deadline", "年度确认截止日期（月-日）", "06-30", kind="month_day"),
        SettingSpec(
            "unconfirmed_stop",
            "逾期未年度确认的自动停发",
            False,
            kind="bool",
            help="是：截止日期后未确认的待遇自次月起停发，补确认后补发停发期间；否：只在发放检查中提示",
        ),
        SettingSpec(
            "payment_frequency",
            "待遇发放周期",
            "monthly",
            kind="choice",
            choices=(("monthly", "按月"), ("quarterly", "按季"), ("yearly", "按年")),
        ),
        SettingSpec("pay_death_month", "去世当月照发", True, kind="bool"),
        SettingSpec("help_case_days", "帮扶事项办理时限（天），超过列入待办", 60, minimum=1, maximum=3650),
        SettingSpec("backpay_lookback_months", "补发、追缴最多追溯的月数", 24, minimum=1, maximum=120),
        SettingSpec("payment_outlier_fen", "单人单批金额超过此数（分）列为异常", 3_000_000, minimum=1),
        SettingSpec(
            "import_report_retention_days", "导入错误报告（含原表个人信息）保留天数", 30, minimum=1, maximum=3650
        ),
        SettingSpec(
            "summary_full_names",
            "工作总结中写出个人全名",
            False,
            kind="bool",
            help="是：总结举例写出立功受奖军人、慰问对象的全名；否：写作“李某某”（默认）",
        ),
    )
}


class SettingValueError(ValueError):
    pass


def parse_value(spec: SettingSpec, raw) -> object:
    """The stored value for what was typed, or SettingValueError with a Chinese message naming the setting."""
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise SettingValueError(f"“{spec.label}”的取值不能为空")
    if spec.kind == "bool":
        lowered = text.lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise SettingValueError(f"“{spec.label}”应为 是 或 否，不能是“{text}”")
    if spec.kind == "choice":
        for value, label in spec.choices:
            if text in (value, label):
                return value
        options = "、".join(label for _, label in spec.choices)
        raise SettingValueError(f"“{spec.label}”应为 {options} 之一，不能是“{text}”")
    if spec.kind == "month_day":
        match = MONTH_DAY_RE.match(text.replace("月", "-").removesuffix("日").replace("/", "-"))
        try:
            day = match and date(2024, int(match.group(1)), int(match.group(2)))  # 2024: 02-29 allowed
        except ValueError:
            day = None
        if not day:
            raise SettingValueError(f"“{spec.label}”应为 月-日，如 06-30，不能是“{text}”")
        return f"{day:%m-%d}"
    try:
        number = int(text.replace(",", ""))
    except ValueError:
        raise SettingValueError(f"“{spec.label}”应为整数，不能是“{text}”") from None
    if not spec.minimum <= number <= spec.maximum:
        raise SettingValueError(f"“{spec.label}”应在 {spec.minimum} 到 {spec.maximum} 之间，不能是 {number}")
    return number


def spec_for(name: str) -> SettingSpec | None:
    """A setting by its key or its label as written in a sheet."""
    name = name.strip()
    return SPECS.get(name) or next((s for s in SPECS.values() if s.label == name), None)


def lineage(code: str) -> list[str]:
    """The region and its ancestors, nearest first."""
    level = level_of(code)
    return [code[: PREFIX_LENGTH[Level(lv)]].ljust(12, "0") for lv in range(level, Level.PROVINCE - 1, -1)]


def setting_in_force(key: str, region_code: str, on: date):
    """The RegionSetting row in force for the place on the day (its own or its nearest ancestor's), or None."""
    from shuangyong.regions.models import RegionSetting

    chain = lineage(region_code)
    rows = RegionSetting.objects.filter(key=key, region_id__in=chain, valid_from__lte=on).select_related("region")
    best = None
    for row in rows:
        rank = (chain.index(row.region_id), -row.valid_from.toordinal())
        if best is None or rank < best[0]:
            best = (rank, row)
    return None if best is None else best[1]


def get_setting(key: str, region_code: str, on: date):
    row = setting_in_force(key, region_code, on)
    return SPECS[key].default if row is None else row.value


def is_on(value) -> bool:
    """A yes/no setting as stored (parse_value stores True/False; older rows may hold "true" or 1)."""
    return value in (True, "true", "1", 1)
