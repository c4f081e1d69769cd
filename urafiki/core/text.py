"""Language-aware text helpers shared by every app (no domain knowledge here)."""

import re

from django.utils.translation import get_language


def active_language() -> str:
    """The short code of the active language: 'en', 'zh' or 'sw'."""
    code = (get_language() or "en").lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("sw"):
        return "sw"
    return "en"


def localized(obj, field: str = "name") -> str:
    """obj.<field>_<lang> in the active language, falling back to English."""
    lang = active_language()
    value = getattr(obj, f"{field}_{lang}", "") if lang != "en" else ""
    return value or getattr(obj, f"{field}_en")


def trie_alternation(words: list[str]) -> str:
    """One regex alternation of ``words`` with their common beginnings shared ("South (?:Africa|Sudan)"): the regex
    engine tries hundreds of words at each position in a few steps, not one by one. A word is tried before any
    word it begins ("Congo-Brazzaville" before "Congo"), so the longest word that matches wins, as in an
    alternation sorted longest first."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        alternation = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alternation})?" if "" in node else alternation

    return pattern(trie)
