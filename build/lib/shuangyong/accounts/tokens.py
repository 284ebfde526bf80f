"""API tokens (django-rest-knox): stored only as a hash, expire after API_TOKEN_HOURS, revocable one by one by
their owner and all at once on sign-out, password change and deactivation. Every issue and revocation is audited."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions

from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record_event

CHINESE = {
    str(_("Invalid token.")): "认证令牌无效或已过期。",
    str(_("User inactive or deleted.")): "用户已停用。",
}


class ExpiringTokenAuthentication(TokenAuthentication):
    """Knox's authentication with its refusals in Chinese."""

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed as exc:
            raise exceptions.AuthenticationFailed(CHINESE.get(str(exc.detail), "认证令牌无效。")) from None


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    target_class = ExpiringTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token-based authentication with required prefix "Token"',
        }


def issue_token(user) -> tuple[AuthToken, str]:
    with transaction.atomic():
        token, key = AuthToken.objects.create(user, expiry=timedelta(hours=settings.API_TOKEN_HOURS))
        record_event(
            AuditAction.TOKEN_ISSUE,
            model="accounts.user",
            object_id=user.pk,
            object_repr=user.username,
            note=f"令牌 {token.token_key[:8]}…，有效至 {token.expiry:%Y-%m-%d %H:%M}",
        )
    return token, key


def revoke_token(token: AuthToken, *, reason: str) -> None:
    with transaction.atomic():
        deleted, _ = AuthToken.objects.filter(pk=token.pk).delete()
        if deleted:
            record_event(
                AuditAction.TOKEN_REVOKE,
                model="accounts.user",
                object_id=token.user_id,
                object_repr=token.user.username,
                note=f"令牌 {token.token_key[:8]}…：{reason}",
            )


def revoke_all_tokens(user, *, reason: str) -> int:
    with transaction.atomic():
        deleted, _ = AuthToken.objects.filter(user=user).delete()
        if deleted:
            record_event(
                AuditAction.TOKEN_REVOKE,
                model="accounts.user",
                object_id=user.pk,
                object_repr=user.username,
                note=f"全部 {deleted} 个令牌：{reason}",
            )
    return deleted
