"""End-to-end journeys in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright's Python package).

Never downloads a browser. Without /usr/bin/chromium the journeys are skipped, except in CI (CI=true), where
they must run and therefore fail. Run: `.venv/bin/python -m pytest tests/e2e -q`.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; Django's ORM would otherwise refuse to run there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
# A full-page screenshot of the live site: Accept-Language values a browser of each language sends.
ACCEPT_LANGUAGE = {"en": "en-US,en;q=0.9", "zh-hans": "zh-CN,zh;q=0.9", "sw": "sw-KE,sw;q=0.9"}
BROWSER_LOCALE = {"en": "en-US", "zh-hans": "zh-CN", "sw": "sw-KE"}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def _unavailable(reason: str):
    if _in_ci():
        pytest.fail(f"{reason} (CI=true: the end-to-end journeys must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_available():
    """Skip (or, in CI, fail) before any costly set-up when the browser cannot run."""
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium package to run the e2e journeys")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _unavailable("the playwright Python package is not installed")


@pytest.fixture(scope="session")
def browser(chromium_available):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _reference_data(chromium_available, transactional_db):
    """live_server tests are transactional: the database is flushed after each one. Reload what they need."""
    from urafiki.places.models import Place

    if not Place.objects.filter(code="KE-14").exists():
        call_command("load_reference_data", stdout=io.StringIO())


class Browsing:
    """A browser context on the live server that records console errors and uncaught page errors."""

    def __init__(self, browser, base_url: str, language: str | None = None):
        options = {"base_url": base_url, "viewport": VIEWPORT}
        if language:
            options["locale"] = BROWSER_LOCALE[language]
            options["extra_http_headers"] = {"Accept-Language": ACCEPT_LANGUAGE[language]}
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _console(self, message):
        if message.type == "error":
            location = message.location or {}
            self.errors.append(f"console error at {location.get('url', '?')}: {message.text}")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.context.close()


@pytest.fixture
def browsing(browser, live_server):
    """Open browsing sessions: browsing() in the browser's default language, browsing("sw") in Kiswahili, …"""
    opened: list[Browsing] = []

    def open_session(language: str | None = None) -> Browsing:
        session = Browsing(browser, live_server.url, language)
        opened.append(session)
        return session

    yield open_session
    for session in opened:
        session.close()
