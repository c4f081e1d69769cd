import re

import pytest

from urafiki.core.text import trie_alternation

WORDS = ["congo", "congo-brazzaville", "south africa", "south sudan", "sudan", "oil", "oil palm", "oilseed"]


@pytest.mark.parametrize("text", [
    "Congo-Brazzaville and Congo; South Africa, South Sudan and Sudan",
    "oil palm, oilseeds and oil",
    "south", "",
])
def test_a_trie_alternation_finds_what_the_alternation_sorted_longest_first_finds(text):
    plain = "|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True))
    expected = [m.span() for m in re.finditer(rf"\b(?:{plain})\b", text, re.IGNORECASE)]
    found = [m.span() for m in re.finditer(rf"\b(?:{trie_alternation(WORDS)})\b", text, re.IGNORECASE)]
    assert found == expected


def test_the_longest_word_that_matches_wins():
    pattern = re.compile(rf"\b(?:{trie_alternation(WORDS)})\b")
    assert pattern.findall("oil palm, oilseed and oil") == ["oil palm", "oilseed", "oil"]
