"""Writes to the registry of places. Every interface (loader, admin, later the API) goes through these."""

import uuid

from django.db import transaction

from .models import Place, PlaceSearchKey, SearchKeysVersion
from .names import name_keys, pinyin_key
from .search import key_index


def place_names(place: Place) -> list[str]:
    """Every name the place goes by: official names in three languages, pinyin, code, aliases."""
    names = [place.name_en, place.name_zh, place.name_sw, place.pinyin, place.code, place.iso_code]
    names.extend(alias.name for alias in place.aliases.all())
    return [n for n in names if n]


def place_search_keys_for(place: Place) -> set[str]:
    keys: set[str] = set()
    for name in place_names(place):
        keys.update(name_keys(name))
    if place.name_zh:
        keys.add(pinyin_key(place.name_zh))
    keys.discard("")
    return keys


@transaction.atomic
def place_search_keys_rebuild(*, places=None) -> int:
    """Replace the search keys of `places` (default: all) when they differ. Returns how many places changed."""
    queryset = (places if places is not None else Place.objects.all()).prefetch_related("aliases", "search_keys")
    changed = 0
    for place in queryset.iterator(chunk_size=2000):
        wanted = place_search_keys_for(place)
        current = {k.key for k in place.search_keys.all()}
        if wanted == current:
            continue
        place.search_keys.all().delete()
        PlaceSearchKey.objects.bulk_create(PlaceSearchKey(place=place, key=k) for k in sorted(wanted))
        changed += 1
    if changed:
        SearchKeysVersion.objects.update_or_create(id=1, defaults={"token": uuid.uuid4()})
        # Now for this connection's own reads, and again once other connections can see the new keys.
        key_index.invalidate()
        transaction.on_commit(key_index.invalidate)
    return changed
