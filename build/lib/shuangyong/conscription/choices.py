from django.db import models


class Season(models.TextChoices):
    SPRING = "spring", "春季"
    AUTUMN = "autumn", "秋季"


class StudentStatus(models.TextChoices):
    NONE = "", "—"
    ENROLLED = "enrolled", "在校大学生"
    GRADUATING = "graduating", "应届毕业生"
    GRADUATED = "graduated", "往届毕业生"


class Political(models.TextChoices):
    PARTY = "party", "中共党员"
    LEAGUE = "league", "共青团员"
    MASSES = "masses", "群众"


class Stage(models.TextChoices):
    """Where a candidate stands; set by the step services only."""

    REGISTERED = "registered", "已报名"
    EXAM_FAILED = "exam_failed", "体检不合格"
    EXAMINED = "examined", "体检合格"
    REVIEW_FAILED = "review_failed", "政治考核不合格"
    REVIEWED = "reviewed", "政治考核合格"
    APPROVED = "approved", "已批准入伍"
    DISPATCHED = "dispatched", "已输送"
    RETURNED = "returned", "退兵"


class RankKind(models.TextChoices):
    CONSCRIPT = "conscript", "义务兵"
    NCO = "nco", "军士"
    OFFICER = "officer", "军官"
