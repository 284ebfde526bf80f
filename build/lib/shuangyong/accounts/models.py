from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from shuangyong.accounts.roles import CAPABILITIES, GLOBAL_ROLES, REGION_ROLES, UNIT_ROLES, Role
from shuangyong.audit.mixins import AuditedModel, AuditedQuerySet
from shuangyong.sealed import SealedField


# a named class, not from_queryset's generated one: migrations refer to it by name (django-stubs cannot follow it)
class AuditedUserManager(UserManager.from_queryset(AuditedQuerySet)):  # type: ignore[misc]
    pass


class User(AuditedModel, AbstractUser):
    full_name = models.CharField("姓名", max_length=40, blank=True)
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.LEADER)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="管辖区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    phone = SealedField("手机", max_length=20, blank=True, kind="phone")  # encrypted at rest (sealed.py)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    must_change_password = models.BooleanField("下次登录须改密码", default=False)

    objects: ClassVar = AuditedUserManager()  # django-stubs: a redeclared manager
    audit_exclude = ("last_login",)
    audit_masked = ("password",)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(REGION_ROLES)) | models.Q(region__isnull=False),
                name="user_region_role_has_region",
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(UNIT_ROLES)) | models.Q(unit__isnull=False),
                name="user_unit_role_has_unit",
            ),
        ]

    def __str__(self):
        return self.full_name or self.username

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()
        self.must_change_password = False  # a reset by the security administrator sets it again afterwards

    def save(self, *args, **kwargs):
        password_changed = getattr(self, "_password", None) is not None  # set by set_password until saved
        update_fields = kwargs.get("update_fields")
        may_deactivate = self.pk and not self.is_active and (update_fields is None or "is_active" in update_fields)
        deactivated = may_deactivate and type(self)._base_manager.filter(pk=self.pk, is_active=True).exists()
        super().save(*args, **kwargs)
        # A new password or a deactivation ends every API token (and with it every signed-in script).
        if password_changed or deactivated:
            from shuangyong.accounts.tokens import revoke_all_tokens

            revoke_all_tokens(self, reason="密码已修改" if password_changed else "账户已停用")

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.full_name or self.username

    def clean(self):
        super().clean()
        if self.role in REGION_ROLES and self.region_id is None:
            raise ValidationError({"region": "该角色必须指定管辖区划"})
        if self.role in UNIT_ROLES and self.unit_id is None:
            raise ValidationError({"unit": "成员单位工作人员必须指定所属单位"})

    @property
    def capabilities(self) -> frozenset[str]:
        # the system account is inactive so that nobody can sign in as it (accounts.system); it acts in-process
        if not self.is_active and self.role != Role.SYSTEM:
            return frozenset()
        return CAPABILITIES.get(self.role, frozenset())

    def can(self, capability: str) -> bool:
        return capability in self.capabilities

    @property
    def is_global_role(self) -> bool:
        return self.role in GLOBAL_ROLES

    @property
    def home_region_id(self) -> str:
        """The region the user's work is placed at: their own, or their unit's ("" for the administrators)."""
        if self.region_id:
            return self.region_id
        return self.unit.region_id if self.unit_id and self.unit else ""

    @property
    def office_name(self) -> str:
        """The office the user works for, as a roster's 制表单位 or a list of who is responsible names it."""
        if self.unit_id and self.unit:
            return self.unit.shown_name
        return self.region.name if self.region_id and self.region else ""

    @property
    def scope_label(self) -> str:
        if self.role in REGION_ROLES and self.region:
            return self.region.full_name
        if self.role in UNIT_ROLES and self.unit:
            return self.unit.name
        return "全系统"


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so none of the last few is used again (accounts.passwords)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"

    def __str__(self):
        return f"{self.user_id} {self.at:%Y-%m-%d}"


class SignInFailure(models.Model):
    """One failed sign-in: the user name tried and the address it came from (accounts.signin)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.username}@{self.address}"


class SignInLock(models.Model):
    """A lock on a user name ("user:NAME") or an address ("addr:IP") until a time (accounts.signin)."""

    key = models.CharField(max_length=200, unique=True)
    until = models.DateTimeField()

    def __str__(self):
        return self.key
