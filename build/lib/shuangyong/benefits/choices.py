from django.db import models


class Basis(models.TextChoices):
    """How a standard's amount is stated (domain.md §2)."""

    YEAR = "year", "元/年"
    MONTH = "month", "元/月"
    SERVICE_YEAR = "service_year", "元/年·每服役年"
    WAGE_SHARE = "wage_share", "工资基数比例"
    ONCE = "once", "一次性"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "按月"
    QUARTERLY = "quarterly", "按季"
    YEARLY = "yearly", "按年"


MONTHS_PER_PERIOD = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


class RunStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    CHECKED = "checked", "已检查"
    APPROVED = "approved", "已批准"
    EXPORTED = "exported", "已导出银行文件"
    RECONCILED = "reconciled", "已对账"


OPEN_RUN_STATUSES = (RunStatus.DRAFT, RunStatus.CHECKED)


class LineType(models.TextChoices):
    REGULAR = "regular", "正常发放"
    ARREARS = "arrears", "补发（未发月份）"
    BACKPAY = "backpay", "补发（标准或等级调整）"
    CARRY = "carry", "重发（上次发放失败）"
    RECOVERY = "recovery", "追缴"
    FUNERAL = "funeral", "丧葬补助"
    LUMP_SUM = "lump_sum", "一次性抚恤金"
    GRANT = "grant", "一次性款项"


BACKPAY_TYPES = (LineType.ARREARS, LineType.BACKPAY)
ONE_TIME_TYPES = (LineType.FUNERAL, LineType.LUMP_SUM, LineType.GRANT)
# as SQL: the one-time lines, which the periodic rules (recovery after a death, re-payment of a month) leave alone
ONE_TIME_SQL = ", ".join(f"'{t.value}'" for t in ONE_TIME_TYPES)


class BankStatus(models.TextChoices):
    PENDING = "pending", "待发放"
    HELD = "held", "不发放（金额为零或应追缴）"
    PAID = "paid", "已到账"
    FAILED = "failed", "发放失败"


class DeathCause(models.TextChoices):
    ANY = "", "不限"
    OLD_WOUND = "old_wound", "旧伤复发"
    OTHER = "other", "非旧伤复发"


class FindingCode(models.TextChoices):
    DUPLICATE = "duplicate", "重复人员或账号"
    DECEASED_OR_MOVED = "deceased_or_moved", "已故、迁出或停发人员仍在发放"
    BANK_ACCOUNT = "bank_account", "银行账号缺失或格式错误"
    AMOUNT = "amount", "金额与标准不符或异常"
    ABSENT = "absent", "应发未发"
    AGE_CATEGORY = "age_category", "年龄或类别不符"
    UNCONFIRMED = "unconfirmed", "未年度确认"


class FindingState(models.TextChoices):
    OPEN = "open", "待处理"
    RESOLVED = "resolved", "已纠正"
    WAIVED = "waived", "已说明（豁免）"
    EXCLUDED = "excluded", "已剔除出本批"


CLOSED_FINDING_STATES = (FindingState.RESOLVED, FindingState.WAIVED, FindingState.EXCLUDED)
