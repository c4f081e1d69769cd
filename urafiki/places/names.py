"""Normalising place names into search keys.

Every name a place goes by (English, Chinese, Kiswahili, pinyin, aliases) and every query pass through
`name_keys`, so "Jiǔjiāng", "jiu jiang", "Jiujiang City", "九江市" and "九江" all meet on the same keys.
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC
from pypinyin import lazy_pinyin

_t2s = OpenCC("t2s").convert


@lru_cache(maxsize=1)
def _traditional_characters() -> frozenset[str]:
    """Every character of a word OpenCC's t2s changes (TSCharacters, TSPhrases)."""
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    characters: set[str] = set()
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            word, _tab, forms = line.partition("\t")
            if forms.split(" ")[0] != word:
                characters.update(word)
    return frozenset(characters)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC's t2s). Most Chinese news is simplified already: a text without
    a character t2s would change is returned as it is, without the converter's slow walk through it."""
    if _traditional_characters().isdisjoint(text):
        return text
    return _t2s(text)

# Words that say what kind of unit a name is, not which one. Stripped from both ends so that
# "County Government of Kilifi", "Kilifi County" and "Kilifi" give the same key.
_LEADING_WORDS = [
    "the county government of", "county government of", "the people's government of", "people's government of",
    "the government of", "government of", "serikali ya kaunti ya", "kaunti ya", "mkoa wa", "jimbo la",
    "jiji la", "city of", "municipality of", "ville de", "the",
]
_TRAILING_WORDS = [
    "special administrative region", "autonomous prefecture", "autonomous region", "county government",
    "municipal government", "municipal people's government", "people's government", "municipality",
    "municipal", "prefecture", "province", "county", "city", "league", "region", "state", "governorate",
    "district", "sar", "sheng", "shi", "kaunti",
]
# The peoples named in China's autonomous divisions (各族: "the peoples"), longest first where one begins another.
ETHNIC_GROUPS = (
    "朝鲜|藏|彝|苗|布依|侗|土家|哈尼|傣|白|傈僳|景颇|壮|回|蒙古|哈萨克|柯尔克孜|羌|维吾尔|黎|瑶|纳西|怒|"
    "普米|独龙|土|撒拉|达斡尔|鄂温克|鄂伦春|锡伯|满|仡佬|仫佬|毛南|水|畲|拉祜|佤|布朗|裕固|保安|东乡|塔吉克|各"
)
_CHINESE_SUFFIX = re.compile(
    rf"(?:(?:{ETHNIC_GROUPS})族?)*(?:特别行政区|自治区|自治州)$|(?:省|市|郡|县|地区|盟|人民政府|政府)$"
)
_CHINESE_PREFIX = re.compile(r"^(?:中国|肯尼亚)")
_HAN = re.compile(r"[\u3400-\u9fff]")
_TONE_DIGIT = re.compile(r"(?<=[a-z])[1-5](?=[a-z]|\b)")
_NOT_KEY = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


def has_han(text: str) -> bool:
    return not text.isascii() and bool(_HAN.search(text))


def _fold_latin(text: str) -> str:
    """Lowercase, without accents or tone marks (Ürümqi -> urumqi, Jiǔjiāng -> jiujiang)."""
    if text.isascii():  # most names: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _strip_words(words: str) -> str:
    changed = True
    while changed:
        changed = False
        for lead in _LEADING_WORDS:
            if words.startswith(lead + " ") and len(words) > len(lead) + 1:
                words, changed = words[len(lead) + 1 :], True
        for trail in _TRAILING_WORDS:
            if words.endswith(" " + trail) and len(words) > len(trail) + 1:
                words, changed = words[: -len(trail) - 1], True
    return words


def _words(text: str) -> str:
    """The name folded to lower-case words without accents, in simplified characters."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if has_han(text):
        text = to_simplified(text)
    words = _fold_latin(text).replace("&", " and ").replace("’", "'")
    words = _TONE_DIGIT.sub("", words)
    return " ".join(re.split(r"[\s\-_/,.()]+", words)).strip()


def name_key(text: str) -> str:
    """The key of the whole name, ``name_keys(text)[0]`` ("" for none), without the work of stripping unit words
    and without filling name_keys' cache: for indexing a gazetteer of many thousand names once."""
    return _NOT_KEY.sub("", _words(text))


@lru_cache(maxsize=65536)  # the news repeats far fewer names than a gazetteer holds
def name_keys(text: str) -> tuple[str, ...]:
    """The search keys of a name: the whole name, and the name without words like County or 省.

    The first key is the whole name; a second key follows when stripping changed something.
    """
    words = _words(text)
    full = _NOT_KEY.sub("", words)
    stripped = _NOT_KEY.sub("", _strip_words(words))
    if has_han(stripped):
        core = _CHINESE_PREFIX.sub("", stripped) or stripped
        core = _CHINESE_SUFFIX.sub("", core) or core
        stripped = core if len(core) >= 2 else stripped
    keys = [k for k in dict.fromkeys([full, stripped]) if k]
    return tuple(keys)


def pinyin_key(chinese: str) -> str:
    """Toneless pinyin of a Chinese name without its unit word: 九江市 -> jiujiang."""
    keys = name_keys(chinese)
    if not keys or not has_han(keys[-1]):
        return ""
    return "".join(lazy_pinyin(keys[-1]))
