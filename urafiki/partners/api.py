"""GET /api/places/{id}/partner-suggestions: the partner ranking of a place, every score explained."""

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router

from urafiki.places.models import Place

from .ranking import Candidate, Ranking, partner_suggestions
from .schemas import SuggestionsOut
from .selectors import ranking_query_parse

router = Router(tags=["partner finder"])

MAX_LIMIT = 100
TRUE, FALSE = {"1", "true", "yes", "on"}, {"", "0", "false", "no", "off"}


@router.get(
    "/{place_id}/partner-suggestions",
    response=SuggestionsOut,
    summary="Partner suggestions for a place, each score explained",
    openapi_extra={
        "parameters": [
            {"name": "country", "in": "query", "schema": {"type": "string"},
             "description": "ISO 3166-1 alpha-2 of the candidates' country (default: CN, or KE for a Chinese place)"},
            {"name": "admin_level", "in": "query", "schema": {"type": "integer", "enum": [1, 2], "default": 1}},
            {"name": "kind", "in": "query", "schema": {"type": "string"}, "description": "province, prefecture_level_city …"},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 10}},
            {"name": "include_partnered", "in": "query", "schema": {"type": "boolean", "default": False}},
            *(
                {"name": f"w_{name}", "in": "query", "schema": {"type": "number", "minimum": 0},
                 "description": f"weight of {name} (default {default}); the weights are scaled to sum 1"}
                for name, default in (("products", 0.4), ("sectors", 0.25), ("structure", 0.2), ("ties", 0.15))
            ),
        ]
    },
)
def partner_suggestions_get(request, place_id: int):
    """Candidates of the target ranked by fit; factor values are null when the data behind them is missing."""
    place = Place.objects.filter(pk=place_id).first()
    if place is None:
        raise Http404(_("There is no place with the id {id}.").format(id=place_id))
    target, weights, errors = ranking_query_parse(request.GET, place=place)
    limit = _limit(request.GET.get("limit"), errors)
    include_partnered = _flag(request.GET.get("include_partnered"), "include_partnered", errors)
    if errors:
        raise ValidationError(errors)
    ranking = partner_suggestions(place, target=target, weights=weights, limit=limit,
                                  include_partnered=include_partnered)
    # Written as plain dicts in the shape of SuggestionsOut (a test checks it): 100 candidates with four
    # factors each cost more to validate than to rank.
    return JsonResponse(ranking_body(ranking), json_dumps_params={"ensure_ascii": False})


def _limit(raw: str | None, errors: dict) -> int:
    if raw is None or raw.strip() == "":
        return 10
    if raw.strip().isdigit() and 1 <= int(raw) <= MAX_LIMIT:
        return int(raw)
    errors["limit"] = [_("Enter a whole number from 1 to {maximum}.").format(maximum=MAX_LIMIT)]
    return 10


def _flag(raw: str | None, name: str, errors: dict) -> bool:
    value = (raw or "").strip().lower()
    if value in TRUE:
        return True
    if value not in FALSE:
        errors[name] = [_("Enter true or false.")]
    return False


def place_brief(place: Place) -> dict:
    return {"id": place.pk, "code": place.code, "name": place.name, "country": place.country_code,
            "admin_level": place.admin_level}


def candidate_body(candidate: Candidate) -> dict:
    return {
        "place": place_brief(candidate.place),
        "score": round(candidate.score, 6),
        "coverage": round(candidate.coverage, 6),
        "already_partnered": candidate.already_partnered,
        "factors": [
            {"name": f.name, "value": None if f.value is None else round(f.value, 6), "weight": round(f.weight, 6),
             "explanation": f.explanation, "data": f.data}
            for f in candidate.factors
        ],
    }


def ranking_body(ranking: Ranking) -> dict:
    return {
        "place": place_brief(ranking.place),
        "target": {"country": ranking.target.country, "admin_level": ranking.target.admin_level,
                   "kind": ranking.target.kind},
        "weights": {name: round(value, 6) for name, value in ranking.weights.items()},
        "coverage_note": ranking.coverage_note,
        "items": [candidate_body(c) for c in ranking.candidates],
        "partnered": [candidate_body(c) for c in ranking.partnered],
    }
