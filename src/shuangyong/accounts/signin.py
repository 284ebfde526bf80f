"""Sign-in protection (等保 登录失败处理): lock a user name after repeated failures, throttle an address.

Written here rather than with django-axes: axes applies one failure limit to every parameter, while an office
behind one NAT address needs a looser limit per address than per account; and lockouts, unlocks and failures
must be entries of our own audit chain with Chinese messages.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shuangyong.accounts.models import SignInFailure, SignInLock
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record_event


def _user_key(username: str) -> str:
    return f"user:{username.strip().lower()}"


def _window_start():
    return timezone.now() - timedelta(minutes=settings.SIGNIN_LOCK_MINUTES)


def refusal(username: str, address: str) -> str:
    """The Chinese reason a sign-in is refused before its password is even checked, or ""."""
    locks = SignInLock.objects.filter(key__in=[_user_key(username), f"addr:{address}"], until__gt=timezone.now())
    for lock in locks.order_by("key"):
        minutes = max(1, int((lock.until - timezone.now()).total_seconds() // 60) + 1)
        if lock.key.startswith("user:"):
            return (
                f"账户因连续 {settings.SIGNIN_FAILURE_LIMIT} 次登录失败已被锁定，请 {minutes} 分钟后再试，"
                "或联系安全管理员解锁"
            )
        return f"该地址登录失败次数过多，已暂停登录，请 {minutes} 分钟后再试"
    return ""


def _lock(key: str, note: str, username: str) -> None:
    until = timezone.now() + timedelta(minutes=settings.SIGNIN_LOCK_MINUTES)
    SignInLock.objects.update_or_create(key=key, defaults={"until": until})
    record_event(AuditAction.LOCK, model="accounts.user", object_repr=username[:200], note=note)


@transaction.atomic
def record_failure(username: str, address: str) -> None:
    """Count a failed sign-in, audit it, and lock the user name or the address when its limit is reached."""
    username = username.strip()[:150]
    SignInFailure.objects.create(username=username.lower(), address=address)
    record_event(AuditAction.SIGN_IN_FAILED, model="accounts.user", object_repr=username, note=f"来自 {address}")
    since = _window_start()
    failures = SignInFailure.objects.filter(at__gte=since)
    if failures.filter(username=username.lower()).count() >= settings.SIGNIN_FAILURE_LIMIT:
        _lock(_user_key(username), f"连续 {settings.SIGNIN_FAILURE_LIMIT} 次登录失败，账户锁定", username)
    if failures.filter(address=address).count() >= settings.SIGNIN_ADDRESS_LIMIT:
        _lock(f"addr:{address}", f"地址 {address} 登录失败次数过多，暂停登录", username)


def record_success(username: str) -> None:
    SignInFailure.objects.filter(username=username.strip().lower()).delete()


def is_locked(user) -> bool:
    return SignInLock.objects.filter(key=_user_key(user.username), until__gt=timezone.now()).exists()


def unlock_account(user, *, actor) -> None:
    """The security administrator lifts a lockout; the failures counted so far are forgotten."""
    from shuangyong.accounts.services import ensure_manager

    ensure_manager(actor, user)
    with transaction.atomic():
        SignInLock.objects.filter(key=_user_key(user.username)).delete()
        SignInFailure.objects.filter(username=user.username.lower()).delete()
        record_event(AuditAction.UNLOCK, model="accounts.user", object_id=user.pk, object_repr=user.username)


def record_refused(username: str, address: str, reason: str) -> None:
    record_event(
        AuditAction.SIGN_IN_FAILED,
        model="accounts.user",
        object_repr=username.strip()[:150],
        note=f"来自 {address}：{reason}",
    )


def record_sign_in(user, note: str = "") -> None:
    record_event(AuditAction.SIGN_IN, model="accounts.user", object_id=user.pk, object_repr=user.username, note=note)


def record_sign_out(user, note: str = "") -> None:
    record_event(AuditAction.SIGN_OUT, model="accounts.user", object_id=user.pk, object_repr=user.username, note=note)
