"""Headless Chromium (Debian's package) driven by Playwright against the live test server.

Playwright's sync API runs an event loop in this thread, which Django would otherwise refuse to run
database calls beside; hence DJANGO_ALLOW_ASYNC_UNSAFE for the browser tests only.
"""

import os
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class PageWatch:
    """Collects console errors and failed responses: a failing page is a failing test."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("response", self._response)
        self.expected_statuses: set[int] = set()

    def _console(self, message):
        if message.type != "error":
            return
        if any(f"status of {code}" in message.text for code in self.expected_statuses):
            return  # the browser's own note about a deliberate error page
        self.problems.append(f"console: {message.text}")

    def _response(self, response):
        if response.status >= 400 and response.status not in self.expected_statuses:
            self.problems.append(f"{response.status} {response.url}")

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def make_page(browser, live_server):
    contexts = []

    def make(viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return PageWatch(page)

    yield make
    for context in contexts:
        context.close()


def login(watch: PageWatch, base_url: str, username: str, password: str) -> None:
    page = watch.page
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")
