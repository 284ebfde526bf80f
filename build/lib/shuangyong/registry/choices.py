from django.db import models


class Sex(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class Hukou(models.TextChoices):
    URBAN = "urban", "城镇"
    RURAL = "rural", "农村"


class CategoryGroup(models.TextChoices):
    DISABLED = "disabled", "伤残人员"
    BEREAVED = "bereaved", "三属"
    RED_ARMY = "red_army", "老红军"
    VETERAN = "veteran", "复员退伍军人"
    OTHER = "other", "其他"


class DisabilityNature(models.TextChoices):
    WAR = "war", "因战"
    DUTY = "duty", "因公"
    ILLNESS = "illness", "因病"


class SupportMode(models.TextChoices):
    NONE = "", "—"
    CENTRAL = "central", "集中供养"
    DISPERSED = "dispersed", "分散供养"


class EnlistmentPeriod(models.TextChoices):
    NONE = "", "—"
    ANTI_JAPANESE = "anti_japanese", "抗日战争时期"
    LIBERATION = "liberation", "解放战争时期"
    PRC = "prc", "建国后"


class Status(models.TextChoices):
    """Record states of an entitlement (domain.md §1 [sys])."""

    APPLIED = "applied", "受理"
    ACTIVE = "active", "享受待遇"
    NOT_ENTITLED = "not_entitled", "认定不享受待遇"
    REJECTED = "rejected", "不予认定"
    SUSPENDED = "suspended", "停发"
    MOVED_OUT = "moved_out", "迁出"
    CANCELLED = "cancelled", "取消"
    DECEASED = "deceased", "去世"


PAID_STATUSES = (Status.ACTIVE,)


class EventKind(models.TextChoices):
    REGISTER = "register", "受理"
    APPROVE = "approve", "认定享受待遇"
    DECLINE = "decline", "认定不享受待遇"
    REJECT = "reject", "不予认定"
    CHANGE_GRADE = "change_grade", "调整等级"
    CHANGE_CATEGORY = "change_category", "变更类别"
    CHANGE_SUPPORT = "change_support", "变更供养方式"
    ENROL = "enrol", "登记增发项目"
    END_ENROL = "end_enrol", "终止增发项目"
    MOVE_OUT = "move_out", "迁出"
    MOVE_IN = "move_in", "迁入"
    MOVE_RETURNED = "move_returned", "迁移被退回"
    SUSPEND = "suspend", "停发"
    RESUME = "resume", "恢复发放"
    CANCEL = "cancel", "取消"
    DEATH = "death", "去世"
    CONFIRM = "confirm", "年度确认"
    EDIT = "edit", "修改信息"
    IMPORT_CREATE = "import_create", "导入新增"
    IMPORT_UPDATE = "import_update", "导入更新"
