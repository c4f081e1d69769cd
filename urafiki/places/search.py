"""The one place-name search, used by the pages, the API and the news extraction.

Ranking, best first:
  1. exact: a key of the query equals a key of the place ("Jiujiang City" = "九江市" = "jiujiang");
  2. prefix: a place's key starts with the query ("Jiuj");
  3. fuzzy, only when nothing matched exactly or by prefix: within a small edit distance ("Kilfi").
Inside a tier, the larger unit comes first (country, then first-level, then second-level), then the
more populous, so a province is listed before an obscure namesake.
"""

import threading
import time
from dataclasses import dataclass

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from rapidfuzz import process
from rapidfuzz.distance import Indel, Levenshtein

from .models import Place, PlaceSearchKey
from .names import has_han, name_keys, pinyin_key

# A prefix of one or two Latin letters matches thousands of names and tells nothing; such a query
# finds exact names only (or close spellings). One Chinese character is already selective (湖 -> 湖南, 湖北).
MIN_PREFIX_LETTERS = 3


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


def _ordered(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("admin_level", F("population").desc(nulls_last=True), "name_en", "pk")


def places_search(*, query: str, places: QuerySet, limit: int, offset: int = 0) -> SearchPage:
    """Rank `places` (already filtered by the caller) by how well their names match `query`."""
    keys = query_keys(query)
    if not keys:
        return SearchPage(count=places.count(), items=list(_ordered(places)[offset : offset + limit]))

    # Start from the key index: the matching keys give the place ids, and only those places are read.
    # (EXISTS(...) OR EXISTS(...) made PostgreSQL scan every place; see benchmarks/README.md.)
    matching_keys = Q(key__in=keys)
    for key in keys[:2]:
        if len(key) >= (1 if has_han(key) else MIN_PREFIX_LETTERS):
            matching_keys |= Q(key__startswith=key)
    matched = places.filter(pk__in=PlaceSearchKey.objects.filter(matching_keys).values("place_id"))
    count = matched.count()
    if count:
        exact = PlaceSearchKey.objects.filter(place=OuterRef("pk"), key__in=keys)
        ranked = matched.annotate(
            tier=Case(When(Exists(exact), then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        items = list(
            ranked.order_by("tier", "admin_level", F("population").desc(nulls_last=True), "name_en", "pk")[
                offset : offset + limit
            ]
        )
        return SearchPage(count=count, items=items)
    return _fuzzy_search(keys, places=places, limit=limit, offset=offset)


def _max_edits(key: str) -> int:
    if has_han(key):
        return 1 if len(key) >= 3 else 0
    if len(key) < 4:
        return 0
    return 1 if len(key) <= 5 else 2


def _fuzzy_search(keys: tuple[str, ...], *, places: QuerySet, limit: int, offset: int) -> SearchPage:
    distances: dict[int, tuple[int, int]] = {}
    for key in keys:
        for place_id, distance in fuzzy_index.closest(key, max_edits=_max_edits(key)):
            distances[place_id] = min(distance, distances.get(place_id, distance))
    if not distances:
        return SearchPage(count=0, items=[])
    candidates = list(places.filter(pk__in=list(distances)))
    candidates.sort(key=lambda p: (distances[p.pk], p.admin_level, -(p.population or 0), p.name_en, p.pk))
    return SearchPage(count=len(candidates), items=candidates[offset : offset + limit])


class FuzzyIndex:
    """All search keys in memory, for edit-distance matching.

    Rebuilt when the keys change: place_search_keys_rebuild replaces a place's keys with new rows, so the
    highest key id and the number of keys change whenever any name does. Other processes notice within
    RECHECK_SECONDS.
    """

    RECHECK_SECONDS = 10.0
    CANDIDATES = 200

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._checked_at = 0.0
        self._keys: list[str] = []
        self._place_ids: list[list[int]] = []

    def invalidate(self) -> None:
        self._checked_at = 0.0

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked_at < self.RECHECK_SECONDS:
            return
        with self._lock:
            latest = PlaceSearchKey.objects.order_by("-pk").values_list("pk", flat=True).first()
            version = (latest, PlaceSearchKey.objects.count())
            if version != self._version:
                by_key: dict[str, list[int]] = {}
                for key, place_id in PlaceSearchKey.objects.values_list("key", "place_id").iterator(chunk_size=5000):
                    by_key.setdefault(key, []).append(place_id)
                self._keys = list(by_key)
                self._place_ids = list(by_key.values())
                self._version = version
            self._checked_at = now

    def closest(self, key: str, *, max_edits: int) -> list[tuple[int, tuple[int, int]]]:
        """(place id, distance) of the keys within max_edits of key.

        The distance is (Levenshtein, Indel): among names as many edits away, a letter left out or added
        ("Nakru" for Nakuru) counts as closer than a letter changed (Nauru).
        """
        if max_edits <= 0:
            return []
        self._refresh()
        found = process.extract(
            key, self._keys, scorer=Levenshtein.distance, score_cutoff=max_edits, limit=self.CANDIDATES
        )
        return [
            (place_id, (distance, Indel.distance(key, candidate)))
            for candidate, distance, index in found
            for place_id in self._place_ids[index]
        ]


fuzzy_index = FuzzyIndex()
