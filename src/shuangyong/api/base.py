"""What every API view shares: the scope filter on every queryset, and refusals and domain errors as JSON."""

import re
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers, viewsets
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_handler

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.audit.context import actor_for
from shuangyong.audit.services import record_reveal
from shuangyong.errors import RuleError
from shuangyong.regions.codes import InvalidRegionCode
from shuangyong.regions.services import RegionError, resolve_region
from shuangyong.replica import reading_replica

# Errors the services raise with a message meant for the user: each becomes a 400 with that message.
DOMAIN_ERRORS = (RuleError, InvalidRegionCode)


class ScopedViewSetMixin:
    """get_queryset always passes through accounts.scope.visible: no endpoint can forget the scope.

    Subclasses narrow `base_queryset` (filters) by overriding get_queryset and calling super() first.
    """

    base_queryset = None

    def get_queryset(self):
        return visible(self.request.user, self.base_queryset.all())

    def list(self, request, *args, **kwargs):
        with reading_replica():  # lists read the replica when there is one (replica.py); details the primary
            return super().list(request, *args, **kwargs)


class RevealAuditedMixin:
    """For endpoints whose answers carry full ID or account numbers to readers who hold view_full_ids: every such
    answer is audited (the serializers mask them for everyone else)."""

    reveal_what = "接口数据"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        user = getattr(request, "user", None)
        if response.status_code == 200 and user is not None and user.is_authenticated and user.can(Cap.VIEW_FULL_IDS):
            data = response.data
            count = len(data["results"]) if isinstance(data, dict) and "results" in data else 1
            with actor_for(user):
                record_reveal(self.reveal_what, count, f"{request.method} {request.get_full_path()}")
        return response


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


NOT_FOUND = "未找到该记录（不存在，或不在您的管辖范围内）"


class DomainError(exceptions.APIException):
    status_code = 400
    default_detail = "请求无效"
    default_code = "invalid"


class ErrorSerializer(serializers.Serializer):
    """The body of every refusal: {"detail": "..."} in Chinese; a refused body adds each field's messages."""

    detail = serializers.CharField(help_text="一句中文说明；数据有误时指明第一个有误的字段")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="提交的数据有误时：每个有误字段的说明（non_field_errors 为整体的）",
    )


# For extend_schema(responses=...): what a write may answer besides success.
WRITE_ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}


def year_param(request) -> int | None:
    """?year= as a four-digit year (None when absent); anything else is a 400 in Chinese."""
    raw = request.query_params.get("year", "").strip()
    if raw and not (raw.isdigit() and len(raw) == 4):
        raise DomainError(f"参数 year：“{raw}”无效，应为四位年份")
    return int(raw) if raw else None


def region_param(request, name: str) -> str | None:
    """A query parameter holding a region code (12 digits or short): the 12-digit code, or a 400 naming it."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        return resolve_region(raw).code
    except RegionError as exc:
        raise DomainError(f"参数 {name}：{exc}") from None


def int_param(request, name: str) -> int | None:
    """?name= as a whole number (an object's number), or a 400 naming the parameter."""
    raw = request.query_params.get(name, "").strip()
    if raw and not raw.isdigit():
        raise DomainError(f"参数 {name}：“{raw}”无效，应为整数")
    return int(raw) if raw else None


def date_param(request, name: str) -> date | None:
    """?name= as a day (YYYY-MM-DD), or a 400 naming the parameter."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise DomainError(f"参数 {name}：“{raw}”无效，应为 YYYY-MM-DD") from None


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def month_param(request, name: str) -> date | None:
    """?name= as a month (YYYY-MM): its first day, or a 400 naming the parameter."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    match = _MONTH.match(raw)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise DomainError(f"参数 {name}：“{raw}”无效，应为 YYYY-MM")
    return date(int(match.group(1)), int(match.group(2)), 1)


def form_params(form) -> dict:
    """A Django form of query filters, checked: its cleaned values, or a 400 naming the first parameter at fault
    (never the whole list with the bad filter silently dropped)."""
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        raise DomainError(f"参数 {name}：“{form.data.get(name, '')}”无效，{'；'.join(errors)}")
    return form.cleaned_data


def choice_param(request, name: str, choices) -> str | None:
    raw = request.query_params.get(name, "").strip()
    if raw and raw not in choices:
        raise DomainError(f"参数 {name}：“{raw}”无效，可选 {'、'.join(choices)}")
    return raw or None


def _validation_message(exc: DjangoValidationError) -> str:
    if not hasattr(exc, "error_dict"):
        return "；".join(exc.messages)
    return "；".join(f"{field}：{'，'.join(errors)}" for field, errors in exc.message_dict.items())


def exception_handler(exc, context):
    if isinstance(exc, DOMAIN_ERRORS):
        exc = DomainError(str(exc))
    elif isinstance(exc, DjangoValidationError):
        exc = DomainError(_validation_message(exc))
    elif isinstance(exc, Http404):
        # Django's message is English and names the model; out-of-scope records are "not found" too
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, PermissionDenied):  # includes accounts.scope.ScopeDenied
        exc = exceptions.PermissionDenied(str(exc) or "无权访问")
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        # APIView downgrades these to 403 because session auth comes first; API clients expect 401.
        exc.status_code, exc.auth_header = 401, "Token"
    response = drf_handler(exc, context)
    if response is not None and not (isinstance(response.data, dict) and set(response.data) == {"detail"}):
        response.data = _one_shape(response.data)
    return response


def _one_shape(data) -> dict:
    """A serializer's {"field": ["..."]} as {"detail": "字段 field：...", "fields": {...}}: a client reads "detail"
    whatever was refused, and still finds each field's messages."""
    fields = data if isinstance(data, dict) else {api_settings.NON_FIELD_ERRORS_KEY: data}
    name, messages = next(iter(fields.items()), ("", ["请求无效"]))
    first = messages[0] if isinstance(messages, list) and messages else messages
    detail = str(first) if name == api_settings.NON_FIELD_ERRORS_KEY else f"字段 {name}：{first}"
    return {"detail": detail, "fields": fields}
