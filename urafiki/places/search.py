"""The one place-name search, used by the pages, the API and the news extraction.

Ranking, best first:
  1. exact: a key of the query equals a key of the place ("Jiujiang City" = "九江市" = "jiujiang");
  2. prefix: a place's key starts with the query ("Jiuj");
  3. fuzzy, only when nothing matched exactly or by prefix: within a small edit distance ("Kilfi").
Inside a tier, the larger unit comes first (country, then first-level, then second-level), then the
more populous, so a province is listed before an obscure namesake.

Each path is one SQL statement (portable: SQLite >= 3.25 and PostgreSQL) that filters, ranks, counts
(window function) and joins the parent. It is written as SQL because the ORM took longer to compile the
equivalent queries than the database took to run them, on the busiest endpoint (benchmarks/README.md).
"""

import threading
import time
from bisect import bisect_left
from dataclasses import dataclass, replace

import numpy as np
from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import Indel, Levenshtein

from .models import Place, PlaceSearchKey, SearchKeysVersion
from .names import has_han, name_keys, pinyin_key

# A prefix of one or two Latin letters matches thousands of names and tells nothing; such a query
# finds exact names only (or close spellings). One Chinese character is already selective (湖 -> 湖南, 湖北).
MIN_PREFIX_LETTERS = 3
# Close spellings considered at most (the nearest first).
MAX_FUZZY_CANDIDATES = 500


@dataclass(frozen=True)
class PlaceFilters:
    """Validated filters of a place list, shared by the search page, GET /api/places and the newsroom."""

    q: str = ""
    country: str = ""
    admin_level: int | None = None
    kind: str = ""
    parent: int | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class SearchPage:
    count: int
    items: list[Place]


def query_keys(query: str) -> tuple[str, ...]:
    keys = list(name_keys(query))
    # Pinyin of a Chinese query finds places whose Chinese name is missing but pinyin is known; one
    # character's pinyin ("hu") would only match unrelated short names and codes.
    if keys and has_han(keys[-1]) and len(keys[-1]) >= 2:
        keys.append(pinyin_key(query))
    return tuple(k for k in dict.fromkeys(keys) if k)


# Columns in model order, so rows become Place instances through Place.from_db (as the ORM does).
_FIELDS = [f.attname for f in Place._meta.concrete_fields]
_PARENT_FIELDS = [  # what lists show of a parent; from_db wants them in model order too
    f for f in _FIELDS if f in {"id", "code", "name_en", "name_zh", "name_sw", "admin_level", "kind", "country_code"}
]
_SELECT = """
SELECT {place_columns}, {parent_columns}{count}
FROM places_place p
{join}
LEFT JOIN places_place parent ON parent.id = p.parent_id
WHERE {where}
ORDER BY {rank}p.admin_level, p.population IS NULL, p.population DESC, p.name_en, p.id
LIMIT %s OFFSET %s
""".replace("{place_columns}", ", ".join(f"p.{Place._meta.get_field(f).column}" for f in _FIELDS)).replace(
    "{parent_columns}", ", ".join(f"parent.{Place._meta.get_field(f).column}" for f in _PARENT_FIELDS)
)
# The best tier of each matching place: 0 when a key equals a query key, 1 when it only starts with one.
_MATCHED = """
JOIN (
    SELECT place_id, MIN(CASE WHEN key IN ({exact}) THEN 0 ELSE 1 END) AS tier
    FROM places_placesearchkey
    WHERE key IN ({exact}){prefix}
    GROUP BY place_id
) matched ON matched.place_id = p.id
"""


def _conditions(filters: PlaceFilters) -> tuple[list[str], list]:
    sql, params = ["1 = 1"], []
    for column, value in (
        ("country_code", filters.country or None),
        ("admin_level", filters.admin_level),
        ("kind", filters.kind or None),
        ("parent_id", filters.parent),
    ):
        if value is not None:
            sql.append(f"p.{column} = %s")
            params.append(value)
    return sql, params


def _run(filters: PlaceFilters, *, rank: str = "", rank_params=(), join: str = "", join_params=(), where=(),
         where_params=(), count_rows: bool = True) -> SearchPage:
    """One statement: filter, order (rank first), count and page, with the parents joined.

    count_rows=False when the caller knows every match fits on this first page: the count is then the
    number of rows, and the database is spared the window function.
    """
    conditions, params = _conditions(filters)
    sql = _SELECT.format(
        count=", COUNT(*) OVER () AS total_count" if count_rows else "",
        rank=f"{rank}, " if rank else "",
        join=join,
        where=" AND ".join([*conditions, *where]),
    )
    with connection.cursor() as cursor:
        # Parameters in the order their placeholders appear: JOIN, WHERE, ORDER BY, LIMIT/OFFSET.
        cursor.execute(sql, [*join_params, *params, *where_params, *rank_params, filters.limit, filters.offset])
        rows = cursor.fetchall()
    if rows:
        return SearchPage(count=rows[0][-1] if count_rows else len(rows), items=[_place(row) for row in rows])
    if filters.offset:  # a page past the end: still say how many there are
        first = _run(replace(filters, limit=1, offset=0), rank=rank,
                     rank_params=rank_params, join=join, join_params=join_params, where=where,
                     where_params=where_params)
        return SearchPage(count=first.count, items=[])
    return SearchPage(count=0, items=[])


def _place(row: tuple) -> Place:
    """A Place from a result row, with its parent attached (what select_related would have done)."""
    place = Place.from_db(connection.alias, _FIELDS, row[: len(_FIELDS)])
    parent_values = row[len(_FIELDS) : len(_FIELDS) + len(_PARENT_FIELDS)]
    if parent_values[0] is not None:
        place.parent = Place.from_db(connection.alias, _PARENT_FIELDS, parent_values)
    return place


def places_search(*, filters: PlaceFilters) -> SearchPage:
    """The places that pass the filters, ranked by how well their names match filters.q."""
    keys = query_keys(filters.q)
    if not keys:
        return _run(filters)
    prefixes = [k for k in keys[:2] if len(k) >= (1 if has_han(k) else MIN_PREFIX_LETTERS)]
    tiers = key_index.matches(keys, prefixes)
    if tiers is None:  # a prefix shared by very many names: let the database match them
        page = _matched_in_database(filters, keys, prefixes)
    else:
        page = _ranked(filters, tiers) if tiers else SearchPage(count=0, items=[])
    if page.count:
        return page
    return _fuzzy_search(keys, filters=filters)


def _matched_in_database(filters: PlaceFilters, keys: tuple[str, ...], prefixes: list[str]) -> SearchPage:
    exact = ", ".join(["%s"] * len(keys))
    join = _MATCHED.format(exact=exact, prefix="".join(" OR key LIKE %s" for _ in prefixes))
    # Keys hold only [0-9a-z] and CJK characters (names.py), so they need no LIKE escaping.
    join_params = [*keys, *keys, *(f"{p}%" for p in prefixes)]
    return _run(filters, rank="matched.tier", join=join, join_params=join_params)


def _ranked(filters: PlaceFilters, rank_of: dict[int, object]) -> SearchPage:
    """The places of rank_of that pass the filters, best (lowest) rank first."""
    groups: dict[object, list[int]] = {}
    for place_id, rank in rank_of.items():
        groups.setdefault(rank, []).append(place_id)
    whens, rank_params = [], []
    if len(groups) > 1:  # one group needs no ranking expression
        for position, rank in enumerate(sorted(groups)):
            whens.append(f"WHEN p.id IN ({', '.join(['%s'] * len(groups[rank]))}) THEN {position}")
            rank_params.extend(groups[rank])
    ids = list(rank_of)
    return _run(
        filters,
        rank=f"CASE {' '.join(whens)} END" if whens else "",
        rank_params=rank_params,
        where=[f"p.id IN ({', '.join(['%s'] * len(ids))})"],
        where_params=ids,
        count_rows=filters.offset > 0 or len(ids) > filters.limit,
    )


def _max_edits(key: str) -> int:
    if has_han(key):
        return 1 if len(key) >= 3 else 0
    if len(key) < 4:
        return 0
    return 1 if len(key) <= 5 else 2


def _fuzzy_search(keys: tuple[str, ...], *, filters: PlaceFilters) -> SearchPage:
    distances: dict[int, tuple[int, int]] = {}
    for key in keys:
        for place_id, distance in key_index.closest(key, max_edits=_max_edits(key)):
            distances[place_id] = min(distance, distances.get(place_id, distance))
    nearest = sorted(distances, key=distances.get)[:MAX_FUZZY_CANDIDATES]
    if not nearest:
        return SearchPage(count=0, items=[])
    return _ranked(filters, {place_id: distances[place_id] for place_id in nearest})


@dataclass(frozen=True)
class _Keys:
    """One immutable reading of the keys; replaced whole, so a reader never sees half of a rebuild."""

    keys: list[str]  # distinct keys
    place_ids: list[list[int]]  # the places of keys[i]
    position: dict[str, int]  # key -> i
    sorted_keys: list[str]  # for prefix ranges
    sorted_positions: list[int]
    lengths: np.ndarray
    postings: dict[str, np.ndarray]  # bigram -> positions of the keys that contain it

    @classmethod
    def read(cls) -> "_Keys":
        by_key: dict[str, list[int]] = {}
        for key, place_id in PlaceSearchKey.objects.values_list("key", "place_id").iterator(chunk_size=5000):
            by_key.setdefault(key, []).append(place_id)
        keys = list(by_key)
        postings: dict[str, list[int]] = {}
        for position, key in enumerate(keys):
            for gram in _bigrams(key):
                postings.setdefault(gram, []).append(position)
        sorted_positions = sorted(range(len(keys)), key=keys.__getitem__)
        return cls(
            keys=keys,
            place_ids=list(by_key.values()),
            position={key: position for position, key in enumerate(keys)},
            sorted_keys=[keys[position] for position in sorted_positions],
            sorted_positions=sorted_positions,
            lengths=np.fromiter((len(k) for k in keys), dtype=np.int32, count=len(keys)),
            postings={gram: np.asarray(found, dtype=np.int32) for gram, found in postings.items()},
        )


class KeyIndex:
    """All search keys in memory: exact and prefix lookups, and edit-distance matching.

    Looking keys up here instead of in SQL leaves the database one short statement per search (the
    places by id, filtered and ranked). Comparing a query with every key for close spellings costs too
    much, so those candidates come from a bigram index first. Two strings within k edits share at least
    (distinct bigrams of the query) - 2k distinct bigrams, since one edit breaks at most two bigrams; only
    keys that pass this bound and the length bound get the exact Levenshtein distance.

    Read again when the keys change: place_search_keys_rebuild, the only writer of keys, also changes
    the SearchKeysVersion token. The process that changed them sees the change at once; other processes
    within RECHECK_SECONDS.
    """

    RECHECK_SECONDS = 10.0
    # Beyond this many matching places, listing their ids costs more than letting the database match.
    MAX_LISTED_MATCHES = 1000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = None
        self._checked_at = float("-inf")
        self._keys: _Keys | None = None

    def invalidate(self) -> None:
        self._checked_at = float("-inf")

    def _current(self) -> _Keys:
        if time.monotonic() - self._checked_at >= self.RECHECK_SECONDS:
            with self._lock:
                version = SearchKeysVersion.objects.filter(id=1).values_list("token", flat=True).first()
                if self._keys is None or version is None or version != self._version:
                    self._keys, self._version = _Keys.read(), version
                self._checked_at = time.monotonic()
        return self._keys

    def matches(self, keys: tuple[str, ...], prefixes: list[str]) -> dict[int, int] | None:
        """{place id: 0 for an exact key, 1 for a key starting with a prefix}; None when too many to list."""
        index = self._current()
        tiers: dict[int, int] = {}
        for prefix in prefixes:
            start = bisect_left(index.sorted_keys, prefix)
            end = bisect_left(index.sorted_keys, prefix + "\U0010ffff", lo=start)
            for position in index.sorted_positions[start:end]:
                for place_id in index.place_ids[position]:
                    tiers[place_id] = 1
            if len(tiers) > self.MAX_LISTED_MATCHES:
                return None
        for key in keys:
            position = index.position.get(key)
            if position is not None:
                for place_id in index.place_ids[position]:
                    tiers[place_id] = 0
        return tiers

    def closest(self, key: str, *, max_edits: int) -> list[tuple[int, tuple[int, int]]]:
        """(place id, distance) of the keys within max_edits of key.

        The distance is (Levenshtein, Indel): among names as many edits away, a letter left out or added
        ("Nakru" for Nakuru) counts as closer than a letter changed (Nauru).
        """
        if max_edits <= 0:
            return []
        index = self._current()
        positions = _candidates(index, key, max_edits)
        found = process.extract(
            key,
            [index.keys[position] for position in positions],
            scorer=Levenshtein.distance,
            score_cutoff=max_edits,
            limit=None,
        )
        return [
            (place_id, (distance, Indel.distance(key, candidate)))
            for candidate, distance, found_at in found
            for place_id in index.place_ids[positions[found_at]]
        ]

    def all_keys(self) -> list[tuple[str, list[int]]]:
        """Every key with its places (for tests that compare the filter with a full scan)."""
        index = self._current()
        return list(zip(index.keys, index.place_ids, strict=True))


def _candidates(index: _Keys, key: str, max_edits: int) -> np.ndarray:
    """Positions of the keys that can be within max_edits of key: near in length, sharing enough bigrams."""
    near_length = np.abs(index.lengths - len(key)) <= max_edits
    grams = _bigrams(key)
    needed = len(grams) - 2 * max_edits
    if needed < 1:
        return np.flatnonzero(near_length)
    lists = [index.postings[g] for g in grams if g in index.postings]
    if not lists:
        return np.zeros(0, dtype=np.int64)
    shared = np.bincount(np.concatenate(lists), minlength=len(index.keys))
    return np.flatnonzero((shared >= needed) & near_length)


def _bigrams(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)}


key_index = KeyIndex()
