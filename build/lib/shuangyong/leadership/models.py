from django.db import models

from shuangyong.audit.mixins import AuditedModel
from shuangyong.leadership.choices import Body, DecisionStatus, Post
from shuangyong.sealed import SealedField


class MeetingKind(AuditedModel):
    """会议类型: a code table shipped as data (data/meeting_kinds.csv), editable by staff in the admin."""

    code = models.CharField("代码", max_length=16, primary_key=True)
    name = models.CharField("名称", max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "会议类型"
        verbose_name_plural = "会议类型"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class GroupMember(AuditedModel):
    """One person's term in a region's 双拥工作领导小组 or its 双拥办; a change ends a term and starts another."""

    region = models.ForeignKey("regions.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    body = models.CharField("机构", max_length=8, choices=Body.choices, default=Body.GROUP)
    post = models.CharField("职务", max_length=16, choices=Post.choices)
    name = models.CharField("姓名", max_length=40)
    title = models.CharField("本职", max_length=80, blank=True, help_text="如：县委书记、县人武部政委")
    unit = models.ForeignKey(
        "units.Unit", verbose_name="所在单位", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_military = models.BooleanField("军队人员", default=False)
    phone = SealedField("联系电话", max_length=40, blank=True, kind="phone")  # encrypted at rest (sealed.py)
    start = models.DateField("任职日期")
    end = models.DateField("离任日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    scope_region_field = "region"
    scope_read_ancestors = True  # a town's staff read the county's group

    class Meta:
        verbose_name = "领导小组成员"
        verbose_name_plural = "领导小组成员"
        ordering = ["region_id", "body", "start"]
        indexes = [models.Index(fields=["region", "body", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="group_member_end_after_start",
                violation_error_message="离任日期不能早于任职日期",
            )
        ]

    def __str__(self):
        return f"{self.get_post_display()} {self.name}"

    def serves_on(self, day) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


class Meeting(AuditedModel):
    region = models.ForeignKey("regions.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(MeetingKind, verbose_name="会议类型", on_delete=models.PROTECT)
    date = models.DateField("日期", db_index=True)
    title = models.CharField("会议名称", max_length=120)
    place = models.CharField("地点", max_length=120, blank=True)
    chaired_by = models.CharField("主持人", max_length=80, blank=True)
    attendees = models.ManyToManyField(GroupMember, verbose_name="出席成员", blank=True, related_name="meetings")
    other_attendees = models.TextField("其他参会人员", blank=True, help_text="不在领导小组名单中的参会人员")
    minutes = models.TextField("会议纪要", blank=True)

    scope_region_field = "region"
    scope_read_ancestors = True

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["region", "date"])]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"


class Decision(AuditedModel):
    """议定事项: what a meeting decided, who carries it out, by when, and whether it is done."""

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField("议定事项")
    owner_unit = models.ForeignKey(
        "units.Unit", verbose_name="责任单位", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_person = models.CharField("责任人", max_length=40, blank=True)
    due = models.DateField("完成时限", null=True, blank=True)
    status = models.CharField("状态", max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.OPEN)
    done_on = models.DateField("完成日期", null=True, blank=True)
    outcome = models.CharField("落实情况", max_length=200, blank=True)

    scope_region_field = "meeting__region"
    scope_unit_field = "owner_unit"  # a member unit sees, and reports done, what it was charged with
    scope_read_ancestors = True

    class Meta:
        verbose_name = "议定事项"
        verbose_name_plural = "议定事项"
        ordering = ["meeting__date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="done") & models.Q(done_on__isnull=False))
                | (models.Q(status="open") & models.Q(done_on__isnull=True)),
                name="decision_done_has_date",
                violation_error_message="已完成的事项须有完成日期，未完成的不能有",
            )
        ]

    def __str__(self):
        return self.text[:40]

    def is_overdue(self, today) -> bool:
        return self.status == DecisionStatus.OPEN and self.due is not None and self.due < today
