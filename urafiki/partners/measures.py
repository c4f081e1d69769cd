"""The trade measures behind product complementarity, as plain functions over chapter vectors (numpy).

A trade series is what one reporter sent to (export) or received from (import) one partner in one year,
by HS chapter (2 digits): a vector of 100 values (index = chapter number) with NaN where the source gives
nothing. A source may publish a chapter, its headings (4 digits) or subheadings (6 digits): the chapter's
value is its 2-digit row when there is one, else the sum of its 4-digit rows, else of its 6-digit rows.

- Balassa's revealed comparative advantage of country i in chapter k:
      RCA_ik = (x_ik / X_i) / (x_wk / X_w)
  x = exports to the world (partner WLD), w = the world as reporter, X = the total over all goods (the
  source's TOTAL row; without one, the sum over the chapters when the series is a whole basket).
  RCA ≥ 1: the country exports relatively more of k than the world does.
- Michaely's trade complementarity index between i's exports and j's imports:
      TC_ij = 1 − ½ · Σ_k |m_jk − x_ik|
  m_jk = share of chapter k in j's imports from the world, x_ik = share of k in i's exports to the world.
  1: i exports exactly what j imports, in the same proportions; 0: nothing in common. Shares are of the
  TOTAL rows; what a series leaves unreported by chapter (at most MAX_REMAINDER of its total) counts as one
  more group, so TC is then an upper bound, within that remainder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

WORLD = "WLD"
CHAPTERS = 100  # index 1..99 used; 0 stays empty
# Shares need the whole basket: a series of a country's ten largest chapters makes each look several times
# its real share (and TC near 0 against another top ten). Below this many chapters a series is too partial
# for RCA and TC, and they stay unknown. Full HS 2-digit tables (UN Comtrade, ITC) give 90 or more.
MIN_CHAPTERS = 40
MAX_REMAINDER = 0.1  # TC only when the chapters given make up at least 90 % of each series' total
TOTAL = "TOTAL"


@dataclass(frozen=True)
class SeriesKey:
    reporter: str
    partner: str
    flow: str  # "export" | "import"
    year: int


@dataclass
class TradeData:
    """Every series by chapter, its total, and the fine codes (for bilateral trade in one product), with sources."""

    chapters: dict[SeriesKey, np.ndarray] = field(default_factory=dict)
    totals: dict[SeriesKey, float] = field(default_factory=dict)
    codes: dict[SeriesKey, dict[str, float]] = field(default_factory=dict)
    sources: dict[SeriesKey, str] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str, str, int, float, str]]) -> TradeData:
        """rows: (reporter, partner, flow, hs_code, year, value_usd, source)."""
        codes: dict[SeriesKey, dict[str, float]] = defaultdict(dict)
        sources: dict[SeriesKey, set[str]] = defaultdict(set)
        data = cls()
        for reporter, partner, flow, hs_code, year, value, source in rows:
            key = SeriesKey(reporter, partner, flow, int(year))
            if hs_code == TOTAL:
                data.totals[key] = float(value)
            else:
                codes[key][hs_code] = float(value)
            sources[key].add(source)
        for key in sources:
            by_code = codes.get(key, {})
            data.codes[key] = by_code
            data.chapters[key] = chapter_vector(by_code)
            data.sources[key] = " ; ".join(sorted(sources[key]))
        return data

    def basket(self, key: SeriesKey) -> tuple[np.ndarray, float] | None:
        """(share of the total of every chapter, the share left unreported by chapter), or None when the
        denominator is unknown: no TOTAL row and too few chapters to be the whole basket."""
        vector = self.chapters.get(key)
        if vector is None:
            return None
        given = np.nan_to_num(vector, nan=0.0)
        total = self.totals.get(key)
        if total:
            shares = given / total
            return shares, max(0.0, 1.0 - float(shares.sum()))
        if (~np.isnan(vector)).sum() >= MIN_CHAPTERS and given.sum() > 0:
            return given / given.sum(), 0.0
        return None

    def years(self, reporter: str, partner: str, flow: str) -> set[int]:
        return {key.year for key in self.chapters if (key.reporter, key.partner, key.flow) == (reporter, partner, flow)}

    def series(self, reporter: str, partner: str, flow: str, year: int) -> np.ndarray | None:
        return self.chapters.get(SeriesKey(reporter, partner, flow, year))

    def value(self, reporter: str, partner: str, flow: str, year: int, hs_code: str) -> float | None:
        """The value in one HS code: its own row, else the sum of finer rows under it, else the row of the
        heading or chapter it belongs to (the finest the source gives), else None (not given)."""
        by_code = self.codes.get(SeriesKey(reporter, partner, flow, year))
        if by_code is None:
            return None
        if hs_code in by_code:
            return by_code[hs_code]
        finer = [value for code, value in by_code.items() if code.startswith(hs_code) and len(code) > len(hs_code)]
        if finer:
            # Finer rows of one length only: 4- and 6-digit rows of the same heading would count twice.
            length = min(len(code) for code in by_code if code.startswith(hs_code) and len(code) > len(hs_code))
            return sum(value for code, value in by_code.items() if code.startswith(hs_code) and len(code) == length)
        for length in (4, 2):
            if len(hs_code) > length and hs_code[:length] in by_code:
                return by_code[hs_code[:length]]
        return None


def chapter_vector(by_code: dict[str, float]) -> np.ndarray:
    """Values by chapter (NaN where not given): the 2-digit row, else the sum of 4-digit, else of 6-digit rows."""
    vector = np.full(CHAPTERS, np.nan)
    for length in (2, 4, 6):
        for code, value in by_code.items():
            if len(code) != length:
                continue
            chapter = int(code[:2])
            if length == 2:
                vector[chapter] = value
            elif _has_no_shorter(by_code, code[:2], length):
                vector[chapter] = value if np.isnan(vector[chapter]) else vector[chapter] + value
    return vector


def _has_no_shorter(by_code: dict[str, float], chapter: str, length: int) -> bool:
    return not any(code.startswith(chapter) and len(code) < length for code in by_code)


def shares(vector: np.ndarray) -> np.ndarray:
    """Each chapter's share of the total over the chapters given (NaN counts as nothing)."""
    values = np.nan_to_num(vector, nan=0.0)
    total = values.sum()
    return values / total if total > 0 else values


def revealed_comparative_advantage(country_shares: np.ndarray, world_shares: np.ndarray,
                                   given: np.ndarray | None = None) -> np.ndarray:
    """Balassa's RCA for every chapter from the two export baskets' shares: NaN where a chapter is not given
    (`given`: bool per chapter, both sides report it) or the world exports none of it."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rca = country_shares / world_shares
    unknown = world_shares <= 0
    if given is not None:
        unknown |= ~given
    return np.where(unknown, np.nan, rca)


def trade_complementarity(export_shares: np.ndarray, import_shares: np.ndarray,
                          export_remainder: float = 0.0, import_remainder: float = 0.0) -> float:
    """Michaely's TC = 1 − ½ Σ|m_k − x_k| over the chapters (and the unreported remainders as one group)."""
    distance = np.abs(import_shares - export_shares).sum() + abs(import_remainder - export_remainder)
    return float(1.0 - 0.5 * distance)


@dataclass(frozen=True)
class RCA:
    values: np.ndarray  # by chapter, NaN unknown
    year: int
    source: str


@dataclass(frozen=True)
class Complementarity:
    value: float
    year: int
    source: str


def _joined_sources(data: TradeData, *keys: SeriesKey) -> str:
    return " ; ".join(dict.fromkeys(part for key in keys for part in data.sources[key].split(" ; ")))


def rca_for(data: TradeData, country: str) -> RCA | None:
    """The RCA of `country` in the latest year with both its exports and the world's, each with a known
    denominator (a TOTAL row or a whole basket), or None."""
    for year in sorted(data.years(country, WORLD, "export") & data.years(WORLD, WORLD, "export"), reverse=True):
        own_key, world_key = SeriesKey(country, WORLD, "export", year), SeriesKey(WORLD, WORLD, "export", year)
        own, world = data.basket(own_key), data.basket(world_key)
        if own is None or world is None:
            continue
        given = ~np.isnan(data.chapters[own_key]) & ~np.isnan(data.chapters[world_key])
        return RCA(revealed_comparative_advantage(own[0], world[0], given), year,
                   _joined_sources(data, own_key, world_key))
    return None


def complementarity_for(data: TradeData, exporter: str, importer: str) -> Complementarity | None:
    """TC between `exporter`'s exports and `importer`'s imports in the latest year when both baskets are
    known by chapter to within MAX_REMAINDER of their totals, or None."""
    years = data.years(exporter, WORLD, "export") & data.years(importer, WORLD, "import")
    for year in sorted(years, reverse=True):
        export_key, import_key = SeriesKey(exporter, WORLD, "export", year), SeriesKey(importer, WORLD, "import", year)
        exports, imports = data.basket(export_key), data.basket(import_key)
        if exports is None or imports is None or max(exports[1], imports[1]) > MAX_REMAINDER:
            continue
        value = trade_complementarity(exports[0], imports[0], exports[1], imports[1])
        return Complementarity(value, year, _joined_sources(data, export_key, import_key))
    return None


def bilateral_trade(data: TradeData, exporter: str, importer: str, hs_code: str) -> tuple[float, int] | None:
    """(value in US$, year) of `exporter`'s exports to `importer` in `hs_code`, in the latest year reported by
    either side (the exporter's exports, else the mirror: the importer's imports). 0 when that side's series
    is a whole basket (see TradeData.basket) without the code; None when nobody reports it."""
    sides = ((exporter, importer, "export"), (importer, exporter, "import"))
    years = data.years(exporter, importer, "export") | data.years(importer, exporter, "import")
    for year in sorted(years, reverse=True):
        for reporter, partner, flow in sides:
            value = data.value(reporter, partner, flow, year, hs_code)
            if value is not None:
                return value, year
        for reporter, partner, flow in sides:
            basket = data.basket(SeriesKey(reporter, partner, flow, year))
            if basket is not None and basket[1] <= MAX_REMAINDER:
                return 0.0, year  # the whole basket is given by chapter, and this code is not in it
    return None
