from django.db import models


class SoldierKind(models.TextChoices):
    """退役军人的类别 (安置条例 §5 names the methods open to each)."""

    CONSCRIPT = "conscript", "义务兵"
    NCO = "nco", "军士"
    OFFICER = "officer", "军官"


class Award(models.TextChoices):
    """Highest award while serving, lowest first (only the highest counts where an amount depends on it)."""

    NONE = "", "无"
    EXCELLENT = "excellent", "优秀士兵"
    THIRD = "third", "三等功"
    SECOND = "second", "二等功"
    FIRST = "first", "一等功"
    HONOUR = "honour", "荣誉称号"


class EmploymentStatus(models.TextChoices):
    UNKNOWN = "", "未回访"
    EMPLOYED = "employed", "已就业"
    UNEMPLOYED = "unemployed", "未就业"
    BUSINESS = "business", "自主创业"
    STUDYING = "studying", "升学"
    FLEXIBLE = "flexible", "灵活就业"
    OTHER = "other", "其他"


class DeadlineCode(models.TextChoices):
    REPORT = "report", "报到期限"
    PLACEMENT = "placement", "上岗期限"
