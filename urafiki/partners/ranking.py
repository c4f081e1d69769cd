"""Partner suggestions: candidate places ranked by fit, every part of the score explained.

The interface (used by the pages, the API and the briefs):

    ranking = partner_suggestions(place, target=Target("CN", 1), weights=parse_weights(request.GET))
    for candidate in ranking.candidates:  # best first
        candidate.score, candidate.coverage, [(f.name, f.value, f.explanation) for f in candidate.factors]

A factor's value is in [0, 1], or None when the data behind it is missing: unknown is never 0.

    score    = Σ w·v / Σ w, an unknown v counted at the mean of that factor over the target's candidates
               whose value is known (a factor no candidate has leaves the score)
    coverage = Σ w of the known factors / Σ w

Scoring on the known factors alone put Macao first for Kilifi, known only for being on the coast:
whatever a thinly documented candidate scores on its one factor then stands for all four. At the mean, a
missing figure neither lifts a candidate nor sinks it, and its sentence says so.

The factors, for place p and candidate c (computed for every candidate of the target at once, numpy):
- products: S = what p produces. Per product k of S, supply_k = 1, or ½ when p's country has RCA < 1 in
  k's HS chapter (Balassa, measures.py; unknown RCA: 1); ease_k = 1, or ¾ when the two countries' bilateral
  trade is given as a whole basket without k (unknown: 1); a_k = supply_k · ease_k. Demand d_ck = 1 when c
  demands k, ½ when c demands another product of k's chapter. supply side = Σ_k a_k·d_ck / |S|; demand side =
  Σ_j∈D(c) o_j / |D(c)| with o_j = a_j for a product p supplies, ½·max a in j's chapter otherwise;
  value = √(supply side · demand side). None when p produces nothing recorded or c demands nothing recorded.
  Michaely's TC of the two countries is given with its year and source (the same for every candidate of a
  country, so it does not move the ranking).
- sectors: Ochiai (cosine) overlap |A∩B| / √(|A|·|B|) of the priority sectors; None when either has none.
- structure: mean of the known sub-parts: coastal (same 1, different 0), population and GDP
  (1 / (1 + |log10(a/b)|)), climate (same Köppen code 1, same main group ½, else 0), agro-zone (same 1).
- ties: 1 when already partnered (not ended); else 1 − (1 − n/(n+1))·(1 − ½·bridge) with n = c's partners in
  p's country (other than p) and bridge = c is a partner of p's parent or of its neighbours (same parent,
  below country level), or c's parent is a partner of p. Only public partnerships count.
Ties of score are broken by coverage, then by code: the same weights give the same order every time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from urafiki.core.caching import CACHE_ALIAS, caching_on, content_token
from urafiki.places.models import Place

from . import explanations
from .measures import CHAPTERS
from .profiles import UNKNOWN, Block, Profiles, profiles_current

FACTORS = ("products", "sectors", "structure", "ties")
DEFAULT_WEIGHTS = {"products": 0.4, "sectors": 0.25, "structure": 0.2, "ties": 0.15}


@dataclass(frozen=True)
class Target:
    """Where to look for partners: a country (ISO 3166-1 alpha-2), an administrative level, optionally a kind."""

    country: str
    admin_level: int
    kind: str | None = None


@dataclass
class Factor:
    name: str  # one of FACTORS
    value: float | None  # in [0, 1]; None = unknown (missing data), never 0 for missing
    weight: float
    explanation: str  # one sentence in the active language, with the data behind it
    data: dict = field(default_factory=dict)  # the figures behind it, for the API and the page


@dataclass
class Candidate:
    place: Place
    score: float
    coverage: float
    factors: list[Factor]
    already_partnered: bool


@dataclass
class Ranking:
    place: Place
    target: Target
    weights: dict[str, float]
    candidates: list[Candidate]
    partnered: list[Candidate]
    coverage_note: str


def parse_weights(raw: Mapping[str, str]) -> dict[str, float]:
    """Weights from a query (w_products=…, w_sectors=…, or products=…), normalised to sum 1.

    Missing keys take their default. Raises ValidationError keyed by factor ("w_products") when a weight is not
    a number or negative, and keyed "weights" when all are zero.
    """
    weights: dict[str, float] = {}
    errors: dict[str, list[str]] = {}
    for name in FACTORS:
        text = raw.get(f"w_{name}", raw.get(name))
        if text is None or str(text).strip() == "":
            weights[name] = DEFAULT_WEIGHTS[name]
            continue
        try:
            value = float(text)
        except (TypeError, ValueError):
            errors[f"w_{name}"] = [_("Enter a number.")]
            continue
        if value != value or value in (float("inf"), float("-inf")):
            errors[f"w_{name}"] = [_("Enter a number.")]
        elif value < 0:
            errors[f"w_{name}"] = [_("A weight cannot be negative.")]
        else:
            weights[name] = value
    if errors:
        raise ValidationError(errors)
    total = sum(weights.values())
    if total <= 0:
        raise ValidationError({"weights": [_("At least one weight must be above zero.")]})
    return {name: weights[name] / total for name in FACTORS}


def partner_suggestions(
    place: Place, *, target: Target, weights: dict | None = None, limit: int = 10, include_partnered: bool = False
) -> Ranking:
    """The best `limit` candidates of `target` for `place`, best first, each with its four factors explained.

    Places already partnered with `place` are listed in `partnered` and left out of `candidates` unless
    include_partnered. The place itself is never a candidate. A place with an empty profile gets a ranking on
    what is known (the ties), with its coverage stated, never an error. The finished ranking is kept in the
    "pages" cache under the content token, so it is recomputed after any change to the data behind it.
    """
    weights = _checked_weights(weights)
    if not caching_on():
        return ranking_compute(profiles_current(), place, target=target, weights=weights, limit=limit,
                               include_partnered=include_partnered)
    token = content_token()
    key = ":".join((
        "partners", token, str(place.pk), target.country, str(target.admin_level), target.kind or "",
        ",".join(f"{weights[name]:.6f}" for name in FACTORS), str(limit), "1" if include_partnered else "0",
        get_language() or "",
    ))
    cache = caches[CACHE_ALIAS]
    ranking = cache.get(key)
    if ranking is None:
        ranking = ranking_compute(profiles_current(), place, target=target, weights=weights, limit=limit,
                                  include_partnered=include_partnered)
        cache.set(key, ranking, settings.PAGE_CACHE_SECONDS)
    return ranking


def partner_fit(place: Place, other: Place, *, weights: dict | None = None) -> Candidate:
    """How `other` fits `place` as a partner: the four factors of that one pair, as in a ranking (for the
    side-by-side comparison, whatever rank `other` would have). Raises ValidationError for the place itself."""
    if place.pk == other.pk:
        raise ValidationError({"b": [_("Choose two different places.")]})
    weights = _checked_weights(weights)
    profiles = profiles_current()
    row = profiles.row_of.get(other.pk)
    if row is None:
        raise ValidationError({"b": [_("This place is not in the registry.")]})
    # Every place of `other`'s country and level, not `other` alone: an unknown factor counts at the mean
    # of that block, as in the ranking.
    target = Target(country=other.country_code, admin_level=other.admin_level)
    ranking = ranking_compute(profiles, place, target=target, weights=weights, limit=1, include_partnered=True,
                              only_row=row)
    return ranking.candidates[0]


def _checked_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    unknown = set(weights) - set(FACTORS)
    if unknown:
        raise ValidationError({"weights": [_("Unknown factor: {names}.").format(names=", ".join(sorted(unknown)))]})
    return parse_weights({f"w_{name}": str(weights.get(name, DEFAULT_WEIGHTS[name])) for name in FACTORS})


# --- the computation --------------------------------------------------------------------------------------------
@dataclass
class _Values:
    """The four factors of every candidate of a block (NaN = unknown), and what the sentences need."""

    matrix: np.ndarray  # (4 × candidates)
    supply: np.ndarray  # product columns the place produces
    supply_weight: np.ndarray  # per supplied product: RCA part × ease part
    rca_part: np.ndarray
    ease_part: np.ndarray
    already: np.ndarray  # bool per candidate
    open_counts: np.ndarray
    bridge: np.ndarray  # bool per candidate
    parts: np.ndarray  # the structural sub-parts (STRUCTURE_PARTS × candidates)


def ranking_compute(profiles: Profiles, place: Place, *, target: Target, weights: dict[str, float], limit: int = 10,
                    include_partnered: bool = False, block: Block | None = None, only_row: int | None = None,
                    ) -> Ranking:
    """The ranking over the profiles given (the benchmark passes its own profiles and block); `only_row`
    keeps one candidate of the block (partner_fit)."""
    row = profiles.row_of.get(place.pk)
    if row is None:
        raise ValidationError({"place": [_("This place is not in the registry.")]})
    if block is None:
        block = profiles.block(target.country, target.admin_level, target.kind)
    values = _factor_values(profiles, row, block, target.country)
    # score = Σ w·v / Σ w with unknown v at the factor's mean over the candidates (module docstring)
    known_weight = np.zeros(len(block.rows))
    weighted = np.zeros(len(block.rows))
    used_weight = 0.0
    means: dict[str, float | None] = {}
    for index, name in enumerate(FACTORS):
        factor_values = values.matrix[index]
        known = ~np.isnan(factor_values)
        means[name] = float(factor_values[known].mean()) if known.any() else None
        if weights[name] > 0 and means[name] is not None:
            known_weight += weights[name] * known
            weighted += weights[name] * np.where(known, factor_values, means[name])
            used_weight += weights[name]
    score = weighted / used_weight if used_weight > 0 else np.zeros(len(block.rows))
    total_weight = sum(weights.values())
    coverage = known_weight / total_weight if total_weight > 0 else np.zeros_like(known_weight)

    eligible = block.rows != row
    if only_row is not None:
        eligible &= block.rows == only_row
    partnered_positions = np.flatnonzero(eligible & values.already)
    if not include_partnered:
        eligible &= ~values.already
    order = _top(score, coverage, block.code_rank, np.flatnonzero(eligible), limit)
    partnered_order = _top(score, coverage, block.code_rank, partnered_positions, limit)

    with explanations.sentences():
        context = _Context(profiles, row, block, values, weights, target, means)
        candidates = [context.candidate(i, score[i], coverage[i]) for i in order]
        partnered = [context.candidate(i, score[i], coverage[i]) for i in partnered_order]
        coverage_note = context.coverage_note()
    return Ranking(
        place=place, target=target, weights=dict(weights), candidates=candidates, partnered=partnered,
        coverage_note=coverage_note,
    )


def _top(score: np.ndarray, coverage: np.ndarray, code_rank: np.ndarray, positions: np.ndarray, limit: int):
    """The `limit` best positions: score, then coverage (descending), then code; the same order every time."""
    if limit <= 0 or not len(positions):
        return np.zeros(0, dtype=np.int64)
    if len(positions) > 4 * limit:
        # Only the candidates that can reach the top are sorted: those at or above the limit-th best score.
        kth = np.partition(score[positions], len(positions) - limit)[len(positions) - limit]
        positions = positions[score[positions] >= kth]
    ranked = positions[np.lexsort((code_rank[positions], -coverage[positions], -score[positions]))]
    return ranked[:limit]


def _factor_values(profiles: Profiles, row: int, block: Block, target_country: str) -> _Values:
    size = len(block.rows)
    matrix = np.full((len(FACTORS), size), np.nan)
    country = profiles.country_code(row)

    # products: what the place supplies (RCA and ease) against what each candidate demands
    supply = np.flatnonzero(profiles.produces[row])
    rca = profiles.rca(country)
    rca_part = np.ones(len(supply))
    ease_part = np.ones(len(supply))
    for index, column in enumerate(supply):
        chapter = profiles.product_chapter[column]
        value = rca.values[chapter] if rca is not None else np.nan
        if not np.isnan(value) and value < 1:
            rca_part[index] = SUPPLY_WITHOUT_ADVANTAGE
        trade = profiles.bilateral(country, target_country, profiles.products[column].hs_code)
        if trade is not None and trade[0] <= 0:
            ease_part[index] = EASE_WITHOUT_TRADE
    supply_weight = rca_part * ease_part
    if len(supply):
        chapters = profiles.product_chapter[supply]
        # demand of each candidate for each supplied product: 1 for the product, ½ for another of its chapter
        demand = np.maximum(block.demands_t[supply], CHAPTER_CREDIT * block.demands_chapter_t[chapters])
        supply_side = supply_weight.astype(np.float32) @ demand / len(supply)
        # how much of each candidate's demand the place meets: 1 per demanded product supplied, ½ per chapter
        offered = np.zeros(len(profiles.products), dtype=np.float32)
        best_in_chapter = np.zeros(CHAPTERS)
        np.maximum.at(best_in_chapter, chapters, supply_weight)
        offered[:] = CHAPTER_CREDIT * best_in_chapter[profiles.product_chapter]
        offered[supply] = np.maximum(offered[supply], supply_weight)
        with np.errstate(divide="ignore", invalid="ignore"):
            offering = np.flatnonzero(offered)  # the products of the place's chapters: a dozen rows, not all
            demand_side = (offered[offering] @ block.demands_t[offering]) / block.demand_count
            matrix[0] = np.where(block.demand_count > 0, np.sqrt(supply_side * demand_side), np.nan)

    # sectors: Ochiai (cosine) overlap of the two sets of priority sectors
    own_sectors = profiles.sectors[row]
    own_count = float(own_sectors.sum())
    if own_count:
        shared = block.sectors_t[np.flatnonzero(own_sectors)].sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            matrix[1] = np.where(block.sector_count > 0, shared / np.sqrt(own_count * block.sector_count), np.nan)

    # structure: mean of the known sub-parts
    parts = _structure_parts(profiles, row, block)
    known = ~np.isnan(parts)
    count = known.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        matrix[2] = np.where(count > 0, np.nan_to_num(parts).sum(axis=0) / count, np.nan)

    # ties: already partnered (1), openness towards the place's country, bridges through neighbours
    partners_now = np.zeros(profiles.size + 1, dtype=bool)  # + 1: parent_row -1 reads the last, False
    partners_now[profiles.partners_of(row, current_only=True)] = True
    partners_ever = np.zeros(profiles.size + 1, dtype=bool)
    partners_ever[profiles.partners_of(row)] = True
    already = partners_now[block.rows]
    open_counts = profiles.openness(country)[block.rows] - partners_ever[block.rows]
    bridge = partners_ever[block.parent_row] | _bridged(profiles, row)[block.rows]
    openness = open_counts / (open_counts + 1.0)
    ties = 1.0 - (1.0 - openness) * (1.0 - BRIDGE_PART * bridge)
    matrix[3] = np.where(already, 1.0, ties)
    return _Values(matrix, supply, supply_weight, rca_part, ease_part, already, open_counts, bridge, parts)


# Parts of the product factor, after ITC's export-potential method (supply × demand × ease):
SUPPLY_WITHOUT_ADVANTAGE = 0.5  # the place produces it but its country has no RCA in the chapter (RCA < 1)
EASE_WITHOUT_TRADE = 0.75  # the two countries report trade with each other, but none in this product
CHAPTER_CREDIT = 0.5  # the candidate demands another product of the same HS chapter
BRIDGE_PART = 0.5  # a partner of the place's parent or neighbours (or the candidate's parent) counts half


def _bridged(profiles: Profiles, row: int) -> np.ndarray:
    """Places partnered with the place's parent or with its neighbours (the other places of its parent)."""
    mask = np.zeros(profiles.size, dtype=bool)
    parent = profiles.parent_row[row]
    if parent < 0 or not len(profiles.pairs):
        return mask
    if profiles.admin_level[parent] == 0:
        # The neighbours of a county are the whole country: already counted as openness.
        around = np.array([parent])
    else:
        around = np.flatnonzero(profiles.parent_row == parent)
        around = np.append(around[around != row], parent)
    mask[profiles.pairs[np.isin(profiles.pairs[:, 0], around), 1]] = True
    return mask


def _structure_parts(profiles: Profiles, row: int, block: Block) -> np.ndarray:
    """(5 × candidates): coastal, population, GDP, climate, agro-zone similarity; NaN where either is unknown."""
    parts = np.full((len(STRUCTURE_PARTS), len(block.rows)), np.nan)
    coastal = profiles.coastal[row]
    if coastal != UNKNOWN:
        parts[0] = np.where(block.coastal == UNKNOWN, np.nan, (block.coastal == coastal).astype(float))
    parts[1] = _scale_similarity(profiles.population[row], block.population)
    if not np.isnan(profiles.gdp_usd[row]):  # compared in a currency both give (profiles.py), never converted
        parts[2] = _scale_similarity(profiles.gdp_usd[row], block.gdp_usd)
    elif not np.isnan(profiles.gdp_cny[row]):
        parts[2] = _scale_similarity(profiles.gdp_cny[row], block.gdp_cny)
    climate = profiles.climate[row]
    if climate != UNKNOWN:
        same_group = block.climate_group == profiles.climate_group[row]
        similarity = np.where(block.climate == climate, 1.0, np.where(same_group, 0.5, 0.0))
        parts[3] = np.where(block.climate == UNKNOWN, np.nan, similarity)
    zone = profiles.agro_zone[row]
    if zone != UNKNOWN:
        parts[4] = np.where(block.agro_zone == UNKNOWN, np.nan, (block.agro_zone == zone).astype(float))
    return parts


STRUCTURE_PARTS = ("coastal", "population", "gdp", "climate", "agro_zone")


def _scale_similarity(own: float, others: np.ndarray) -> np.ndarray:
    """1 / (1 + |log10(a / b)|): 1 for the same size, 0.5 for ten times larger or smaller; NaN when unknown."""
    if np.isnan(own):
        return np.full(len(others), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        return 1.0 / (1.0 + np.abs(np.log10(others / own)))


class _Context:
    """What the sentences of one ranking share (the place's side), and the building of each candidate."""

    def __init__(self, profiles: Profiles, row: int, block: Block, values: _Values, weights: dict[str, float],
                 target: Target, means: dict[str, float | None]) -> None:
        self.profiles, self.row, self.block, self.values, self.weights = profiles, row, block, values, weights
        self.means = means
        self.place = profiles.places[row]
        self.country = profiles.country_code(row)
        self.target = target
        self.rca = profiles.rca(self.country)
        self.tc = profiles.complementarity(self.country, target.country)
        self.parts = values.parts
        # Each .name reads the active language (a thread-local lookup): read it once per ranking instead.
        self.language = explanations.active_language()
        self.place_name = self.label(self.place)
        self.product_names = [self.label(product) for product in profiles.products]
        self.sector_names = [self.label(sector) for sector in profiles.sectors_list]
        self.place_partners = set(profiles.partners_of(row).tolist())
        self._figures_memo: dict[tuple[int, ...], list[str]] = {}
        supplied = [self._supplied(index, column) for index, column in enumerate(values.supply)]
        # The products the country is best placed to sell first, then by name in the active language.
        self.supply = sorted(supplied, key=lambda item: (-item["supply"] * item["ease"], item["name"]))

    def label(self, obj) -> str:
        """obj.name in the language of the ranking (as core.text.localized), without a lookup per call."""
        return (getattr(obj, f"name_{self.language}", "") if self.language != "en" else "") or obj.name_en

    def _supplied(self, index: int, column: int) -> dict:
        product = self.profiles.products[column]
        chapter = int(self.profiles.product_chapter[column])
        rca = self.rca.values[chapter] if self.rca is not None else np.nan
        trade = self.profiles.bilateral(self.country, self.target.country, product.hs_code)
        return {
            "product": product.slug, "name": self.product_names[column], "hs_code": product.hs_code,
            "rca": None if np.isnan(rca) else round(float(rca), 4), "rca_year": self.rca.year if self.rca else None,
            "supply": float(self.values.rca_part[index]),
            "bilateral_exports_usd": trade[0] if trade else None, "bilateral_year": trade[1] if trade else None,
            "ease": float(self.values.ease_part[index]),
        }

    def candidate(self, position: int, score: float, coverage: float) -> Candidate:
        candidate_row = int(self.block.rows[position])
        name = self.label(self.profiles.places[candidate_row])
        factors = [
            self._products(position, candidate_row, name),
            self._sectors(position, candidate_row, name),
            self._structure(position, candidate_row, name),
            self._ties(position, candidate_row, name),
        ]
        return Candidate(
            place=self.profiles.places[candidate_row], score=float(score), coverage=float(coverage), factors=factors,
            already_partnered=bool(self.values.already[position]),
        )

    def _factor(self, name: str, position: int, explanation: str, data: dict) -> Factor:
        value = self.values.matrix[FACTORS.index(name), position]
        if np.isnan(value) and self.means[name] is not None:
            data = {**data, "counted_at_mean": round(self.means[name], 4)}
            space = "" if self.language == "zh" else " "  # Chinese sentences follow each other without one
            explanation = space.join((explanation, explanations.counted_at_mean(self.means[name])))
        return Factor(name=name, value=None if np.isnan(value) else float(value), weight=self.weights[name],
                      explanation=explanation, data=data)

    def _products(self, position: int, candidate_row: int, candidate: str) -> Factor:
        profiles, place = self.profiles, self.place_name
        demanded = np.flatnonzero(profiles.demands[candidate_row])
        data: dict = {"supply": self.supply, "demand": [], "trade_complementarity": self._tc_data()}
        if not self.supply:
            return self._factor("products", position, explanations.products_no_supply(place=place), data)
        if not len(demanded):
            return self._factor("products", position, explanations.products_no_demand(
                place=place, candidate=candidate, supply=[item["name"] for item in self.supply]), data)
        supplied = set(self.values.supply.tolist())
        supplied_chapters = set(profiles.product_chapter[self.values.supply].tolist())
        matched, chapters = [], []
        for column in demanded:
            product = profiles.products[column]
            chapter = int(profiles.product_chapter[column])
            match = "product" if column in supplied else "chapter" if chapter in supplied_chapters else None
            data["demand"].append({"product": product.slug, "name": self.product_names[column], "hs_code": product.hs_code,
                                   "match": match})
            if match:
                matched.append(self.product_names[column])
                chapters.append(chapter)
        matched.sort()
        figures = explanations.figures(self._figures(sorted(set(chapters))))
        supply_names = [item["name"] for item in self.supply]
        if matched:
            sentence = explanations.products_matched(place=place, candidate=candidate, supply=supply_names,
                                                     matched=matched, figures=figures)
        else:
            sentence = explanations.products_unmatched(
                place=place, candidate=candidate, supply=supply_names,
                demanded=sorted(self.product_names[column] for column in demanded), figures=figures,
            )
        return self._factor("products", position, sentence, data)

    def _figures(self, chapters: list[int]) -> list[str]:
        key = tuple(chapters)
        if key not in self._figures_memo:
            self._figures_memo[key] = self._figures_of(chapters)
        return self._figures_memo[key]

    def _figures_of(self, chapters: list[int]) -> list[str]:
        country_name = self.profiles.country_name(self.country)
        target_name = self.profiles.country_name(self.target.country)
        parts = []
        if self.rca is None:
            parts.append(explanations.rca_missing(country=country_name))
        else:
            for chapter in chapters[:3] or [int(self.profiles.product_chapter[c]) for c in self.values.supply[:1]]:
                value = self.rca.values[chapter]
                if not np.isnan(value):
                    parts.append(explanations.rca_figure(country=country_name, chapter=f"{chapter:02d}",
                                                         value=float(value), year=self.rca.year))
        if self.tc is None:
            parts.append(explanations.tc_missing(exporter=country_name, importer=target_name))
        else:
            parts.append(explanations.tc_figure(exporter=country_name, importer=target_name, value=self.tc.value,
                                                year=self.tc.year))
        return parts

    def _tc_data(self) -> dict | None:
        if self.tc is None:
            return None
        return {"exporter": self.country, "importer": self.target.country, "value": round(self.tc.value, 4),
                "year": self.tc.year, "source": self.tc.source}

    def _sectors(self, position: int, candidate_row: int, candidate: str) -> Factor:
        profiles = self.profiles
        own = np.flatnonzero(profiles.sectors[self.row])
        theirs = np.flatnonzero(profiles.sectors[candidate_row])
        place = self.place_name
        shared = [column for column in theirs if column in set(own.tolist())]
        data = {
            "place": [profiles.sectors_list[c].slug for c in own],
            "candidate": [profiles.sectors_list[c].slug for c in theirs],
            "shared": [profiles.sectors_list[c].slug for c in shared],
        }
        if len(own) and not len(theirs):
            return self._factor("sectors", position, explanations.sectors_unknown_for_candidate(
                place=place, candidate=candidate, place_sectors=[self.sector_names[c] for c in own]), data)
        if not len(own) or not len(theirs):
            missing = [name for name, columns in ((place, own), (candidate, theirs)) if not len(columns)]
            return self._factor("sectors", position, explanations.sectors_unknown(names=missing), data)
        if shared:
            sentence = explanations.sectors_shared(
                place=place, candidate=candidate, shared=[self.sector_names[c] for c in shared],
                place_count=len(own), candidate_count=len(theirs),
            )
        else:
            sentence = explanations.sectors_none_shared(
                place=place, candidate=candidate, place_sectors=[self.sector_names[c] for c in own],
                candidate_sectors=[self.sector_names[c] for c in theirs],
            )
        return self._factor("sectors", position, sentence, data)

    def _structure(self, position: int, candidate_row: int, candidate: str) -> Factor:
        profiles, row = self.profiles, self.row
        place = self.place_name
        sentences, missing, data = [], [], {}
        for index, name in enumerate(STRUCTURE_PARTS):
            value = self.parts[index, position]
            if np.isnan(value):
                missing.append(explanations.structure_missing_label(name))
                data[name] = None
                continue
            data[name] = round(float(value), 4)
            if name == "coastal":
                sentences.append(explanations.coastal_part(
                    place=place, candidate=candidate, place_coastal=bool(profiles.coastal[row]),
                    candidate_coastal=bool(profiles.coastal[candidate_row])))
            elif name == "population":
                sentences.append(explanations.population_part(
                    place_value=profiles.population[row], candidate_value=profiles.population[candidate_row]))
                data["population_values"] = [int(profiles.population[row]), int(profiles.population[candidate_row])]
            elif name == "gdp":
                currency = "usd" if not np.isnan(profiles.gdp_usd[row]) else "cny"
                gdp = profiles.gdp_usd if currency == "usd" else profiles.gdp_cny
                sentences.append(explanations.gdp_part(
                    place_value=gdp[row], candidate_value=gdp[candidate_row], currency=currency))
                data["gdp_values"] = [int(gdp[row]), int(gdp[candidate_row])]
                data["gdp_currency"] = currency.upper()
            elif name == "climate":
                sentences.append(explanations.climate_part(
                    place_value=profiles.climates[profiles.climate[row]],
                    candidate_value=profiles.climates[profiles.climate[candidate_row]]))
            else:
                sentences.append(explanations.agro_zone_part(
                    place_value=profiles.agro_zones[profiles.agro_zone[row]],
                    candidate_value=profiles.agro_zones[profiles.agro_zone[candidate_row]]))
        sentence = explanations.structure_sentence(place=place, candidate=candidate, parts=sentences, missing=missing)
        return self._factor("structure", position, sentence, data)

    def _ties(self, position: int, candidate_row: int, candidate: str) -> Factor:
        profiles, row = self.profiles, self.row
        place = self.place_name
        country_name = profiles.country_name(self.country)
        if self.values.already[position]:
            ids = profiles.partnerships_between(row, candidate_row)
            titles = [profiles.partnership_titles[i] for i in ids]
            return self._factor("ties", position, explanations.ties_partnered(
                place=place, candidate=candidate, titles=titles), {"partnerships": ids})
        partners = profiles.partners_of(candidate_row)
        country_index = profiles.country[row]
        in_country = [p for p in partners.tolist() if profiles.country[p] == country_index and p != row]
        bridges, via = [], []
        parent = profiles.parent_row[row]
        if parent >= 0:
            partnered_with_candidate = set(partners.tolist())
            if parent in partnered_with_candidate:
                bridges.append(explanations.bridge_parent(via=self.label(profiles.places[parent]), place=place))
                via.append(profiles.places[parent].code)
            for other in in_country:
                if profiles.admin_level[parent] > 0 and profiles.parent_row[other] == parent and len(via) < 3:
                    bridges.append(explanations.bridge_sibling(via=self.label(profiles.places[other]),
                                                               parent=self.label(profiles.places[parent])))
                    via.append(profiles.places[other].code)
        candidate_parent = profiles.parent_row[candidate_row]
        if candidate_parent >= 0 and candidate_parent in self.place_partners:
            bridges.append(explanations.bridge_candidate_parent(via=self.label(profiles.places[candidate_parent]),
                                                                place=place))
            via.append(profiles.places[candidate_parent].code)
        sentence = explanations.ties_sentence(
            place=place, candidate=candidate, country=country_name,
            open_names=[self.label(profiles.places[p]) for p in in_country[:3]], open_count=len(in_country),
            bridges=bridges,
        )
        data = {"partners_in_country": [profiles.places[p].code for p in in_country], "bridges": via}
        return self._factor("ties", position, sentence, data)

    def coverage_note(self) -> str:
        profiles, row = self.profiles, self.row
        missing = []
        if not len(self.values.supply):
            missing.append("products")
        if not profiles.sectors[row].any():
            missing.append("sectors")
        facts = {
            "coastal": profiles.coastal[row] == UNKNOWN, "population": np.isnan(profiles.population[row]),
            "gdp": np.isnan(profiles.gdp_usd[row]) and np.isnan(profiles.gdp_cny[row]), "climate": profiles.climate[row] == UNKNOWN,
            "agro_zone": profiles.agro_zone[row] == UNKNOWN,
        }
        missing.extend(name for name, absent in facts.items() if absent)
        if self.rca is None:
            missing.append("trade")
        others = self.block.rows != row
        return explanations.coverage_note(
            place=self.place_name, missing=[explanations.place_missing_label(name) for name in missing],
            demand_count=int((self.block.demand_count[others] > 0).sum()), total=int(others.sum()),
        )
