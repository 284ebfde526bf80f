"""The second factor (等保 双因子鉴别): TOTP (RFC 6238) through django-otp, with one-time recovery codes.

Required for the three administrators and for everyone who may approve payments; optional for the others.
"""

import segno
from django.db import transaction
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shuangyong.accounts.roles import GLOBAL_ROLES, Cap
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record_event

RECOVERY_CODES = 10
RECOVERY_DEVICE = "恢复码"


def required(user) -> bool:
    return user.role in GLOBAL_ROLES or user.can(Cap.APPROVE_PAYMENTS)


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def required_or_enrolled(user) -> bool:
    return required(user) or has_device(user)


def verify_code(user, code: str):
    """The device that accepts `code` (a TOTP code or an unused recovery code, which is then spent), or None."""
    code = (code or "").strip().replace(" ", "")
    return match_token(user, code) if code else None


def start_enrolment(user) -> TOTPDevice:
    """A fresh unconfirmed TOTP device for the user to scan; an earlier unfinished one is dropped."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="动态验证码", confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URL as an SVG QR code, drawn here (no image leaves the server)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def confirm_enrolment(user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device with its first code; returns the new recovery codes, or None when the code is wrong."""
    if device.user_id != user.pk or not device.verify_token((code or "").strip()):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        record_event(
            AuditAction.FACTOR,
            model="accounts.user",
            object_id=user.pk,
            object_repr=user.username,
            note="绑定动态验证码并生成恢复码",
        )
    return codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def reset_factor(user, *, actor) -> None:
    """The security administrator clears a user's factor (a lost phone); the user enrols again at next sign-in."""
    from shuangyong.accounts.services import ensure_manager

    ensure_manager(actor, user)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        record_event(
            AuditAction.FACTOR,
            model="accounts.user",
            object_id=user.pk,
            object_repr=user.username,
            note="安全管理员重置第二因子",
        )
