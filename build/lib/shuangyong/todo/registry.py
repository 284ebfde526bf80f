"""The to-do list (待办): what the records ask of a user now — each item a count in the user's scope, a due date
where there is one, and the link to the filtered list. Domain apps register providers in their todos.py (this
floor knows none of them); the home page, `GET /api/todo/` and `shuangyong todo` read the same list.

    register_todo(lambda user, today: [Todo("benefits.approve", "待审批的发放批次", n, None, url)])

A provider reads through accounts.scope (visible) and returns items with a count of 0 when there is nothing to
do; those are left out. Calendar items (the season of a visit or a campaign, data per region) carry count 0.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone


@dataclass(frozen=True)
class Todo:
    kind: str  # what it is, stable for a digest ("benefits.approve", "calendar.bayi_visits")
    label: str
    count: int
    due: date | None
    url: str

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "count": self.count,
            "due": self.due.isoformat() if self.due else None,
            "url": self.url,
        }

    @property
    def calendar(self) -> bool:
        return self.kind.startswith("calendar.")


Provider = Callable[..., Iterable[Todo]]
_providers: list[Provider] = []


def register_todo(provider: Provider) -> Provider:
    """Add a provider `provider(user, today) -> Iterable[Todo]` (usable as a decorator)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def todos_for(user, today: date | None = None) -> list[Todo]:
    """The user's to-do items with something to do: overdue and dated first (by due date), then the rest; the
    calendar's seasons after the work."""
    today = today or timezone.localdate()
    found = [item for provider in _providers for item in provider(user, today) if item.count or item.calendar]
    return sorted(found, key=lambda t: (t.calendar, t.due is None, t.due or today, t.kind))
