"""The profiles of every place as numpy matrices, built once per content version and process.

Partner ranking compares one place with every candidate of a target at once, so the profiles are read from
the database into arrays (one row per place): products produced and demanded, priority sectors, the facts of
structural fit, partnerships as pairs of rows, and the national trade flows. The arrays are rebuilt when the
content token (core.caching.content_token) changes, that is after any committed change readers could see.
With the pages cache off (PAGE_CACHE=0, the test suite) nothing is kept: every call reads the database, so
a test sees the rows it has just written.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

import numpy as np
from django.apps import apps

from urafiki.core.caching import caching_on, content_token
from urafiki.partnerships.lifecycle import Stage
from urafiki.partnerships.models import PartnershipParty
from urafiki.places.models import Place, PlaceFact, PlaceProduct, PlaceSector
from urafiki.taxonomy.models import Product, Sector

from .measures import (
    CHAPTERS,
    RCA,
    Complementarity,
    TradeData,
    bilateral_trade,
    complementarity_for,
    rca_for,
)

KOPPEN = re.compile(r"^[A-E][A-Za-z]{0,2}$")
UNKNOWN = -1
UNCACHED = "uncached"  # the token of profiles built for one call (the pages cache is off)


@dataclass
class Block:
    """The candidates of one target: the rows of the profiles, and the slices of the arrays the ranking reads."""

    rows: np.ndarray
    # Product-, chapter- and sector-major (one row per product …, one column per candidate): a ranking reads
    # the few rows of the place's products and sectors, a gather of contiguous rows, not a strided column read.
    demands_t: np.ndarray  # float32 (products × candidates)
    demands_chapter_t: np.ndarray  # float32 (chapters × candidates)
    demand_count: np.ndarray
    sectors_t: np.ndarray  # float32 (sectors × candidates)
    sector_count: np.ndarray
    population: np.ndarray
    gdp_usd: np.ndarray
    gdp_cny: np.ndarray
    coastal: np.ndarray
    climate: np.ndarray
    climate_group: np.ndarray
    agro_zone: np.ndarray
    parent_row: np.ndarray
    code_rank: np.ndarray


@dataclass
class Profiles:
    """Every place's profile as arrays; row i is places[i]."""

    token: str
    places: list[Place]
    country: np.ndarray  # index into countries
    countries: list[str]
    admin_level: np.ndarray
    kind: np.ndarray  # index into kinds
    kinds: list[str]
    parent_row: np.ndarray  # -1: none
    code_rank: np.ndarray  # rank of the place's code: ties in score are broken by code, the same every time
    products: list[Product]
    product_chapter: np.ndarray  # HS chapter (int) of each product
    produces: np.ndarray  # bool (places × products)
    demands: np.ndarray  # bool (places × products)
    sectors_list: list[Sector]
    sectors: np.ndarray  # float32 (places × sectors), 1 where it is a priority sector
    population: np.ndarray  # float, NaN unknown
    population_year: np.ndarray  # int, 0 unknown
    # GDP as published, in US$ or in yuan (NaN unknown). Never converted: no exchange rate is in the cited
    # data, so two GDPs are compared only in a currency both are given in.
    gdp_usd: np.ndarray
    gdp_cny: np.ndarray
    gdp_year: np.ndarray
    coastal: np.ndarray  # int8: 1 yes, 0 no, -1 unknown
    climate: np.ndarray  # index into climates, -1 unknown
    climates: list[str]
    agro_zone: np.ndarray  # index into agro_zones, -1 unknown
    agro_zones: list[str]
    pairs: np.ndarray  # int (m × 2): row a is (was) a partner of row b; both directions, one per partnership
    pair_partnership: np.ndarray  # partnership id of each pair
    pair_current: np.ndarray  # bool: the partnership has not ended
    partnership_titles: dict[int, str]
    trade: TradeData
    country_places: dict[str, Place]
    row_of: dict[int, int] = field(default_factory=dict)
    _blocks: dict = field(default_factory=dict, repr=False)
    _openness: dict = field(default_factory=dict, repr=False)
    _rca: dict = field(default_factory=dict, repr=False)
    _tc: dict = field(default_factory=dict, repr=False)
    _ease: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if not self.row_of:
            self.row_of = {place.pk: row for row, place in enumerate(self.places)}
        self.demands_chapter = np.zeros((len(self.places), CHAPTERS), dtype=bool)
        for chapter in np.unique(self.product_chapter):
            self.demands_chapter[:, chapter] = self.demands[:, self.product_chapter == chapter].any(axis=1)
        self.produces_chapter = np.zeros((len(self.places), CHAPTERS), dtype=bool)
        for chapter in np.unique(self.product_chapter):
            self.produces_chapter[:, chapter] = self.produces[:, self.product_chapter == chapter].any(axis=1)
        climate_group = [name[0] if KOPPEN.match(name) else f"={name}" for name in self.climates]
        groups = {name: index for index, name in enumerate(dict.fromkeys(climate_group))}
        lookup = np.array([groups[name] for name in climate_group] + [UNKNOWN], dtype=np.int16)
        self.climate_group = lookup[self.climate]  # -1 indexes the appended UNKNOWN
        # The pairs sorted by their first place: a place's partners are one slice (binary search), not a scan.
        order = np.argsort(self.pairs[:, 0], kind="stable")
        self.pairs, self.pair_partnership, self.pair_current = (
            self.pairs[order], self.pair_partnership[order], self.pair_current[order]
        )

    @property
    def size(self) -> int:
        return len(self.places)

    # --- targets ---------------------------------------------------------------------------------------
    def block(self, country: str, admin_level: int | None, kind: str | None) -> Block:
        """The candidates of a target, sliced once and kept (admin_level None: every level below the country)."""
        key = (country, admin_level, kind)
        block = self._blocks.get(key)
        if block is None:
            mask = self.country == self._country_index(country)
            mask &= (self.admin_level == admin_level) if admin_level is not None else (self.admin_level > 0)
            if kind:
                mask &= self.kind == (self.kinds.index(kind) if kind in self.kinds else -2)
            block = self.block_of_rows(np.flatnonzero(mask))
            with self._lock:
                self._blocks[key] = block
        return block

    def block_of_rows(self, rows: np.ndarray) -> Block:
        demands = self.demands[rows]
        sectors = self.sectors[rows]
        return Block(
            rows=rows,
            demands_t=np.ascontiguousarray(demands.T, dtype=np.float32),
            demands_chapter_t=np.ascontiguousarray(self.demands_chapter[rows].T, dtype=np.float32),
            demand_count=demands.sum(axis=1).astype(np.float64),
            sectors_t=np.ascontiguousarray(sectors.T, dtype=np.float32),
            sector_count=sectors.sum(axis=1).astype(np.float64),
            population=self.population[rows],
            gdp_usd=self.gdp_usd[rows],
            gdp_cny=self.gdp_cny[rows],
            coastal=self.coastal[rows],
            climate=self.climate[rows],
            climate_group=self.climate_group[rows],
            agro_zone=self.agro_zone[rows],
            parent_row=self.parent_row[rows],
            code_rank=self.code_rank[rows],
        )

    def _country_index(self, country: str) -> int:
        try:
            return self.countries.index(country)
        except ValueError:
            return -2

    def country_code(self, row: int) -> str:
        return self.countries[self.country[row]]

    def country_name(self, code: str) -> str:
        place = self.country_places.get(code)
        return place.name if place else code

    # --- ties --------------------------------------------------------------------------------------------
    def openness(self, country: str) -> np.ndarray:
        """For every place, how many distinct places of `country` it has (had) a partnership with."""
        counts = self._openness.get(country)
        if counts is None:
            if len(self.pairs):
                distinct = np.unique(self.pairs, axis=0)
                in_country = self.country[distinct[:, 1]] == self._country_index(country)
                counts = np.bincount(distinct[in_country, 0], minlength=self.size)
            else:
                counts = np.zeros(self.size, dtype=np.int64)
            with self._lock:
                self._openness[country] = counts
        return counts

    def _pair_slice(self, row: int) -> slice:
        first = self.pairs[:, 0]
        return slice(int(np.searchsorted(first, row, "left")), int(np.searchsorted(first, row, "right")))

    def partners_of(self, row: int, *, current_only: bool = False) -> np.ndarray:
        """The rows of the places `row` has (had, unless current_only) a public partnership with."""
        rows = self._pair_slice(row)
        partners = self.pairs[rows, 1]
        if current_only:
            partners = partners[self.pair_current[rows]]
        return np.unique(partners)

    def partnerships_between(self, a: int, b: int) -> list[int]:
        rows = self._pair_slice(a)
        return sorted(set(self.pair_partnership[rows][self.pairs[rows, 1] == b].tolist()))

    # --- trade -------------------------------------------------------------------------------------------
    def rca(self, country: str) -> RCA | None:
        if country not in self._rca:
            self._rca[country] = rca_for(self.trade, country)
        return self._rca[country]

    def complementarity(self, exporter: str, importer: str) -> Complementarity | None:
        key = (exporter, importer)
        if key not in self._tc:
            self._tc[key] = complementarity_for(self.trade, exporter, importer)
        return self._tc[key]

    def bilateral(self, exporter: str, importer: str, hs_code: str) -> tuple[float, int] | None:
        key = (exporter, importer, hs_code)
        if key not in self._ease:
            self._ease[key] = bilateral_trade(self.trade, exporter, importer, hs_code)
        return self._ease[key]


# --- building from the database --------------------------------------------------------------------------
_cache: dict[str, Profiles] = {}
_cache_lock = threading.Lock()


def profiles_current() -> Profiles:
    """The profiles for the current content version: built at most once per version in this process."""
    if not caching_on():
        return profiles_build(token=UNCACHED)
    token = content_token()
    profiles = _cache.get(token)
    if profiles is None:
        with _cache_lock:
            profiles = _cache.get(token)
            if profiles is None:
                profiles = profiles_build(token=token)
                _cache.clear()  # one version at a time: the old one is never asked for again
                _cache[token] = profiles
    return profiles


def profiles_clear() -> None:
    with _cache_lock:
        _cache.clear()


def _index(values: list[str]) -> tuple[dict[str, int], list[str]]:
    names = sorted(set(values))
    return {name: index for index, name in enumerate(names)}, names


def profiles_build(*, token: str) -> Profiles:
    """Read every profile from the database (eight queries)."""
    places = list(Place.objects.order_by("pk"))
    row_of = {place.pk: row for row, place in enumerate(places)}
    n = len(places)
    country_of, countries = _index([place.country_code for place in places])
    kind_of, kinds = _index([place.kind for place in places])
    codes = np.array([place.code for place in places], dtype=object)
    code_rank = np.empty(n, dtype=np.int64)
    code_rank[np.argsort(codes, kind="stable")] = np.arange(n)

    products = list(Product.objects.order_by("pk"))
    product_col = {product.pk: col for col, product in enumerate(products)}
    produces = np.zeros((n, len(products)), dtype=bool)
    demands = np.zeros((n, len(products)), dtype=bool)
    role_field = {f.name for f in PlaceProduct._meta.get_fields()}
    rows = PlaceProduct.objects.values_list("place_id", "product_id", "role" if "role" in role_field else "pk")
    for place_id, product_id, role in rows:
        (demands if role == "demands" else produces)[row_of[place_id], product_col[product_id]] = True

    sectors_list = list(Sector.objects.order_by("pk"))
    sector_col = {sector.pk: col for col, sector in enumerate(sectors_list)}
    sectors = np.zeros((n, len(sectors_list)), dtype=np.float32)
    for place_id, sector_id in PlaceSector.objects.values_list("place_id", "sector_id"):
        sectors[row_of[place_id], sector_col[sector_id]] = 1.0

    facts = _facts(row_of, n)

    pair_rows: list[tuple[int, int]] = []
    pair_partnership: list[int] = []
    pair_current: list[bool] = []
    titles: dict[int, str] = {}
    parties: dict[int, list[int]] = {}
    stages: dict[int, str] = {}
    party_rows = PartnershipParty.objects.filter(partnership__is_public=True).values_list(
        "partnership_id", "place_id", "partnership__stage", "partnership__title"
    )
    for partnership_id, place_id, stage, title in party_rows:
        parties.setdefault(partnership_id, []).append(row_of[place_id])
        stages[partnership_id] = stage
        titles[partnership_id] = title
    for partnership_id, members in parties.items():
        for a in members:
            for b in members:
                if a != b:
                    pair_rows.append((a, b))
                    pair_partnership.append(partnership_id)
                    pair_current.append(stages[partnership_id] != Stage.ENDED)

    return Profiles(
        token=token,
        places=places,
        row_of=row_of,
        country=np.array([country_of[place.country_code] for place in places], dtype=np.int32),
        countries=countries,
        admin_level=np.array([place.admin_level for place in places], dtype=np.int8),
        kind=np.array([kind_of[place.kind] for place in places], dtype=np.int32),
        kinds=kinds,
        parent_row=np.array([row_of.get(place.parent_id, -1) for place in places], dtype=np.int64),
        code_rank=code_rank,
        products=products,
        product_chapter=np.array([int(product.hs_code[:2]) for product in products], dtype=np.int64),
        produces=produces,
        demands=demands,
        sectors_list=sectors_list,
        sectors=sectors,
        pairs=np.array(pair_rows, dtype=np.int64).reshape(-1, 2),
        pair_partnership=np.array(pair_partnership, dtype=np.int64),
        pair_current=np.array(pair_current, dtype=bool),
        partnership_titles=titles,
        trade=_trade(),
        country_places={place.code: place for place in places if place.admin_level == 0},
        **facts,
    )


def _facts(row_of: dict[int, int], n: int) -> dict:
    """The newest value of each fact of structural fit, per place (an undated fact counts as the oldest)."""
    population = np.full(n, np.nan)
    population_year = np.zeros(n, dtype=np.int64)
    gdp_usd = np.full(n, np.nan)
    gdp_cny = np.full(n, np.nan)
    gdp_year = np.zeros(n, dtype=np.int64)
    coastal = np.full(n, UNKNOWN, dtype=np.int8)
    climate_text: dict[int, str] = {}
    agro_text: dict[int, str] = {}
    newest: dict[tuple[int, str], tuple[int, str]] = {}
    wanted = ["population", "coastal", "gdp_usd", "gdp_cny", "climate", "agro_zone"]
    for place_id, fact, value, year in PlaceFact.objects.filter(fact__in=wanted).values_list(
        "place_id", "fact", "value", "year"
    ):
        key = (row_of[place_id], fact)
        if key not in newest or (year or 0) > newest[key][0]:
            newest[key] = (year or 0, value)
    for (row, fact), (year, value) in newest.items():
        number = _number(value)
        if fact == "population" and number is not None and number > 0:
            population[row], population_year[row] = number, year
        elif fact == "coastal" and value.strip().lower() in {"yes", "no", "true", "false"}:
            coastal[row] = 1 if value.strip().lower() in {"yes", "true"} else 0
        elif fact == "gdp_usd" and number is not None and number > 0:
            gdp_usd[row], gdp_year[row] = number, year
        elif fact == "gdp_cny" and number is not None and number > 0:
            gdp_cny[row], gdp_year[row] = number, max(year, gdp_year[row])
        elif fact == "climate" and value.strip():
            climate_text[row] = value.strip()
        elif fact == "agro_zone" and value.strip():
            agro_text[row] = value.strip().lower()
    climate_of, climates = _index(list(climate_text.values()))
    agro_of, agro_zones = _index(list(agro_text.values()))
    climate = np.full(n, UNKNOWN, dtype=np.int64)
    for row, text in climate_text.items():
        climate[row] = climate_of[text]
    agro_zone = np.full(n, UNKNOWN, dtype=np.int64)
    for row, text in agro_text.items():
        agro_zone[row] = agro_of[text]
    return {
        "population": population, "population_year": population_year, "gdp_usd": gdp_usd, "gdp_cny": gdp_cny,
        "gdp_year": gdp_year, "coastal": coastal, "climate": climate, "climates": climates,
        "agro_zone": agro_zone, "agro_zones": agro_zones,
    }


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").strip())
    except (AttributeError, ValueError):
        return None


def _trade() -> TradeData:
    if not apps.is_installed("urafiki.trade"):
        return TradeData()
    trade_flow = apps.get_model("trade", "TradeFlow")
    return TradeData.from_rows(
        trade_flow.objects.values_list("reporter", "partner", "flow", "hs_code", "year", "value_usd", "source")
    )
