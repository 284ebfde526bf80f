"""What every API view shares: the scope filter on every queryset and domain errors as JSON."""

from django.core.exceptions import PermissionDenied
from rest_framework import exceptions, viewsets
from rest_framework.views import exception_handler as drf_handler

from shuangyong.accounts.scope import ScopeDenied, visible


class ScopedViewSetMixin:
    """get_queryset always passes through accounts.scope.visible: no endpoint can forget the scope."""

    base_queryset = None

    def get_queryset(self):
        return visible(self.request.user, self.base_queryset.all())


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class DomainError(exceptions.APIException):
    status_code = 400
    default_code = "invalid"


def exception_handler(exc, context):
    if isinstance(exc, ScopeDenied | PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "无权访问")
    return drf_handler(exc, context)
