"""The role × page matrix, generated from the URL configuration: every page that takes no argument, opened by every
role a person may hold. What each page should answer comes from what the page declares (`accounts.pages.page`):
the page itself (200, or 405 for a form that only takes POST) to a role that holds a right it asks for, 403 to
any other. A new page is in the matrix without a line here, and a page that declares nothing fails it. Pages
that take an object's number are refused, whatever the number, to every role their declaration leaves out; the
roles it lets in are tried against objects outside their scope by web/tests/test_cross_scope.py, generated the
same way."""

import re

import pytest
from conftest import PASSWORD
from django.urls import URLPattern, URLResolver, get_resolver

from shuangyong.accounts.pages import may_open
from shuangyong.accounts.roles import PERSON_ROLES

pytestmark = pytest.mark.django_db

# the sign-in pages come before any role (accounts/tests/test_signin.py tries them)
SIGN_IN = {"login", "login_factor", "login_enrol", "logout", "password_change", "password_change_done"}
NOT_PAGES = ("api/", "admin/", "static/", "media/", "healthz")  # healthz: for the proxy (tests/test_health.py)
ARGUMENT = re.compile(r"<(?:\w+:)?\w+>")


def pages(
    entries=None, prefix: str = "", namespace: str = "", *, filled: bool = False
) -> list[tuple[str, str, object]]:
    """(name, path, view) of every named URL outside the API, the admin and the files: those without arguments, or
    (`filled`) those with, each argument filled in with 1."""
    found = []
    for entry in entries if entries is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += pages(entry.url_patterns, route, entry.namespace or namespace, filled=filled)
            continue
        assert isinstance(entry, URLPattern)
        takes = bool(getattr(entry.pattern, "converters", {})) or "(?P" in route
        if takes != filled or route.startswith(NOT_PAGES) or not entry.name:
            continue
        name = f"{namespace}:{entry.name}" if namespace else entry.name
        found.append((name, "/" + ARGUMENT.sub("1", route), entry.callback))
    return found


def test_the_matrix_is_generated_from_the_url_configuration():
    names = {name for name, _, _ in pages()}
    assert {"home", "registry:list", "benefits:runs", "assessment:index", "intake:upload"} <= names
    assert len(names) >= 60


def test_every_page_declares_what_it_asks_of_its_reader():
    every = pages() + pages(filled=True)
    undeclared = sorted(name for name, _, view in every if name not in SIGN_IN and not hasattr(view, "page_rights"))
    assert undeclared == []
    assert len({name for name, _, _ in pages(filled=True)}) >= 70


@pytest.mark.parametrize("role", [role.value for role in PERSON_ROLES])
def test_each_role_is_refused_each_object_page_it_may_not_open(client, users, role):
    """Before any object is looked up: the answer does not depend on the number (objects in scope are tried by
    each app's tests, objects outside it by test_cross_scope)."""
    user = users[role]
    assert client.login(username=role, password=PASSWORD)
    wrong = []
    for name, path, view in pages(filled=True):
        if not may_open(user, view.page_rights, view.page_roles):
            for method in (client.get, client.post):
                status = method(path).status_code
                if status != 403:
                    wrong.append((name, method.__name__, status))
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.parametrize("role", [role.value for role in PERSON_ROLES])
def test_each_role_gets_each_page_or_a_403(client, users, role):
    user = users[role]
    assert client.login(username=role, password=PASSWORD)
    wrong = []
    for name, path, view in pages():
        if name in SIGN_IN:
            continue
        status = client.get(path).status_code
        allowed = may_open(user, view.page_rights, view.page_roles)
        if (allowed and status not in (200, 405)) or (not allowed and status != 403):
            wrong.append((name, status, "allowed" if allowed else "refused"))
    assert wrong == [], "\n".join(map(str, wrong))
