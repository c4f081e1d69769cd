"""The article's language, its sentences with their offsets, and the script helpers both need."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.utils.translation import gettext as _

from urafiki.places.names import to_simplified

from .records import ExtractionError, Span

_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_ENGLISH_FUNCTION_WORDS = frozenset("the of and to in a on with for that is was by said will has from as".split())


def detect_language(text: str) -> str:
    """"en" or "zh"; ExtractionError for any other language."""
    sample = text[:5000]
    han = len(_HAN_CHAR.findall(sample))
    words = _LATIN_WORD.findall(sample)
    if han and han >= len(words):  # Chinese has no spaces: compare characters with Latin words
        return "zh"
    if not words:
        raise ExtractionError(_("The article has no English or Chinese text to read."))
    # The commonest English words tell English, where the model is unsure (short texts full of names), and
    # before it: the model costs milliseconds an article.
    function_words = sum(1 for word in words if word.lower() in _ENGLISH_FUNCTION_WORDS)
    if len(words) >= 5 and function_words / len(words) >= 0.12:
        return "en"
    import py3langid  # loads its model on first use; the import costs nothing for Chinese-only runs

    language, _score = py3langid.classify(sample)
    if language == "en":
        return "en"
    raise ExtractionError(
        _("This article seems to be in another language ({language}): only English and Chinese articles can be read.")
        .format(language=language)
    )


# --------------------------------------------------------------------------------------------------
# Sentences


_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Hon|Gov|Sen|Rep|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Co|Ltd|Inc|"
    r"vs|etc|e\.g|i\.e|H\.E|U\.S)|\b[A-Z])\.$"
)
# A line break ends a sentence (a headline, a dateline) unless the next line goes on in small letters: text wrapped
# by hand or copied from a PDF ("…and her Paris\ncounterpart, Anne Hidalgo, signed"); eThekwini starts a line.
_EN_BOUNDARY = re.compile(r"[.!?][\"”’']?(?=\s+[\"“‘'(]?[A-Z0-9])|\n\s*\n|\n(?![ \t]*[a-z](?![A-Z]))")
_ZH_BOUNDARY = re.compile(r"[。！？!?][”’」』]?|\n")


def split_sentences(text: str, language: str) -> list[Span]:
    """Sentences as spans of ``text``, without surrounding blanks."""
    spans: list[Span] = []
    start = 0
    boundary = _ZH_BOUNDARY if language == "zh" else _EN_BOUNDARY
    for match in boundary.finditer(text):
        end = match.end()
        if language == "en" and match.group(0)[0] == "." and _ABBREVIATIONS.search(text[max(0, start) : match.start() + 1]):
            continue
        spans.append(Span(start, end))
        start = end
    spans.append(Span(start, len(text)))
    result = []
    for span in spans:
        chunk = text[span.start : span.end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            result.append(Span(span.start + lead, span.start + lead + len(stripped)))
    return result


@lru_cache(maxsize=4)  # an article is read in simplified characters by several steps
def _to_simplified(text: str) -> str:
    """Simplified characters, offset for offset: spans found in the result are spans of ``text``."""
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted
    return "".join(simple if len(simple := to_simplified(char)) == 1 else char for char in text)


def _pinyin_syllables() -> frozenset[str]:
    """Every syllable of Mandarin as pypinyin's dictionary writes it, tone marks off (ü as v), without the
    interjections of one consonant (m, ng, hm)."""
    from pypinyin.constants import PINYIN_DICT

    syllables = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c))
            plain = plain.replace("ü", "v")
            if plain.isascii() and plain.isalpha() and re.search("[aeiouv]", plain):
                syllables.add(plain)
    return frozenset(syllables)


_SYLLABLES = _pinyin_syllables()


@lru_cache(maxsize=65536)
def _is_pinyin(word: str) -> bool:
    """Whether ``word`` splits into syllables of Mandarin: "Zhufeng", "Xian"; not "Solano" (no "so") or "Kauai"."""
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(start in ends and word[start:end] in _SYLLABLES for start in range(max(0, end - 6), end)):
            ends.add(end)
    return len(word) in ends


def _looks_chinese(name: str) -> bool:
    """A name romanised from Chinese: every word splits into pinyin syllables ("Ren Zhufeng")."""
    words = re.findall(r"[A-Za-z]+", name)
    return bool(words) and all(_is_pinyin(word.lower()) for word in words)
