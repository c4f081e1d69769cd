"""Guards the Kiswahili catalogue of django-allauth's own messages: locale_allauth/sw/LC_MESSAGES/django.po.

allauth ships no Kiswahili catalogue, so its form errors, flash messages and e-mails would reach Kiswahili
readers in English. locale_allauth/ holds one, apart from locale/ (which makemessages --no-obsolete rewrites
from the project's source), listed after locale/ in LOCALE_PATHS so that the project's translations win.

It covers allauth's msgids of the parts the site uses: allauth/account, allauth/core and the templates
under templates/account and templates/allauth (not socialaccount, mfa, usersessions, headless or idp).
After an allauth upgrade, add the new msgids of those parts (from allauth/locale/en/LC_MESSAGES/django.po),
translate them, then:
    .venv/bin/python manage.py compilemessages --ignore=.venv
and commit the .po and the .mo files.
"""

import re
from collections import Counter
from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

BASE_DIR = Path(settings.BASE_DIR)
PO_PATH = BASE_DIR / "locale_allauth" / "sw" / "LC_MESSAGES" / "django.po"
PROJECT_PO_PATH = BASE_DIR / "locale" / "sw" / "LC_MESSAGES" / "django.po"
ALLAUTH_TEMPLATE = Path(allauth.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Occurrences (relative to the allauth package) of the parts the site uses.
USED_PARTS = ("account/", "templates/account/", "templates/allauth/", "core/")

# %(name)s, %s, %d … and {name}, {}: printf-style and str.format placeholders.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\w*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# A Kiswahili translation identical to its English source is a forgotten one, except for these.
SW_SAME_ALLOWED: set[str] = set()

PASSWORD = "urafiki-kiswahili-2026"
WRONG_LOGIN_EN = "The email address and/or password you specified are not correct."
WRONG_LOGIN_SW = "Anwani ya barua pepe na/au nenosiri uliloandika si sahihi."


def load_po() -> polib.POFile:
    assert PO_PATH.exists(), f"{PO_PATH} is missing"
    return polib.pofile(str(PO_PATH))


def entries() -> list[polib.POEntry]:
    return [entry for entry in load_po() if not entry.obsolete]


def where(entry: polib.POEntry) -> str:
    context = f" [context {entry.msgctxt!r}]" if entry.msgctxt else ""
    return f"{PO_PATH.relative_to(BASE_DIR)}:{entry.linenum}: msgid {entry.msgid!r}{context}"


def texts(entry: polib.POEntry) -> list[str]:
    return (
        [text for _index, text in sorted(entry.msgstr_plural.items())]
        if entry.msgid_plural
        else [entry.msgstr]
    )


def report(problems: list[str], what: str) -> str:
    return f"{len(problems)} {what}:\n  " + "\n  ".join(problems)


@pytest.fixture(autouse=True)
def _keep_the_active_language():
    """The test client's requests activate the reader's language in this thread: undo it afterwards."""
    with translation.override(translation.get_language()):
        yield


# ------------------------------------------------------------------------------------------- catalogue


def test_header_is_valid():
    po = load_po()
    assert po.metadata.get("Language") == "sw"
    assert po.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert not po.metadata_is_fuzzy, f"{PO_PATH}: the header is marked fuzzy"


def test_every_entry_is_translated_and_checked():
    problems = []
    for entry in entries():
        if "fuzzy" in entry.flags:
            problems.append(f"{where(entry)} is fuzzy (check it, then remove the flag)")
        if entry.msgid_plural and len(entry.msgstr_plural) != 2:
            problems.append(f"{where(entry)} has {len(entry.msgstr_plural)} plural forms, not 2")
        if any(not text.strip() for text in texts(entry)):
            problems.append(f"{where(entry)} is not translated")
    assert entries(), f"{PO_PATH} has no entries"
    assert not problems, report(problems, "untranslated or unchecked entries")


def test_placeholders_and_html_are_kept():
    problems = []
    for entry in entries():
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        for pattern, what in ((PLACEHOLDER, "placeholders"), (HTML_TAG, "HTML tags")):
            expected = [Counter(pattern.findall(source)) for source in sources]
            for text in texts(entry):
                if text and Counter(pattern.findall(text)) not in expected:
                    problems.append(
                        f"{where(entry)}: {what} {sorted(pattern.findall(text))} in {text!r}, "
                        f"expected {sorted(pattern.findall(entry.msgid))}"
                    )
    assert not problems, report(problems, "entries with changed placeholders or HTML")


def test_kiswahili_is_not_a_copy_of_english():
    problems = [
        f"{where(entry)}: the translation is the English text"
        for entry in entries()
        if entry.msgstr == entry.msgid and entry.msgid not in SW_SAME_ALLOWED
    ]
    assert not problems, report(problems, "Kiswahili entries left in English")


def test_catalogue_covers_the_allauth_messages_the_site_uses():
    """Exactly allauth's msgids of the used parts: an allauth upgrade that adds or drops one shows here."""

    def key(entry):
        return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")

    wanted = {
        key(entry)
        for entry in polib.pofile(str(ALLAUTH_TEMPLATE))
        if entry.msgid
        and not entry.obsolete
        and any(path.startswith(USED_PARTS) for path, _line in entry.occurrences)
    }
    have = {key(entry) for entry in entries()}
    problems = [
        f"missing msgid {msgid!r}" + (f" [context {ctx!r}]" if ctx else "")
        for ctx, msgid, _p in sorted(wanted - have)
    ]
    problems += [
        f"msgid {msgid!r} is no longer in allauth's catalogue" for _c, msgid, _p in sorted(have - wanted)
    ]
    assert not problems, report(problems, f"differences between {PO_PATH.name} and allauth's template")


def test_compiled_catalogue_matches_the_po_file():
    mo_path = PO_PATH.with_suffix(".mo")
    fix = "run: .venv/bin/python manage.py compilemessages --ignore=.venv"
    assert mo_path.exists(), f"{mo_path.relative_to(BASE_DIR)} is missing; {fix}"

    def mapping(catalogue):
        return {
            (entry.msgctxt or "", entry.msgid): entry.msgstr
            for entry in catalogue
            if entry.msgid and entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
        }

    assert mapping(load_po()) == mapping(polib.mofile(str(mo_path))), f"{mo_path.name} is out of date; {fix}"


# ------------------------------------------------------------------------------------------ at run time


def test_the_project_catalogue_comes_first():
    """The first LOCALE_PATHS entry wins a msgid both catalogues have, and makemessages writes into it."""
    paths = [Path(path) for path in settings.LOCALE_PATHS]
    assert paths[0] == BASE_DIR / "locale"
    assert BASE_DIR / "locale_allauth" in paths[1:]
    project = {(e.msgctxt or "", e.msgid): e.msgstr for e in polib.pofile(str(PROJECT_PO_PATH)) if e.msgstr}
    shared = [entry for entry in entries() if (entry.msgctxt or "", entry.msgid) in project]
    assert shared, "no msgid shared with the project's catalogue to check the order with"
    with translation.override("sw"):
        for entry in shared:
            expected = project[(entry.msgctxt or "", entry.msgid)]
            if entry.msgctxt:
                assert translation.pgettext(entry.msgctxt, entry.msgid) == expected
            else:
                assert translation.gettext(entry.msgid) == expected


def test_allauth_messages_are_translated_at_run_time():
    with translation.override("sw"):
        assert translation.gettext(WRONG_LOGIN_EN) == WRONG_LOGIN_SW
        assert translation.gettext("Incorrect password.") == "Nenosiri si sahihi."
        assert translation.gettext("You have signed out.") == "Umeondoka."
        assert translation.gettext("Confirmation email sent to %(email)s.") % {"email": "a@example.org"} == (
            "Barua pepe ya uthibitisho imetumwa kwa a@example.org."
        )
        assert translation.pgettext("field label", "Login") == "Kitambulisho cha kuingia"
    # English stays English, and Chinese keeps allauth's own catalogue.
    with translation.override("en"):
        assert translation.gettext(WRONG_LOGIN_EN) == WRONG_LOGIN_EN
    with translation.override("zh-hans"):
        assert translation.gettext(WRONG_LOGIN_EN) not in (WRONG_LOGIN_EN, WRONG_LOGIN_SW)


@pytest.mark.django_db
def test_sign_in_page_shows_allauth_error_in_kiswahili(client):
    get_user_model().objects.create_user(
        username="neema@example.org", email="neema@example.org", password=PASSWORD
    )
    response = client.post(
        "/accounts/login/",
        {"login": "neema@example.org", "password": "not-the-password"},
        HTTP_ACCEPT_LANGUAGE="sw",
    )
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "sw"
    page = response.content.decode()
    assert WRONG_LOGIN_SW in page
    assert WRONG_LOGIN_EN not in page


@pytest.mark.django_db
def test_password_reset_email_is_in_kiswahili(client):
    get_user_model().objects.create_user(
        username="baraka@example.org", email="baraka@example.org", password=PASSWORD
    )
    response = client.post(
        "/accounts/password/reset/", {"email": "baraka@example.org"}, HTTP_ACCEPT_LANGUAGE="sw"
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Barua pepe ya kuweka upya nenosiri" in message.subject
    assert "Bofya kiungo kilicho hapa chini ili kuweka upya nenosiri lako." in message.body
    assert "Password Reset" not in message.subject
    assert "reset your password" not in message.body
