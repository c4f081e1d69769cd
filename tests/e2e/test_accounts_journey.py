"""Accounts in headless Chromium: sign up, ask to join a county as its officer, sign out and in again; the
sign-in page in Chinese; a forgotten password.

Screenshots go to tests/e2e/screenshots/accounts-*.png (gitignored).
"""

import re

import pytest
from django.utils.translation import gettext, override

from urafiki.accounts.models import Membership

pytestmark = pytest.mark.e2e

EMAIL = "wanjiru.kamau@kilifi.example"
PASSWORD = "Mnazi-2024-Kilifi"
PHONE = {"width": 390, "height": 844}


def expect(*args, **kwargs):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def translated(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def account_nav(page):
    return page.locator("header.site-header nav.account-nav")


def sign_in(page, email: str, password: str):
    """Fill the sign-in form by its fields' names, so that it works in any language."""
    form = page.locator("main form[action='/accounts/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()


def test_sign_up_ask_to_join_kilifi_sign_out_and_in_again(browsing, live_server, mailoutbox):
    session = browsing("en")
    page = session.page

    # A visitor signs up from the header.
    page.goto("/")
    expect(account_nav(page).get_by_role("link", name="Sign in")).to_be_visible()
    account_nav(page).get_by_role("link", name="Sign up").click()
    page.wait_for_url(re.compile(r"/accounts/signup/$"))
    expect(page.locator("h1")).to_have_text("Create an account")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    session.screenshot("accounts-1-sign-up")
    page.get_by_role("button", name="Create account").click()

    # Signed in at once (the e-mail address is confirmed later), back on the home page.
    page.wait_for_url(f"{live_server.url}/")
    expect(account_nav(page)).to_contain_text(EMAIL)
    expect(account_nav(page).get_by_role("link", name="API tokens")).to_have_attribute("href", "/account/api-tokens/")
    expect(page.locator("ul.messages")).to_contain_text("Successfully signed in")
    session.screenshot("accounts-2-signed-in-home")

    # My offices: ask to join Kilifi County as its officer.
    account_nav(page).get_by_role("link", name="My offices").click()
    page.wait_for_url(re.compile(r"/account/offices/$"))
    expect(page.locator("h1")).to_have_text("My offices")
    expect(page.locator("main")).to_contain_text("You have not asked to join an office yet.")
    page.get_by_label("Government office").fill("Kilifi County")
    page.get_by_role("radio", name=re.compile(r"^Officer\b")).check()
    page.get_by_role("button", name="Ask to join").click()
    page.wait_for_url(re.compile(r"/account/offices/$"))
    office = page.locator("ul.offices > li")
    expect(office).to_have_count(1)
    expect(office.locator("a.office-name")).to_have_text("Kilifi")
    expect(office).to_contain_text("KE-14")
    expect(office).to_contain_text("As officer")
    expect(office.locator(".status")).to_have_text("Waiting for verification")
    expect(page.locator("ul.messages")).to_contain_text("You asked to join Kilifi as officer.")
    session.screenshot("accounts-3-my-offices")
    membership = Membership.objects.get(user__email=EMAIL)
    assert (membership.place.code, membership.role, membership.is_verified) == ("KE-14", "officer", False)

    # A name shared by two prefectures: the page asks which one.
    page.get_by_label("Government office").fill("Taizhou")
    page.get_by_role("button", name="Ask to join").click()
    expect(page.locator("form legend")).to_have_text("Several places match “Taizhou”. Which one is your office?")
    expect(page.locator("label.choice")).to_have_count(2)
    session.screenshot("accounts-4-choose-office")
    page.get_by_role("link", name="Search again").click()

    # On a phone the header wraps and the page stays readable.
    page.set_viewport_size(PHONE)
    page.goto("/account/offices/")
    session.screenshot("accounts-5-my-offices-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 1280, "height": 900})

    # Sign out (a POST from the header), then the page asks to sign in first.
    account_nav(page).get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(account_nav(page).get_by_role("link", name="Sign in")).to_be_visible()
    expect(account_nav(page)).not_to_contain_text(EMAIL)
    page.goto("/account/offices/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/account/offices/$"))
    expect(page.locator("h1")).to_have_text("Sign in")
    session.screenshot("accounts-6-sign-in")

    # Signed in again, back on My offices: the same request, still waiting.
    sign_in(page, EMAIL, PASSWORD)
    page.wait_for_url(re.compile(r"/account/offices/$"))
    expect(office).to_have_count(1)
    expect(office.locator("a.office-name")).to_have_text("Kilifi")
    expect(office.locator(".status")).to_have_text("Waiting for verification")

    # The e-mailed link confirms the address; My offices stops asking for it.
    expect(page.locator("main .notice")).to_contain_text("Your e-mail address is not confirmed yet")
    links = [re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.body) for mail in mailoutbox]
    confirm_links = [link.group(0) for link in links if link]
    assert len(confirm_links) == 1
    page.goto(confirm_links[0])
    expect(page.locator("h1")).to_have_text("Confirm your e-mail address")
    expect(page.locator("main")).to_contain_text(EMAIL)
    session.screenshot("accounts-7-confirm-email")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto("/account/offices/")
    expect(page.locator("main .notice")).to_have_count(0)

    # The name in the header opens the profile: a name in any script, then the e-mail addresses.
    account_nav(page).get_by_role("link", name=EMAIL).click()
    page.wait_for_url(re.compile(r"/account/profile/$"))
    page.get_by_label("Name").fill("Amina Baya 阿米娜")
    page.get_by_role("button", name="Save").click()
    expect(account_nav(page).get_by_role("link", name="Amina Baya 阿米娜")).to_be_visible()
    page.get_by_role("link", name="Your e-mail addresses").click()
    page.wait_for_url(re.compile(r"/accounts/email/$"))
    expect(page.locator("h1")).to_have_text("Your e-mail addresses")
    address = page.locator("ul.addresses > li", has_text=EMAIL)
    expect(address).to_contain_text("Confirmed")
    expect(address).to_contain_text("Main address")
    expect(address.locator("button")).to_have_count(0)  # nothing to do with the one confirmed main address
    session.screenshot("accounts-8-email-addresses")
    assert session.errors == []


def test_sign_in_page_in_chinese(browsing):
    """The language switcher on the sign-in page; allauth's errors come in Chinese already."""
    session = browsing("en")
    page = session.page

    response = page.goto("/accounts/login/")
    assert response is not None and response.status == 200
    page.locator("form.language button[name=language][value=zh-hans]").click()
    page.wait_for_function("document.documentElement.lang === 'zh-hans'")
    assert page.url.endswith("/accounts/login/")
    # The heading is Urafiki's own string: English until the catalogue translates it, then Chinese.
    expect(page.locator("h1")).to_have_text(translated("zh-hans", "Sign in"))

    sign_in(page, "nobody@example.org", "not-the-password")
    expect(page.locator(".form-errors")).to_have_text("您提供的电子邮件地址和/或密码不正确。")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    session.screenshot("accounts-9-sign-in-zh")
    assert session.errors == []


def test_forgotten_password(browsing, live_server, mailoutbox, django_user_model):
    """Reset the password through the e-mailed link, then sign in with the new one."""
    django_user_model.objects.create_user(username="juma", email="juma@kilifi.example", password=PASSWORD)
    session = browsing("en")
    page = session.page

    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.wait_for_url(re.compile(r"/accounts/password/reset/$"))
    page.get_by_label("E-mail address").fill("juma@kilifi.example")
    session.screenshot("accounts-10-password-reset")
    page.get_by_role("button", name="Send me the link").click()
    page.wait_for_url(re.compile(r"/accounts/password/reset/done/$"))
    expect(page.locator("h1")).to_have_text("Check your e-mail")

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Choose a new password")
    page.get_by_label("New password", exact=True).fill("Baobab-2025-Malindi")
    page.get_by_label("New password again").fill("short")
    page.get_by_role("button", name="Change my password").click()
    expect(page.locator(".error")).to_have_text("You must type the same password each time.")
    session.screenshot("accounts-11-new-password-error")
    page.get_by_label("New password", exact=True).fill("Baobab-2025-Malindi")
    page.get_by_label("New password again").fill("Baobab-2025-Malindi")
    page.get_by_role("button", name="Change my password").click()
    page.wait_for_url(re.compile(r"/accounts/password/reset/key/done/$"))
    expect(page.locator("h1")).to_have_text("Password changed")

    page.get_by_role("link", name="Sign in with your new password").click()
    sign_in(page, "juma@kilifi.example", "Baobab-2025-Malindi")
    page.wait_for_url(f"{live_server.url}/")
    expect(account_nav(page)).to_contain_text("juma@kilifi.example")
    assert session.errors == []
