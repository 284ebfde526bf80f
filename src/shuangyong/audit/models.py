"""The audit log: one append-only table for every create, change, delete and export of a domain record.

Written by hand rather than with django-simple-history or django-auditlog: we need one table the audit
administrator can read and export across all models, the request's source address, explicit entries for
set-based services (payment runs, imports), and no signal handlers (writes happen in the caller's transaction).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    CREATE = "create", "新增"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"
    EXPORT = "export", "导出"
    DOWNLOAD = "download", "下载"
    SIGN_IN = "sign_in", "登录"
    SIGN_IN_FAILED = "sign_in_failed", "登录失败"
    SIGN_OUT = "sign_out", "退出"
    LOCK = "lock", "锁定"
    UNLOCK = "unlock", "解锁"
    TOKEN_ISSUE = "token_issue", "签发令牌"
    TOKEN_REVOKE = "token_revoke", "吊销令牌"
    FACTOR = "factor", "第二因子"
    REVEAL = "reveal", "查看完整号码"


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("操作人名称", max_length=150, blank=True)
    source = models.CharField("来源", max_length=64, blank=True)
    action = models.CharField("操作", max_length=16, choices=AuditAction.choices)
    model = models.CharField("对象类型", max_length=100, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, db_index=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("审计记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计记录只能追加，不能删除")

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
