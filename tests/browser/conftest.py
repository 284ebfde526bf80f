"""Headless Chromium (Debian's package, never a downloaded one) driven by Playwright against the live test server.

Every page a test opens is watched: a JavaScript error, a console error or a response with status >= 400 fails
the test, unless the test declared that status as deliberate (`watch.expect_status(404)`).
Screenshots go to test-artifacts/screenshots/.
"""

import contextlib
import os
import socket
from datetime import date
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread


class OneRequestAtATime(WSGIServer):
    """The live server without a thread per request: with SQLite in memory all its threads share the test's one
    connection, which Django documents as unsafe; the dashboard's parallel chart requests then hung the suite now
    and again. Requests run in the server's own thread, where LiveServerThread.run installs the connections.
    With one thread, a connection is closed after its one request (see _one_request_each)."""

    def __init__(self, server_address, handler, *args, connections_override=None, **kwargs):
        super().__init__(server_address, _one_request_each(handler), *args, **kwargs)


def _one_request_each(handler):
    class OneRequestEach(handler):
        """No keep-alive: the one thread would otherwise wait on an idle connection that another browser context
        keeps open, while this one's request waits (the every-page test timed out so, now and again)."""

        def handle(self):
            self.close_connection = True
            self.handle_one_request()
            with contextlib.suppress(AttributeError, OSError):
                self.connection.shutdown(socket.SHUT_WR)

    return OneRequestEach


LiveServerThread.server_class = OneRequestAtATime

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)")
    # Playwright's sync API keeps an event loop running in this thread from here on, and Django refuses
    # database calls beside a running loop unless told otherwise. Set here, once the browser starts, so that
    # tests collected before the browser tests keep Django's check.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class PageWatch:
    """A page plus everything that went wrong on it: a failing page is a failing test."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []
        self.expected_statuses: set[int] = set()
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"JavaScript error on {page.url}: {exc}"))
        page.on("response", self._response)

    def expect_status(self, status: int) -> None:
        """Declare an error status as deliberate (e.g. a 404 the test provokes)."""
        self.expected_statuses.add(status)

    def _console(self, message):
        if message.type != "error":
            return
        if any(f"status of {code}" in message.text for code in self.expected_statuses):
            return  # the browser's own note about the deliberate error response
        self.problems.append(f"console error on {self.page.url}: {message.text}")

    def _response(self, response):
        if response.status >= 400 and response.status not in self.expected_statuses:
            self.problems.append(f"HTTP {response.status} {response.request.method} {response.url}")

    def goto(self, path: str):
        return self.page.goto(f"{self.base_url}{path}")

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def assert_clean(self) -> None:
        problems, self.problems = self.problems, []  # reported here, not once more at teardown
        assert not problems, "problems on the pages visited:\n  " + "\n  ".join(problems)


@pytest.fixture
def make_page(browser, live_server):
    """make_page(viewport=None) -> PageWatch in a fresh browser context (own cookies), zh-CN locale.

    At teardown every page is checked once more, so a console error after the test's last assertion still fails.
    """
    contexts, watches = [], []

    def make(viewport=None) -> PageWatch:
        context = browser.new_context(viewport=viewport or DESKTOP, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        watch = PageWatch(page, live_server.url)
        watches.append(watch)
        return watch

    yield make
    for context in contexts:
        context.close()
    problems = [problem for watch in watches for problem in watch.problems]
    if problems:
        pytest.fail("problems on the pages visited:\n  " + "\n  ".join(problems))


@pytest.fixture
def demo_county():
    """The demo county as of 2026-11-25 (its logins: shuangyong.demo.county.USERS, password DEMO_PASSWORD)."""
    from conftest import load_shipped_data

    from shuangyong.demo.services import build_demo

    load_shipped_data()  # an earlier transactional test's flush emptied the code tables the demo needs
    build_demo(date(2026, 11, 25))


def login(watch: PageWatch, username: str, password: str) -> None:
    """Log in through the login form (and the second factor, for the roles that need it); wait for the home page."""
    from conftest import totp_code

    from shuangyong.accounts import factors
    from shuangyong.accounts.models import User

    page = watch.page
    needs_factor = factors.required_or_enrolled(User.objects.get(username=username))
    code = totp_code(username) if needs_factor else ""
    watch.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if needs_factor:
        page.wait_for_url(f"{watch.base_url}/login/factor/")
        page.fill("#id_code", code)
        page.click("button[type=submit]")
    page.wait_for_url(f"{watch.base_url}/")


def logout(watch: PageWatch) -> None:
    """Log out through the header's POST form and wait for the login page."""
    watch.page.click("header form button:has-text('退出')")
    watch.page.wait_for_url(f"{watch.base_url}/login/*")
