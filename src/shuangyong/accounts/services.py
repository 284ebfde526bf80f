"""Managing user accounts: only the security administrator (安全管理员) may, and every change is audited."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ScopeDenied
from shuangyong.errors import RuleError

EDITABLE_FIELDS = ("full_name", "role", "region", "unit", "phone", "is_active", "email")


class AccountError(RuleError):
    pass


def _ensure_manager(actor) -> None:
    if actor is None or not actor.is_authenticated or not actor.can(Cap.MANAGE_USERS):
        raise ScopeDenied("只有安全管理员可以管理用户")


def _validate(user: User) -> None:
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as exc:
        raise AccountError("；".join("，".join(v) for v in exc.message_dict.values())) from None


def create_account(*, actor, username: str, password: str, **fields) -> User:
    _ensure_manager(actor)
    user = User(username=username, **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    user.set_password(password)
    _validate(user)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise AccountError(f"用户名 {username} 已存在") from None
    return user


def update_account(user: User, *, actor, **fields) -> User:
    _ensure_manager(actor)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        for name, value in fields.items():
            if name in EDITABLE_FIELDS:
                setattr(locked, name, value)
        _validate(locked)
        locked.save()
    return locked


def reset_password(user: User, *, actor, password: str) -> None:
    _ensure_manager(actor)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(password)
        locked.save(update_fields=["password"])
