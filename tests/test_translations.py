"""Guards the Chinese and Kiswahili catalogues: complete, checked, placeholder-safe, compiled and current.

After a template or model gains a string:
    .venv/bin/python manage.py makemessages -l zh_Hans -l sw --no-obsolete \
        --ignore=.venv --ignore=benchmarks --ignore=tests --ignore=scripts
    (translate the new entries, drop their `#, fuzzy` flag)
    .venv/bin/python manage.py compilemessages --ignore=.venv
and commit the .po and the .mo files (a fresh machine may lack msgfmt).
"""

import re
import shutil
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale"
# Language code in Django → directory under locale/.
LANGUAGES = {"zh-hans": "zh_Hans", "sw": "sw"}
PLURAL_FORMS = {"zh_Hans": "nplurals=1; plural=0;", "sw": "nplurals=2; plural=(n != 1);"}

# Chinese translations must contain Chinese characters, except for these names, which stay in Latin letters.
ZH_LATIN_ALLOWED = {
    "Urafiki",  # the brand: a (Kiswahili) name, kept as is on Chinese pages
    "API",  # the technical term, written "API" in Chinese too
}
# A Kiswahili translation identical to its English source is a forgotten one, except for these.
SW_SAME_ALLOWED = {
    "Urafiki",  # the brand
    "API",  # technical term
    "Kiswahili",  # the language's own name
    "ISO 3166",  # name of a standard
    "pinyin",  # name of the romanisation of Chinese
    "Kilifi, 九江, Hunan, jiujiang…",  # example search input: place names in their own spellings
}
# Strings every page shows: each must come out translated at run time (catches a missing or stale .mo).
PAGE_STRINGS = [
    "Places",
    "Map",
    "Search",
    "Profile",
    "Source",
    "Flagship products",
    "Priority sectors",
    "Unknown",
]

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LETTER = re.compile(r"[A-Za-z]")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|\{\w*\}")
# Directories makemessages must not scan (the same --ignore options as above, plus the catalogues).
SKIPPED_DIRS = {".venv", "benchmarks", "tests", "scripts", "locale", "node_modules", "staticfiles", "media"}


def po_path(locale_dir: str) -> Path:
    return LOCALE_DIR / locale_dir / "LC_MESSAGES" / "django.po"


def load_po(locale_dir: str) -> polib.POFile:
    path = po_path(locale_dir)
    assert path.exists(), f"{path} is missing: run makemessages (see this module's docstring)"
    return polib.pofile(str(path))


def where(path: Path, entry: polib.POEntry) -> str:
    context = f" [context {entry.msgctxt!r}]" if entry.msgctxt else ""
    return f"{path.relative_to(BASE_DIR)}:{entry.linenum}: msgid {entry.msgid!r}{context}"


def translations(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) pairs: one for a plain entry, one per plural form otherwise."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    forms = sorted(entry.msgstr_plural.items())
    return [
        (entry.msgid if index == 0 and len(forms) > 1 else entry.msgid_plural, text) for index, text in forms
    ]


def entries(locale_dir: str):
    return [entry for entry in load_po(locale_dir) if not entry.obsolete]


def report(problems: list[str], what: str) -> str:
    return f"{len(problems)} {what}:\n  " + "\n  ".join(problems)


locales = pytest.mark.parametrize("locale_dir", sorted(LANGUAGES.values()))


@locales
def test_header_is_valid(locale_dir):
    po = load_po(locale_dir)
    path = po_path(locale_dir)
    assert po.metadata.get("Language") == locale_dir, f"{path}: header Language should be {locale_dir}"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", ""), (
        f"{path}: header Content-Type needs charset=UTF-8"
    )
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[locale_dir], (
        f"{path}: header Plural-Forms should be {PLURAL_FORMS[locale_dir]!r}"
    )
    assert not po.metadata_is_fuzzy, f"{path}: the header is marked fuzzy"


@locales
def test_every_entry_is_translated_and_checked(locale_dir):
    path = po_path(locale_dir)
    nplurals = int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[locale_dir]).group(1))
    problems = []
    for entry in entries(locale_dir):
        if "fuzzy" in entry.flags:
            problems.append(f"{where(path, entry)} is fuzzy (check it, then remove the flag)")
        if entry.msgid_plural and len(entry.msgstr_plural) != nplurals:
            problems.append(
                f"{where(path, entry)} has {len(entry.msgstr_plural)} plural forms, not {nplurals}"
            )
        for index, (_source, text) in enumerate(translations(entry)):
            if not text.strip():
                form = f" (msgstr[{index}])" if entry.msgid_plural else ""
                problems.append(f"{where(path, entry)} is not translated{form}")
    assert not problems, report(problems, "untranslated or unchecked entries")


@locales
def test_placeholders_are_kept(locale_dir):
    path = po_path(locale_dir)
    problems = []
    for entry in entries(locale_dir):
        sources = {entry.msgid, entry.msgid_plural} - {""}
        expected = [Counter(PLACEHOLDER.findall(source)) for source in sources]
        for _source, text in translations(entry):
            if text and Counter(PLACEHOLDER.findall(text)) not in expected:
                problems.append(
                    f"{where(path, entry)}: placeholders {sorted(PLACEHOLDER.findall(text))} in {text!r}, "
                    f"expected {sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))}"
                )
    assert not problems, report(problems, "entries with changed placeholders")


def test_chinese_is_written_in_chinese():
    path = po_path("zh_Hans")
    problems = []
    for entry in entries("zh_Hans"):
        for source, text in translations(entry):
            has_letters = LETTER.search(PLACEHOLDER.sub("", source))
            if text and has_letters and not HAN.search(text) and text not in ZH_LATIN_ALLOWED:
                problems.append(f"{where(path, entry)}: {text!r} has no Chinese character")
    assert not problems, report(
        problems, "Chinese translations without Chinese characters (see ZH_LATIN_ALLOWED)"
    )


def test_kiswahili_is_not_a_copy_of_english():
    path = po_path("sw")
    problems = []
    for entry in entries("sw"):
        for source, text in translations(entry):
            if text and text == source and source not in SW_SAME_ALLOWED:
                problems.append(f"{where(path, entry)}: the translation is the English text")
    assert not problems, report(problems, "Kiswahili entries left in English (see SW_SAME_ALLOWED)")


@locales
def test_compiled_catalogue_matches_the_po_file(locale_dir):
    po = load_po(locale_dir)
    mo_file = po_path(locale_dir).with_suffix(".mo")
    fix = "run: .venv/bin/python manage.py compilemessages --ignore=.venv"
    assert mo_file.exists(), f"{mo_file.relative_to(BASE_DIR)} is missing; {fix}"

    def mapping(catalogue):
        result = {}
        for entry in catalogue:
            if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
                continue
            text = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
            if text and (not entry.msgid_plural or all(form for _i, form in text)):
                result[(entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")] = text
        return result

    in_po, in_mo = mapping(po), mapping(polib.mofile(str(mo_file)))
    problems = [f"{key[1]!r}: not in the .mo" for key in in_po if key not in in_mo]
    problems += [
        f"{key[1]!r}: in the .mo but not (or no longer) translated in the .po"
        for key in in_mo
        if key not in in_po
    ]
    problems += [
        f"{key[1]!r}: .mo has {in_mo[key]!r}, .po has {text!r}"
        for key, text in in_po.items()
        if key in in_mo and in_mo[key] != text
    ]
    assert not problems, report(
        problems, f"differences: {mo_file.relative_to(BASE_DIR)} is out of date; {fix}"
    )


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_page_strings_are_translated_at_run_time(language):
    with translation.override(language):
        assert translation.get_language() == language
        untranslated = [text for text in PAGE_STRINGS if translation.gettext(text) == text]
        county = translation.pgettext("place kind", "county")
        places_found = translation.ngettext("%(counter)s place found", "%(counter)s places found", 3)
    assert not untranslated, f"{language}: not translated at run time: {untranslated} (is the .mo compiled?)"
    assert county != "county", f"{language}: pgettext('place kind', 'county') is not translated"
    assert places_found != "%(counter)s places found", (
        f"{language}: the plural 'places found' is not translated"
    )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs gettext's xgettext")
def test_catalogues_cover_the_current_source(tmp_path, monkeypatch):
    """makemessages on a copy of the source finds exactly the msgids the committed catalogues have."""

    def skip(directory, names):
        top = Path(directory) == BASE_DIR
        return [
            name
            for name in names
            if name.startswith(".")
            or (top and name in SKIPPED_DIRS)
            or ((Path(directory) / name).is_file() and not name.endswith((".py", ".html", ".txt")))
        ]

    source = tmp_path / "src"
    shutil.copytree(BASE_DIR, source, ignore=skip)
    (source / "locale").mkdir()
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[source / "locale"]):
        call_command("makemessages", locale=sorted(LANGUAGES.values()), no_obsolete=True, verbosity=0)

    problems = []
    for locale_dir in sorted(LANGUAGES.values()):
        fresh = {
            (e.msgctxt or "", e.msgid)
            for e in polib.pofile(str(source / "locale" / locale_dir / "LC_MESSAGES" / "django.po"))
        }
        committed = {(e.msgctxt or "", e.msgid) for e in entries(locale_dir)}
        path = po_path(locale_dir).relative_to(BASE_DIR)
        problems += [
            f"{path}: missing msgid {msgid!r}" + (f" [context {ctx!r}]" if ctx else "")
            for ctx, msgid in sorted(fresh - committed)
        ]
        problems += [
            f"{path}: msgid {msgid!r} is no longer in the source" for ctx, msgid in sorted(committed - fresh)
        ]
    assert not problems, report(
        problems,
        "catalogue entries out of step with the source; re-run makemessages (see this module's docstring)",
    )
