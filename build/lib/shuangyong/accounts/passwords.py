"""The password policy (等保 身份鉴别): complexity, no user name inside, no reuse of the last five, expiry.

The validators are Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), so every path that sets a
password through Django (the pages, the API, the commands, the admin) checks them with `validate_password`.
"""

import string
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

KINDS = (
    ("大写字母", lambda c: c.isascii() and c.isupper()),
    ("小写字母", lambda c: c.isascii() and c.islower()),
    ("数字", lambda c: c.isdigit()),
    ("符号", lambda c: c in string.punctuation or c == " "),
)


class ComplexityValidator:
    """At least `min_length` characters, with at least `min_kinds` of upper, lower, digit and symbol."""

    def __init__(self, min_length: int = 8, min_kinds: int = 3):
        self.min_length, self.min_kinds = min_length, min_kinds

    def validate(self, password, user=None):
        kinds = sum(1 for _, test in KINDS if any(test(c) for c in password))
        if len(password) < self.min_length or kinds < self.min_kinds:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return f"密码至少 {self.min_length} 位，且须包含大写字母、小写字母、数字、符号中的至少 {self.min_kinds} 类"


class NoUsernameValidator:
    def validate(self, password, user=None):
        username = getattr(user, "username", "") or ""
        if username and username.lower() in password.lower():
            raise ValidationError("密码不能包含用户名", code="password_has_username")

    def get_help_text(self):
        return "密码不能包含用户名"


class HistoryValidator:
    """No reuse of the current password or of the `keep` before it; `password_changed` keeps the history."""

    def __init__(self, keep: int = 5):
        self.keep = keep

    def _recent_hashes(self, user) -> list[str]:
        from shuangyong.accounts.models import PasswordHistory

        hashes = list(PasswordHistory.objects.filter(user=user).order_by("-at", "-id")[: self.keep])
        return [h.password for h in hashes]

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        stored = user.__class__._base_manager.filter(pk=user.pk).values_list("password", flat=True).first()
        if any(check_password(password, h) for h in [stored, *self._recent_hashes(user)] if h):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password, user=None):
        from shuangyong.accounts.models import PasswordHistory

        if user is None or user.pk is None:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        stale = PasswordHistory.objects.filter(user=user).order_by("-at", "-id").values_list("pk", flat=True)
        PasswordHistory.objects.filter(pk__in=list(stale[self.keep :])).delete()

    def get_help_text(self):
        return f"新密码不能与最近 {self.keep} 次使用过的密码相同"


def password_expired(user) -> bool:
    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days:
        return False
    changed = user.password_changed_at or user.date_joined
    return changed < timezone.now() - timedelta(days=days)


def must_change_password(user) -> str:
    """Why `user` must set a new password before anything else, or "" when they need not."""
    if user.must_change_password:
        return "您的密码由安全管理员设置，首次登录须修改密码"
    if password_expired(user):
        return f"您的密码已超过 {settings.PASSWORD_MAX_AGE_DAYS} 天未修改，请修改密码"
    return ""
