"""Who is acting right now, for the audit log.

The web middleware, management commands and background tasks set the actor once; every audited
write below them reads it from here, so services need not thread `user=` into the audit layer.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    get_user: Callable[[], Any]  # returns accounts.User, or None for the system
    source: str  # an IP address, "命令行" or "后台任务"

    @property
    def user(self):
        user = self.get_user()
        if user is not None and not getattr(user, "is_authenticated", False):
            return None
        return user


_current: ContextVar[Actor | None] = ContextVar("audit_actor", default=None)

SYSTEM = Actor(get_user=lambda: None, source="系统")


def current_actor() -> Actor:
    return _current.get() or SYSTEM


@contextmanager
def acting_as(user: Any = None, source: str = "系统", *, get_user: Callable[[], Any] | None = None):
    """Set the actor for the block. `get_user` defers the lookup (API token auth happens later)."""
    token = _current.set(Actor(get_user=get_user or (lambda: user), source=source))
    try:
        yield
    finally:
        _current.reset(token)


def command_line_source() -> str:
    import getpass

    try:
        return f"命令行 {getpass.getuser()}"
    except (KeyError, OSError):
        return "命令行"


@contextmanager
def actor_for(user):
    """Inside a service called with `user=`: make that user the actor unless a request already named one."""
    current = current_actor()
    if user is not None and current.user is None:
        with acting_as(user, current.source):
            yield
    else:
        yield
