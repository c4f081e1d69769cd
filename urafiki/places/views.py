"""Pages of the registry: home, place search, place page, map. Each view: parse, read, render."""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page
from django.views.decorators.vary import vary_on_headers

from urafiki.core.caching import anonymous_page_cache
from urafiki.partnerships.selectors import partnership_results, place_partnerships

from .models import PlaceKind
from .search import PlaceFilters, places_search
from .selectors import (
    boundaries_feature_collection,
    country_choices,
    place_children,
    place_detail_queryset,
    place_filters_parse,
    place_map_outline_code,
    registry_figures,
)

PAGE_SIZE = 20


def home(request):
    return render(request, "places/home.html", {"figures": registry_figures()})


def place_search(request):
    errors = {}
    try:
        filters = place_filters_parse(request.GET)
    except ValidationError as error:
        errors = error.message_dict
        filters = PlaceFilters(q=request.GET.get("q", "")[:100])  # keep what was typed in the box
    page_number = _page_number(request.GET.get("page"))
    filters = replace(filters, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
    result = places_search(filters=filters) if not errors else None
    paginator = Paginator(range(result.count if result else 0), PAGE_SIZE)
    context = {
        "filters": filters,
        "errors": errors,
        "result": result,
        "page": paginator.get_page(page_number),
        "countries": country_choices(),
        "kinds": PlaceKind.choices,
        "levels": [(0, _("country")), (1, _("first-level division")), (2, _("second-level division"))],
    }
    return render(request, "places/search.html", context)


def _page_number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) < 10_000 else 1


@anonymous_page_cache("place-page")
def place_detail(request, code: str):
    place = place_detail_queryset().filter(code=code.upper()).first()
    if place is None:
        raise Http404(_("There is no place with the code {code}.").format(code=code))
    context = {
        "place": place,
        "children": place_children(place=place),
        # Sorted by the name the reader sees, which depends on the language.
        "products": sorted(place.products.all(), key=lambda item: item.product.name.lower()),
        "sectors": sorted(place.sectors.all(), key=lambda item: item.sector.name.lower()),
        "map_outline_code": place_map_outline_code(place=place),
    }
    if not place.is_country:
        partnerships = place_partnerships(user=request.user, place=place)
        context["partnerships"] = partnerships[:50]
        context["partnership_results"] = partnership_results(partnerships=partnerships.values("pk"))
    return render(request, "places/detail.html", context)


def place_map(request):
    return render(request, "places/map.html")


@cache_page(60 * 60)
@vary_on_headers("Cookie", "Accept-Language")
def boundaries_geojson(request, code: str):
    """GeoJSON of a place's outline and its children's outlines, for the maps; names in the user's language.

    code=AFRICA-CHINA gives the country outlines of the whole map.
    """
    collection = boundaries_feature_collection(code=code.upper())
    if collection is None:
        raise Http404(_("There is no place with the code {code}.").format(code=code))
    return JsonResponse(collection)

