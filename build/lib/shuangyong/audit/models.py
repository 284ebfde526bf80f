"""The audit log: one append-only table for every create, change, delete and export of a domain record.

Written by hand rather than with django-simple-history or django-auditlog: we need one table the audit
administrator can read and export across all models, the request's source address, explicit entries for
set-based services (payment runs, imports), and no signal handlers (writes happen in the caller's transaction).
"""

from django.apps import apps
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
    BACKUP = "backup", "备份"
    RESTORE = "restore", "恢复"


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    """The ORM's bulk update and delete are refused too (the database refuses them on PostgreSQL as well)."""

    def update(self, **kwargs):
        raise AppendOnlyError("审计记录只能追加，不能修改")

    def delete(self):
        raise AppendOnlyError("审计记录只能追加，不能删除")


def model_label(label: str) -> str:
    """The Chinese name of a model ("registry.entitlement" → 优抚待遇); the label itself for one no longer there."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


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

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id", "at"])]

    @property
    def model_label(self) -> str:
        return model_label(self.model)

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


class AuditSeal(models.Model):
    """An entry's place in the hash chain (audit.chain): hash = SHA-256(prev_hash + the entry's canonical content).

    Kept beside the entry rather than in it, so that sealing is an insert: entries are never updated, not even to
    be sealed. No foreign-key constraint: a deleted entry must leave its seal behind as evidence.
    """

    seq = models.BigIntegerField("序号", primary_key=True)
    entry = models.OneToOneField(
        AuditEntry, on_delete=models.DO_NOTHING, db_constraint=False, related_name="seal", verbose_name="审计记录"
    )
    prev_hash = models.CharField("前一哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64)
    sealed_at = models.DateTimeField("封存时间", default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "审计链"
        verbose_name_plural = "审计链"

    def __str__(self):
        return f"{self.seq} {self.hash[:12]}"


class AuditVerification(models.Model):
    """One run of `audit-verify`: its outcome is what the audit administrator's page shows."""

    at = models.DateTimeField("校验时间", default=timezone.now)
    ok = models.BooleanField("完整")
    entries = models.BigIntegerField("已校验条数")
    last_seq = models.BigIntegerField("链尾序号", default=0)
    last_hash = models.CharField("链尾哈希", max_length=64, blank=True)
    unsealed = models.BigIntegerField("未入链条数", default=0)
    first_broken = models.JSONField("首个断点", null=True, blank=True)
    source = models.CharField("来源", max_length=64, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "审计链校验"
        verbose_name_plural = "审计链校验"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {'完整' if self.ok else '断裂'}"
