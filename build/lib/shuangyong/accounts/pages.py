"""What a page asks of its reader, declared where the view is: `@page(Cap.VIEW_RECORDS)`.

Sign-in first, then the rights: a reader holding none of `rights` (or of another role than `roles`, where given)
gets the 403 page with a Chinese reason. The declaration stays on the view (`page_rights`, `page_roles`), so the
role × page matrix (web/tests/test_page_matrix.py), generated from the URL configuration, knows what every page
should answer every role: a page that declares nothing fails that test. Checks that depend on the object (scope)
stay in the view and in accounts.scope.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def may_open(user, rights: Iterable[str], roles: Iterable[str] | None) -> bool:
    rights = tuple(rights)
    if rights and not any(user.can(right) for right in rights):
        return False
    return roles is None or user.role in roles


def page(*rights: str, roles: Iterable[str] | None = None) -> Callable:
    """A page for signed-in readers holding any of `rights` (none named: every signed-in reader)."""
    role_set = frozenset(roles) if roles is not None else None

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not may_open(request.user, rights, role_set):
                raise PermissionDenied("您的角色不能使用此页面")
            return view(request, *args, **kwargs)

        guarded = login_required(checked)
        guarded.page_rights = frozenset(rights)  # type: ignore[attr-defined]
        guarded.page_roles = role_set  # type: ignore[attr-defined]
        return guarded

    return decorate


def year_shown(request, *, ahead: int = 0) -> int:
    """The year a page shows: its ?year= (2000–2100), else this year (`ahead` years on: a plan shows next year's)."""
    from django.utils import timezone

    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year + ahead
