"""Reads of the registry, shaped for the pages and the API that show them."""

import re
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from urafiki.core.text import localized

from .models import Place, PlaceBoundary, PlaceFact, PlaceKind, PlaceProduct, PlaceSector
from .names import name_keys
from .search import PlaceFilters, places_search

MAX_LIMIT = 100


def place_filters_parse(params) -> PlaceFilters:
    """Turn request parameters (strings) into PlaceFilters, or raise ValidationError keyed by parameter."""
    errors: dict[str, str] = {}

    def integer(name: str, low: int, high: int | None, default: int | None) -> int | None:
        raw = (params.get(name) or "").strip()
        if raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            errors[name] = _("“{value}” is not a whole number.").format(value=raw)
            return default
        if value < low or (high is not None and value > high):
            if high is None:
                errors[name] = _("Must be {low} or more.").format(low=low)
            else:
                errors[name] = _("Must be between {low} and {high}.").format(low=low, high=high)
            return default
        return value

    q = (params.get("q") or "").strip()
    if len(q) > 100:
        errors["q"] = _("The search text is too long (100 characters at most).")
    country = (params.get("country") or "").strip().upper()
    if country and not _is_country(country):
        errors["country"] = _("“{value}” is not a known ISO 3166 alpha-2 country code.").format(value=country)
    kind = (params.get("kind") or "").strip()
    if kind and kind not in PlaceKind.values:
        errors["kind"] = _("“{value}” is not a kind of place. Choose one of: {choices}.").format(
            value=kind, choices=", ".join(PlaceKind.values)
        )
    admin_level = integer("admin_level", 0, 3, None)
    parent = integer("parent", 1, None, None)
    if parent is not None and not Place.objects.filter(pk=parent).exists():
        errors["parent"] = _("There is no place with id {value}.").format(value=parent)
    limit = integer("limit", 1, MAX_LIMIT, 20)
    offset = integer("offset", 0, None, 0)
    if errors:
        raise ValidationError(errors)
    return PlaceFilters(q=q, country=country, admin_level=admin_level, kind=kind, parent=parent,
                        limit=limit, offset=offset)


_known_countries: set[str] = set()


def _is_country(code: str) -> bool:
    """Whether the registry has this country; known codes are remembered (countries change with ISO 3166
    only), so the busiest requests skip this query."""
    if code not in _known_countries and Place.objects.filter(admin_level=0, code=code).exists():
        _known_countries.add(code)
    return code in _known_countries


def place_detail_queryset() -> QuerySet:
    """A place with everything its page shows, in a fixed number of queries."""
    return (
        Place.objects.select_related("parent__parent")
        .annotate(children_count=Count("children", distinct=True))
        .prefetch_related(
            "aliases",
            Prefetch("facts", queryset=PlaceFact.objects.order_by(_fact_order(), "-year")),
            Prefetch("products", queryset=PlaceProduct.objects.select_related("product").order_by("product__name_en")),
            Prefetch("sectors", queryset=PlaceSector.objects.select_related("sector").order_by("sector__name_en")),
        )
    )


def _fact_order() -> Case:
    """Facts in the order their choices are declared (population first), not alphabetically by key."""
    whens = [When(fact=value, then=Value(index)) for index, value in enumerate(PlaceFact.Fact.values)]
    return Case(*whens, default=Value(len(whens)), output_field=IntegerField())


def place_children(*, place: Place) -> QuerySet:
    return place.children.order_by("name_en").only("pk", "code", "name_en", "name_zh", "name_sw", "kind", "admin_level")


def place_map_outline_code(*, place: Place) -> str:
    """Whose outlines the place's map draws: its own, else its parent's (a city is a dot inside its province)."""
    with_outline = set(
        PlaceBoundary.objects.filter(place_id__in=[place.pk, place.parent_id]).values_list("place__code", flat=True)
    )
    if place.code in with_outline:
        return place.code
    if place.parent and place.parent.code in with_outline:
        return place.parent.code
    return ""


def country_choices() -> QuerySet:
    """The countries a user of Urafiki filters by first: Africa and China (then all others)."""
    return Place.objects.filter(admin_level=0).only("pk", "code", "name_en", "name_zh", "name_sw").order_by("name_en")


def registry_figures() -> dict[str, int]:
    """Headline figures of the home page."""
    counts = Place.objects.aggregate(
        countries=Count("pk", filter=Q(admin_level=0)),
        african_divisions=Count("pk", filter=Q(admin_level__gte=1) & ~Q(country_code="CN")),
        kenyan_counties=Count("pk", filter=Q(country_code="KE", admin_level=1)),
        chinese_provinces=Count("pk", filter=Q(country_code="CN", admin_level=1)),
        chinese_prefectures=Count("pk", filter=Q(country_code="CN", admin_level=2)),
    )
    return counts


@lru_cache(maxsize=1)
def _place_url_pattern() -> str:
    # One reverse() per process instead of one per listed place (a measurable share of a list response).
    return reverse("places:detail", args=["CODE"])


def place_url(code: str) -> str:
    """The page of the place with this code."""
    return _place_url_pattern().replace("CODE", code)


def boundaries_feature_collection(*, code: str) -> dict | None:
    """GeoJSON of a place's outline and its children's, names in the active language; None if no such place.

    code AFRICA-CHINA gives the country outlines of the whole map.
    """
    if code == "AFRICA-CHINA":
        boundaries = PlaceBoundary.objects.filter(place__admin_level=0)
    else:
        place = Place.objects.filter(code=code).first()
        if place is None:
            return None
        boundaries = PlaceBoundary.objects.filter(Q(place__parent=place) | Q(place=place))
    features = [
        {
            "type": "Feature",
            "geometry": boundary.geometry,
            "properties": {
                "code": boundary.place.code,
                "name": localized(boundary.place),
                "level": boundary.place.admin_level,
                "url": place_url(boundary.place.code),
            },
        }
        for boundary in boundaries.select_related("place")
    ]
    return {"type": "FeatureCollection", "features": features}


_CODE_IN_TEXT = re.compile(r"\(([A-Za-z]{2}(?:-[A-Za-z0-9]{1,8})?)\)\s*$")


def place_from_text(text: str) -> tuple[Place | None, list[Place]]:
    """A place named in a form: "Kilifi County (KE-14)", "KE-14", an id, or a name in any language.

    Returns (the place, []) when the text designates one place, or (None, the closest candidates) when
    it is a name that several places share or that none matches exactly, for the form to offer them.
    """
    text = (text or "").strip()[:200]
    if not text:
        return None, []
    match = _CODE_IN_TEXT.search(text)
    code = match.group(1) if match else text
    place = Place.objects.filter(code__iexact=code).first()
    if place is None and text.isdigit():
        place = Place.objects.filter(pk=int(text)).first()
    if place is not None:
        return place, []
    candidates = places_search(filters=PlaceFilters(q=text, limit=6)).items
    typed = set(name_keys(text))
    exact = [c for c in candidates if typed & {k for n in (c.name_en, c.name_zh, c.name_sw) for k in name_keys(n)}]
    if len(exact) == 1:
        return exact[0], []
    return None, candidates


def place_not_found_message(text: str, candidates: list[Place]) -> str:
    """What to tell someone whose typed place name designates none or several places."""
    if not candidates:
        return _("No place matches “{value}”. Check the spelling or write its code, such as KE-14.").format(
            value=text
        )
    return _("“{value}” is not precise enough. Did you mean: {choices}? Write the code in brackets.").format(
        value=text, choices="; ".join(f"{c.name} ({c.code})" for c in candidates)
    )
