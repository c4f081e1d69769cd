"""Read a news article (English or Chinese) into draft agreement records.

The public interface is stable: the ingest command, the review pages and the API code against it.

How an article is read, in order, and the module that does each step:
  1. language (py3langid, with a Han-character ratio first: the model hesitates on short Chinese texts)
     and sentences, with their character offsets, so every field can point at the sentence behind it
     (`language`);
  2. place mentions: "<Name> County/Province/City…", "County Government of <Name>", bare names known to
     the registry whose country the article talks about (`places`), every Chinese name of the registry
     (the text is read in simplified characters) and Chinese names the registry lacks (`chinese_places`);
     each resolved by the registry's own search (places.search). A place that only locates another
     ("Liuzhou City of Guangxi") is marked, and "the County", "the devolved unit", 该省, "the two Chinese
     provincial-level administrations" are resolved to the nearest compatible place before them
     (`references`);
  3. signing sentences: a cue that something was signed or concluded, not one that it will be or was long
     ago (`signing`); its places (at least two, of two countries: a national or company deal has fewer)
     are the parties; sentences about the same parties are one agreement (`agreements`);
  4. fields: the type from the document named after the verb (`signing`), the date from the sentence
     against the article's date line (`dates`), sectors and products from the sentences that follow up to
     the next agreement (`fields`), people from "Governor X", "X, the Deputy Mayor of Y", 副省长XXX in the
     signing sentences (`people`).
"""

from .agreements import extract
from .chinese_places import ZH_COUNTRY_SHORT_NAMES
from .language import detect_language
from .places import resolve_place
from .records import (
    AGREEMENT_TYPES,
    ExtractedAgreement,
    ExtractedParty,
    ExtractedPerson,
    Extraction,
    ExtractionError,
    Span,
)

__all__ = [
    "AGREEMENT_TYPES", "ZH_COUNTRY_SHORT_NAMES", "ExtractedAgreement", "ExtractedParty", "ExtractedPerson", "Extraction",
    "ExtractionError", "Span", "detect_language", "extract", "resolve_place",
]
