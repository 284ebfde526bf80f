"""Every role of the demo county on every page it reaches from its navigation and its home page (the to-do
links among them) and on the first record of each, on a desktop, on a phone and printed on A4: each page loads
without an error, is no wider than the screen or the paper (on a screen a wide table scrolls inside its box;
printed it wraps) and shows no raw code (`grant`, `registry.entitlement`) where a Chinese word belongs. A
screenshot of each page goes to test-artifacts/screenshots/pages/."""

import re
from urllib.parse import urlsplit

import pytest

from shuangyong.accounts.models import User
from shuangyong.demo.county import DEMO_PASSWORD, USERS
from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE, login

# A4 upright less the print stylesheet's margins (210 − 2 × 10 mm) at the browser's 96 px per inch
PRINTED = {"width": 718, "height": 1000}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# a cell that is nothing but a lower-case identifier or a dotted label is a code shown instead of its name
RAW_CODE = re.compile(r"^[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+$|^[a-z]{3,}$")
# files and endpoints that are not pages: downloads, the API, the admin, the sign-out, the proxy's health check
NOT_PAGES = re.compile(
    r"\.(xlsx|xls|docx|zip|pdf|csv|png|jpg)(\?|$)|^/(api|admin|static|media|logout)/|/download|^/healthz"
)

CELLS = "Array.from(document.querySelectorAll('main td')).map(td => td.innerText.trim())"
LINKS = "Array.from(document.querySelectorAll('nav a[href], main a[href]')).map(a => a.getAttribute('href'))"
FIRST_ROW_LINK = "document.querySelector('main td a[href]')?.getAttribute('href') || ''"


def _page(href: str) -> str | None:
    if not href.startswith("/") or NOT_PAGES.search(href):
        return None
    parts = urlsplit(href)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _pages(watch) -> list[str]:
    """The pages linked from the navigation and from the home page, each once, in the order found."""
    found = [_page(href) for href in watch.page.evaluate(LINKS)]
    return list(dict.fromkeys(path for path in found if path))


def _look(watch, path: str, width: int, shot: str, names: set[str]) -> list[str]:
    response = watch.goto(path)
    problems = []
    if response is None or response.status != 200:
        return [f"{path}: HTTP {response.status if response else '—'}"]
    wide = watch.page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        problems.append(f"{path}: the page is {wide}px wide on a {width}px screen")
    codes = sorted({cell for cell in watch.page.evaluate(CELLS) if RAW_CODE.match(cell) and cell not in names})
    if codes:
        problems.append(f"{path}: raw codes shown {codes[:5]}")
    watch.screenshot(f"pages/{shot}")
    return problems


def _pdf(watch, path: str, name: str) -> None:
    """Print the page to an A4 PDF as the browser's print does (the print stylesheet's @page); the width was
    checked above at the paper's printable width, so nothing is cut off at the right."""
    watch.goto(path)
    pdf = watch.page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1
    (ARTIFACTS / "pages").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "pages" / f"{name}.pdf").write_bytes(pdf)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE, PRINTED], ids=["desktop", "phone", "printed"])
def test_every_role_sees_every_page_whole_and_in_chinese(make_page, demo_county, viewport):
    problems: list[str] = []
    visited = 0
    names = set(User.objects.values_list("username", flat=True))  # a sign-in name is shown as it is
    for username, *_ in USERS:
        watch = make_page(viewport=viewport)
        watch.page.set_default_navigation_timeout(45_000)  # some 250 pages in a row on a shared machine
        login(watch, username, DEMO_PASSWORD)
        if viewport is PRINTED:
            watch.page.emulate_media(media="print")  # as the browser lays the page out to print it
        pages = _pages(watch)
        top = len(pages)
        for index, path in enumerate(pages):  # grows: the first record of each page reached from home is opened
            shot = f"{username}-{viewport['width']}-{index:03d}"
            problems += [f"{username} {problem}" for problem in _look(watch, path, viewport["width"], shot, names)]
            record = _page(watch.page.evaluate(FIRST_ROW_LINK))
            if record and record not in pages and index < top:
                pages.append(record)
        visited += len(pages)
        if viewport is PRINTED and username == "syb":
            _pdf(watch, "/registry/", "roster")  # the roster as the browser prints it
        watch.assert_clean()
        watch.page.context.close()  # the next role's browser starts afresh
    assert visited > 100, f"only {visited} pages were visited"
    print(f"{visited} pages visited")
    assert not problems, "\n".join(problems)
