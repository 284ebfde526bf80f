"""Managing user accounts: only the security administrator (安全管理员) may, and every change is audited."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import GLOBAL_ROLES, PERSON_ROLES, Cap, Role
from shuangyong.accounts.scope import ScopeDenied, administered_q, placed_within
from shuangyong.accounts.system import SYSTEM_USERNAME
from shuangyong.errors import RuleError

EDITABLE_FIELDS = ("full_name", "role", "region", "unit", "phone", "is_active", "email")


class AccountError(RuleError):
    pass


def ensure_manager(actor, account: User | None = None) -> None:
    """The actor manages accounts and, when one is named, that one: a security administrator placed at a region
    (a county's own) manages the accounts placed within it only."""
    if actor is None or not actor.is_authenticated or not actor.can(Cap.MANAGE_USERS):
        raise ScopeDenied("只有安全管理员可以管理用户")
    if account is not None and account.pk and not managed_accounts(actor).filter(pk=account.pk).exists():
        raise ScopeDenied("该账户不在您管理的区划内")


def managed_accounts(actor):
    return User.objects.filter(administered_q(actor))


def _ensure_placed(account: User, actor) -> None:
    if not actor.region_id:
        return
    if account.role == Role.SYSADMIN or not placed_within(account, actor):
        raise AccountError(f"只能管理 {actor.region.name} 及以下区划的账户（系统管理员由全系统的安全管理员设立）")


def _validate(user: User) -> None:
    if user.role not in PERSON_ROLES or user.username == SYSTEM_USERNAME:
        raise AccountError("系统账户（自动化）不能新建、修改或分配给人员")
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as exc:
        raise AccountError("；".join("，".join(v) for v in exc.message_dict.values())) from None


def check_password_policy(password: str, user: User) -> None:
    """Raise AccountError with every rule the password breaks (accounts.passwords), in Chinese."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError("；".join(exc.messages), field="password") from None


def create_account(*, actor, username: str, password: str, **fields) -> User:
    ensure_manager(actor)
    user = User(username=username, **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    _validate(user)
    _ensure_placed(user, actor)
    check_password_policy(password, user)
    user.set_password(password)
    user.must_change_password = True  # a password someone else chose is changed at first sign-in
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise AccountError(f"用户名 {username} 已存在") from None
    return user


def update_account(user: User, *, actor, **fields) -> User:
    ensure_manager(actor, user)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        for name, value in fields.items():
            if name in EDITABLE_FIELDS:
                setattr(locked, name, value)
        _validate(locked)
        _ensure_placed(locked, actor)  # nor moved out of the administrator's region
        locked.save()
    return locked


def reset_password(user: User, *, actor, password: str) -> None:
    """The security administrator sets a new password; its owner must change it at the next sign-in."""
    ensure_manager(actor, user)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.username == SYSTEM_USERNAME:
            raise AccountError("系统账户（自动化）不能设置密码")
        check_password_policy(password, locked)
        locked.set_password(password)
        locked.must_change_password = True
        locked.save(update_fields=["password", "password_changed_at", "must_change_password"])


def create_admin_account(*, username: str, role: str, password: str, region=None) -> User:
    """One of the three administrators, made from the command line of the server (`shuangyong create-admin`):
    the way the first accounts of a fresh installation come to be. Whoever holds the server's shell is the actor."""
    if role not in GLOBAL_ROLES:
        raise AccountError(f"角色只能是 {'、'.join(sorted(GLOBAL_ROLES))} 之一")
    user = User(username=username, role=role, region=region, full_name=Role(role).label)
    _validate(user)
    check_password_policy(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise AccountError(f"用户名 {username} 已存在") from None
    return user
