"""An optional read replica (DATABASE_REPLICA_URL: a PostgreSQL streaming replica) for the heavy reads of a large
installation — the reports, the dashboard, the figures' record lists, the registry's list — so they do not load
the primary that takes the writes.

Reads go to the replica only inside a view marked with @replica_reads (or a `reading_replica()` block): pages
that show what a user has just saved read the primary, so replication lag never hides a write from its author.
Writes always go to the primary. Without DATABASE_REPLICA_URL everything reads the primary."""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_reading: ContextVar[bool] = ContextVar("reading_replica", default=False)


@contextmanager
def reading_replica():
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def replica_reads(view: Callable) -> Callable:
    @wraps(view)
    def on_replica(request, *args, **kwargs):
        if request.method != "GET":
            return view(request, *args, **kwargs)
        with reading_replica():
            return view(request, *args, **kwargs)

    return on_replica


class ReplicaRouter:
    """settings.DATABASE_ROUTERS when a replica is configured."""

    def db_for_read(self, model, **hints) -> str | None:
        if _reading.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints) -> str | None:
        return None

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        return True  # the replica holds the primary's rows: objects read from either relate

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        return db != REPLICA  # the replica follows the primary; it is never migrated itself
