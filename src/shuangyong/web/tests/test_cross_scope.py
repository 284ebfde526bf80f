"""Generated from the URL configuration: every page and API endpoint that takes an object's number, tried by
every region- and unit-bound role and by the three administrators against objects outside their scope.

The demo county supplies objects of every kind; for each user, one object of each scoped model that the user may
not read is chosen, with a number that no object the user may read has in any table — so a 200 can only mean a
leak. Every answer must be a refusal (400, 403, 404, a redirect to sign in, or 405), and no request may write an audit
entry (nothing changed). Limit: a URL's model is not known here, so a model whose hidden objects all share their
numbers with objects the user may read (small tables: units, jobs, meetings) is left out; the per-app scope
tests cover those.
"""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
ROLES = ["fengshan", "beimen", "wenlv", "sysadmin", "secadmin", "auditadmin"]
# 400: some API actions check the (empty) body before looking the object up; the answer is the same whether the
# object exists or not, and nothing is written (checked below)
REFUSED = {302, 400, 403, 404, 405}
NUMBER = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def object_patterns(resolvers=None, prefix: str = "") -> list[tuple[str, list[str]]]:
    """(route template, parameter names) of every URL whose parameters are all object numbers."""
    found = []
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += object_patterns(entry.url_patterns, route)
            continue
        assert isinstance(entry, URLPattern)
        converters = getattr(entry.pattern, "converters", {})
        ints = [name for name, c in converters.items() if isinstance(c, IntConverter)]
        others = [name for name in converters if name not in ints]
        groups = NUMBER.findall(route)  # the API router's (?P<pk>[^/.]+)
        if (ints or groups) and not others and all(g in {"pk", "id"} for g in groups):
            found.append((route, ints + groups))
    return found


def fill(route: str, number: int) -> str:
    path = NUMBER.sub(str(number), route)
    path = re.sub(r"<(?:\w+:)?\w+>", str(number), path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


# Kept by no region or unit and reached by a page: each readable by all, or by those its right names
BY_RIGHT = {"audit.auditentry": Cap.VIEW_AUDIT, "accounts.user": Cap.MANAGE_USERS}
OPEN_PAGES = {"benefits.standard", "benefits.wagebase", "reports.summarytemplate"}


def numbered(model) -> bool:
    return model._meta.pk.get_internal_type() in {"AutoField", "BigAutoField"}


def outsiders(user) -> dict[str, int]:
    """One object number per scoped model the user may not read, and which is no number the user may read in any
    table (a 200 for such a number could be that other object, and would prove nothing)."""
    scoped = [m for m in apps.get_models() if getattr(m, "scope_region_field", None) or m._meta.label_lower in
              {"units.unit", "regions.region"}]  # fmt: skip
    readable = set()
    for model in apps.get_models():
        label = model._meta.label_lower
        if not numbered(model):
            continue
        if model in scoped:
            readable.update(visible(user, model._base_manager.all()).values_list("pk", flat=True))
        elif label in OPEN_PAGES or (label in BY_RIGHT and user.can(BY_RIGHT[label])):
            readable.update(model._base_manager.values_list("pk", flat=True))
    chosen = {}
    for model in scoped:
        if not numbered(model):
            continue
        hidden = model._base_manager.exclude(pk__in=visible(user, model._base_manager.all()).values("pk"))
        pks = hidden.order_by("pk").values_list("pk", flat=True)
        taken = set(chosen.values())
        pk = next((pk for pk in pks.iterator() if pk not in readable and pk not in taken), None)
        if pk is not None:  # nobody else's readable number, and another model's number than the others'
            chosen[model._meta.label] = pk
    return chosen


def latest_entry() -> int | None:
    """The newest audit entry's number (an index lookup; a count walks the whole log on PostgreSQL)."""
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()


def test_no_page_or_endpoint_reaches_an_object_outside_the_users_scope(client, capsys):
    from django.core.management import call_command

    call_command("demo")
    capsys.readouterr()
    patterns = object_patterns()
    assert len(patterns) > 80, [p for p, _ in patterns]
    tried, leaks = 0, []
    for username in ROLES:
        user = User.objects.get(username=username)
        client.force_login(user)
        numbers = outsiders(user)
        # each number once (several models may share one)
        distinct: dict[int, str] = {}
        for label, number in numbers.items():
            distinct.setdefault(number, label)
        assert len(numbers) >= (2 if user.is_global_role else 8), (numbers, username)
        print(f"{username}: {len(numbers)} models, e.g. {dict(list(numbers.items())[:4])}")
        last = latest_entry()  # then the newest entry after each request is the one before the next
        for route, _ in patterns:
            for number, label in distinct.items():
                path = fill(route, number)
                for method in (client.get, client.post):
                    status = method(path).status_code
                    tried += 1
                    newest = latest_entry()
                    if status not in REFUSED:
                        leaks.append(f"{username} {method.__name__.upper()} {path} ({label}) → {status}")
                    elif newest != last:
                        leaks.append(f"{username} {method.__name__.upper()} {path} ({label}) wrote to the audit log")
                    last = newest
    print(f"cross-scope requests tried: {tried}")
    assert not leaks, "\n".join(leaks[:50])
