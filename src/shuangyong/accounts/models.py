from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models

from shuangyong.accounts.roles import CAPABILITIES, GLOBAL_ROLES, REGION_ROLES, UNIT_ROLES, Role
from shuangyong.audit.mixins import AuditedModel, AuditedQuerySet


class AuditedUserManager(UserManager.from_queryset(AuditedQuerySet)):
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
    phone = models.CharField("手机", max_length=20, blank=True)

    objects = AuditedUserManager()
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
        if not self.is_active:
            return frozenset()
        return CAPABILITIES.get(self.role, frozenset())

    def can(self, capability: str) -> bool:
        return capability in self.capabilities

    @property
    def is_global_role(self) -> bool:
        return self.role in GLOBAL_ROLES

    @property
    def scope_label(self) -> str:
        if self.role in REGION_ROLES and self.region:
            return self.region.full_name
        if self.role in UNIT_ROLES and self.unit:
            return self.unit.name
        return "全系统"
