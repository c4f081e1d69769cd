"""GET /api/places and GET /api/places/{id}."""

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from urafiki.places.models import Place
from urafiki.places.search import places_search
from urafiki.places.selectors import place_detail_queryset, place_filters_parse, place_url

router = Router(tags=["places"])


class PlaceRef(Schema):
    id: int
    code: str
    name_en: str


class PlaceOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    name_zh: str
    name_sw: str
    pinyin: str
    admin_level: int
    kind: str
    country_code: str
    iso_code: str
    official_code: str
    parent: PlaceRef | None
    latitude: float | None
    longitude: float | None
    population: int | None
    url: str

    @staticmethod
    def resolve_url(obj: Place) -> str:
        return place_url(obj.code)


class PlaceList(Schema):
    count: int
    items: list[PlaceOut]


class FactOut(Schema):
    fact: str
    label: str
    value: str
    year: int | None
    source: str


class TermOut(Schema):
    slug: str
    name: str
    source: str


class AliasOut(Schema):
    name: str
    language: str
    source: str


class PlaceDetailOut(PlaceOut):
    aliases: list[AliasOut]
    facts: list[FactOut]
    products: list[TermOut]
    sectors: list[TermOut]
    children_count: int

    @staticmethod
    def resolve_aliases(obj: Place):
        return [{"name": a.name, "language": a.language, "source": a.source} for a in obj.aliases.all()]

    @staticmethod
    def resolve_facts(obj: Place):
        return [
            {"fact": f.fact, "label": str(f.get_fact_display()), "value": f.value, "year": f.year, "source": f.source}
            for f in obj.facts.all()
        ]

    @staticmethod
    def resolve_products(obj: Place):
        return [{"slug": p.product.slug, "name": p.product.name, "source": p.source} for p in obj.products.all()]

    @staticmethod
    def resolve_sectors(obj: Place):
        return [{"slug": s.sector.slug, "name": s.sector.name, "source": s.source} for s in obj.sectors.all()]


@router.get(
    "",
    response=PlaceList,
    summary="Search and filter places",
    openapi_extra={
        "parameters": [
            {"name": "q", "in": "query", "schema": {"type": "string"},
             "description": "Name in English, Chinese (simplified or traditional), pinyin or Kiswahili"},
            {"name": "country", "in": "query", "schema": {"type": "string"}, "description": "ISO 3166-1 alpha-2"},
            {"name": "admin_level", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 3}},
            {"name": "kind", "in": "query", "schema": {"type": "string"}},
            {"name": "parent", "in": "query", "schema": {"type": "integer"}, "description": "id of the parent place"},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
            {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
        ]
    },
)
def list_places(request):
    """Places ranked by name match (exact, then prefix, then close spelling), larger units first."""
    filters = place_filters_parse(request.GET)
    page = places_search(filters=filters)
    # The busiest endpoint: the items are written as plain dicts, in the shape of PlaceList (a test checks
    # the output against it), because validating ORM objects through the schema cost more than the search.
    body = {"count": page.count, "items": [place_summary(place) for place in page.items]}
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def place_summary(place: Place) -> dict:
    """A place as a list item of the API: PlaceOut."""
    parent = place.parent
    return {
        "id": place.pk,
        "code": place.code,
        "name": place.name,
        "name_en": place.name_en,
        "name_zh": place.name_zh,
        "name_sw": place.name_sw,
        "pinyin": place.pinyin,
        "admin_level": place.admin_level,
        "kind": place.kind,
        "country_code": place.country_code,
        "iso_code": place.iso_code,
        "official_code": place.official_code,
        "parent": {"id": parent.pk, "code": parent.code, "name_en": parent.name_en} if parent else None,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "population": place.population,
        "url": place_url(place.code),
    }


@router.get("/{place_id}", response=PlaceDetailOut, summary="One place with its cited profile")
def get_place(request, place_id: int):
    place = place_detail_queryset().filter(pk=place_id).first()
    if place is None:
        raise Http404(_("There is no place with the id {id}.").format(id=place_id))
    return place
