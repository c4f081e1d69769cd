"""Finding the vocabulary in text: which sectors and products a sentence or an article talks about.

Labels and synonyms are matched in the text's own language only: Kiswahili "nazi" (coconut) must not
match the English word, nor "maziwa" (milk, also "lakes") an English text. Latin-script words match on
word boundaries; Chinese, which has no spaces, matches as substrings; the longest label matching wins.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from urafiki.core.text import trie_alternation

from .models import Product, Sector, Term


@dataclass(frozen=True)
class TermMention:
    slug: str
    label: str
    start: int
    end: int


@lru_cache(maxsize=8)
def _matcher(model_label: str, language: str) -> tuple[re.Pattern | None, dict[str, str]]:
    model = {"sector": Sector, "product": Product}[model_label]
    label_to_slug: dict[str, str] = {}
    for term in model.objects.all():
        for lang, text in term.all_labels():
            if lang == language:
                label_to_slug.setdefault(text.lower(), term.slug)
                if language == "en":  # "renewable energies", "new technologies"
                    label_to_slug.setdefault(_english_plural(text.lower()), term.slug)
    if not label_to_slug:
        return None, {}
    alternatives = trie_alternation(list(label_to_slug))  # a thousand product names: a trie, not one by one
    pattern = alternatives if language == "zh" else rf"(?<![\w-])(?:{alternatives})(?![\w-])"
    return re.compile(pattern, re.IGNORECASE), label_to_slug


def _english_plural(label: str) -> str:
    """The plural of a label's last word: technology → technologies, market → markets."""
    if re.search(r"[^aeiou]y$", label):
        return label[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", label):
        return label + "es"
    return label + "s"


def vocabulary_changed() -> None:
    """Forget the compiled matchers; the writers of the vocabulary (loader, admin) call this."""
    _matcher.cache_clear()


def terms_in_text(model: type[Term], text: str, *, language: str) -> list[TermMention]:
    """Every mention of a sector or product in `text`, in order of appearance."""
    pattern, label_to_slug = _matcher(model._meta.model_name, language)
    if pattern is None:
        return []
    return [
        TermMention(slug=label_to_slug[m.group(0).lower()], label=m.group(0), start=m.start(), end=m.end())
        for m in pattern.finditer(text)
    ]


def sectors_in_text(text: str, *, language: str) -> list[str]:
    """Slugs of the sectors mentioned, each once, in order of first mention."""
    return list(dict.fromkeys(m.slug for m in terms_in_text(Sector, text, language=language)))


def products_in_text(text: str, *, language: str) -> list[str]:
    """Slugs of the products mentioned, each once, in order of first mention."""
    return list(dict.fromkeys(m.slug for m in terms_in_text(Product, text, language=language)))
