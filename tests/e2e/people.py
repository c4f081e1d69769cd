"""People of the journeys: verified officers of an office, and signing in as one in the browser.

Imported by the journeys as `from people import ...` (pytest puts this folder on the path: no package here).
"""

import re

from django.contrib.auth import get_user_model

from urafiki.accounts.models import Membership
from urafiki.places.models import Place

PASSWORD = "urafiki-journey-2026"


def expect(*args, **kwargs):
    """Playwright's expect, imported late: the journeys are skipped (not broken) where Playwright is missing."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def officer_of(code: str, email: str, name: str, language: str = "en"):
    """A verified officer of the office `code` (a place code), who signs in with PASSWORD."""
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD, display_name=name,
                                                language=language)
    Membership.objects.create(user=user, place=Place.objects.get(code=code), role=Membership.Role.OFFICER,
                              is_verified=True)
    return user


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))
