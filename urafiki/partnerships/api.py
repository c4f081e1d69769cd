"""/api/partnerships: read the partnerships one may see, and change them with the rights the pages give.

Reads are open: anonymous readers see public partnerships, members of a party's office its private ones
too. Writes need a user, by API token (Authorization: Bearer urafiki_…) or signed-in session with its
CSRF token (accounts.api_auth). Who may do what is partnerships.permissions' answer, as on the pages:
a verified officer of a party's office, or staff, changes a partnership; only staff delete one (an end
is recorded as the "ended" stage). Each endpoint parses its input (codes → rows, 400 keyed by field),
checks access (404 for what one cannot see, 403 for what one may not change), calls one service and
answers; services refuse bad input having changed nothing.
"""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.renderers import JSONRenderer

from urafiki.accounts.api_auth import api_auth
from urafiki.core.caching import cached_read
from urafiki.places.models import Place
from urafiki.taxonomy.models import Product, Sector

from . import services
from .models import Activity, Commitment, Partnership, StageChange
from .permissions import (
    access_partnership,
    can_edit_partnership,
    check_may_record,
    is_party_member,
    may_record_partnerships,
    visibility_key,
)
from .schemas import (
    ActivityIn,
    ActivityOut,
    CommitmentIn,
    CommitmentOut,
    CommitmentStatusIn,
    ErrorOut,
    PartnershipCreateIn,
    PartnershipDetailOut,
    PartnershipList,
    PartnershipUpdateIn,
    PlaceRef,
    SignatoryIn,
    StageChangeIn,
    StageChangeOut,
)
from .selectors import (
    partnership_detail_queryset,
    partnership_filters_parse,
    partnership_health_of,
    partnerships_list,
)

router = Router(tags=["partnerships"], auth=api_auth)
JSON = JSONRenderer()  # the API's renderer (config/api.py keeps ninja's default), for answers kept in the cache

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
READ_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}


def partnership_url(pk: int) -> str:
    """The path of the partnership's page."""
    return reverse("partnerships:detail", args=[pk])


# ---------------------------------------------------------------------------------------------- reads


@router.get(
    "",
    response={200: PartnershipList, **READ_ERRORS},
    summary="List and filter partnerships",
    openapi_extra={
        "parameters": [
            {"name": "country", "in": "query", "schema": {"type": "string"},
             "description": "ISO 3166-1 alpha-2 of a party's country"},
            {"name": "place", "in": "query", "schema": {"type": "string"},
             "description": "a party: place code (KE-14) or id; partnerships of its subdivisions included"},
            {"name": "stage", "in": "query", "schema": {"type": "string"}},
            {"name": "kind", "in": "query", "schema": {"type": "string"}},
            {"name": "sector", "in": "query", "schema": {"type": "string"}, "description": "sector code (tourism)"},
            {"name": "year", "in": "query", "schema": {"type": "integer"}, "description": "year of the latest signing"},
            {"name": "health", "in": "query", "schema": {"type": "string"}},
            {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "words of the title"},
            {"name": "sort", "in": "query",
             "schema": {"type": "string", "enum": ["-signed", "signed", "-updated", "title", "-activity", "health"]}},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
            {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
        ]
    },
)
def list_partnerships(request):
    """The partnerships you may see that match the filters, with their health.

    Answered from the cache of reads (core/caching.py) for everyone who sees the same partnerships.
    """

    def build() -> bytes:
        filters = partnership_filters_parse(request.GET)  # bad filters raise: a 400, never cached
        queryset = partnerships_list(user=request.user, filters=filters)
        page = queryset[filters.offset:filters.offset + filters.limit]
        answer = {"count": queryset.count(), "items": [_summary(p, health=p.health_status) for p in page]}
        # The same JSON as ninja's own answer: the schema's fields, ninja's renderer.
        return JSON.render(request, PartnershipList.model_validate(answer).model_dump(), response_status=200)

    content = cached_read(request, build, namespace="api-partnerships",
                          viewer=lambda: visibility_key(request.user))
    return HttpResponse(content, content_type="application/json")


@router.get("/{partnership_id}", response={200: PartnershipDetailOut, **READ_ERRORS},
            summary="One partnership with its timeline, action plan, activities and health")
def get_partnership(request, partnership_id: int):
    return _detail(request, partnership_id)


# --------------------------------------------------------------------------------------------- writes


@router.post("", response={201: PartnershipDetailOut, **ERRORS}, summary="Record a partnership")
def create_partnership(request, payload: PartnershipCreateIn):
    """Record a partnership at the stage it has reached. You must be a verified officer of one of the
    places' offices (or staff)."""
    user = request.user
    if not may_record_partnerships(user):
        raise PermissionDenied(_("Only verified officers of a government office can record partnerships."))
    errors: dict[str, list[str]] = {}
    places = _places(payload.places, "places", errors)
    signatories = _signatories(payload.signatories, errors)
    sectors = _terms(Sector, payload.sectors, "sectors", errors)
    products = _terms(Product, payload.products, "products", errors)
    if "places" not in errors:
        check_may_record(user, places)
    if errors:
        raise ValidationError(errors)
    partnership = services.partnership_create(
        places=places, kind=payload.kind, stage=payload.stage, happened_on=payload.happened_on,
        title=payload.title, summary=payload.summary, private_notes=payload.private_notes,
        is_public=payload.is_public, sectors=sectors, products=products, signatories=signatories,
        source=services.SourceInput(url=payload.source_url.strip(), text=payload.source_text),
        note=payload.note, by_user=user,
    )
    return Status(201, _detail(request, partnership.pk))


@router.patch("/{partnership_id}", response={200: PartnershipDetailOut, **ERRORS},
              summary="Change what describes a partnership")
def update_partnership(request, partnership_id: int, payload: PartnershipUpdateIn):
    """Only the fields sent change. The stage changes through stage-changes, not here."""
    partnership = access_partnership(request.user, partnership_id, action="edit")
    sent = payload.dict(exclude_unset=True)
    errors: dict[str, list[str]] = {
        field: [_("This field cannot be null.")] for field, value in sent.items() if value is None
    }
    changes: dict = {field: value for field, value in sent.items() if value is not None}
    if "places" in changes:
        changes["places"] = _places(changes["places"], "places", errors)
    if "sectors" in changes:
        changes["sectors"] = _terms(Sector, changes["sectors"], "sectors", errors)
    if "products" in changes:
        changes["products"] = _terms(Product, changes["products"], "products", errors)
    if errors:
        raise ValidationError(errors)
    if "places" in changes:
        check_may_record(request.user, changes["places"])
    if changes:  # an empty PATCH would still save, and leave an empty entry in the audit history
        services.partnership_update(partnership=partnership, by_user=request.user, **changes)
    return _detail(request, partnership.pk)


@router.delete("/{partnership_id}", response={204: None, **ERRORS},
               summary="Delete a partnership (staff: moderation)")
def delete_partnership(request, partnership_id: int):
    """For moderation only (a duplicate, a record made in error). The end of a real partnership is a
    stage change to "ended", which keeps its history."""
    partnership = access_partnership(request.user, partnership_id)
    if not request.user.is_staff:
        raise PermissionDenied(_("Only staff can delete a partnership: record its end as the “ended” stage."))
    services.partnership_delete(partnership=partnership, by_user=request.user)
    return Status(204, None)


@router.post("/{partnership_id}/stage-changes", response={201: StageChangeOut, **ERRORS},
             summary="Move a partnership to another stage")
def create_stage_change(request, partnership_id: int, payload: StageChangeIn):
    partnership = access_partnership(request.user, partnership_id, action="edit")
    errors: dict[str, list[str]] = {}
    signatories = _signatories(payload.signatories, errors)
    if errors:
        raise ValidationError(errors)
    change = services.partnership_change_stage(
        partnership=partnership, to_stage=payload.to_stage, happened_on=payload.happened_on,
        renewal=payload.renewal, signatories=signatories,
        source=services.SourceInput(url=payload.source_url.strip(), text=payload.source_text),
        note=payload.note, by_user=request.user,
    )
    change = StageChange.objects.prefetch_related("signatories__party__place").get(pk=change.pk)
    return Status(201, _stage_change(change))


@router.post("/{partnership_id}/commitments", response={201: CommitmentOut, **ERRORS},
             summary="Add an item to the action plan")
def create_commitment(request, partnership_id: int, payload: CommitmentIn):
    partnership = access_partnership(request.user, partnership_id, action="edit")
    errors: dict[str, list[str]] = {}
    found = _places([payload.place], "place", errors) if payload.place is not None else []
    place = found[0] if found else None
    if errors:
        raise ValidationError(errors)
    commitment = services.commitment_add(
        partnership=partnership, description=payload.description, place=place, due_on=payload.due_on,
        by_user=request.user,
    )
    return Status(201, _commitment(_commitment_of(partnership, commitment.pk)))


@router.patch("/{partnership_id}/commitments/{commitment_id}", response={200: CommitmentOut, **ERRORS},
              summary="Mark progress on a commitment")
def update_commitment(request, partnership_id: int, commitment_id: int, payload: CommitmentStatusIn):
    partnership = access_partnership(request.user, partnership_id, action="edit")
    commitment = _commitment_of(partnership, commitment_id)
    services.commitment_set_status(
        commitment=commitment, status=payload.status, completed_on=payload.completed_on,
        evidence=payload.evidence, by_user=request.user,
    )
    return _commitment(commitment)


@router.post("/{partnership_id}/activities", response={201: ActivityOut, **ERRORS},
             summary="Record what the partnership produced")
def create_activity(request, partnership_id: int, payload: ActivityIn):
    partnership = access_partnership(request.user, partnership_id, action="edit")
    errors: dict[str, list[str]] = {}
    places = _places(payload.places, "places", errors)
    if errors:
        raise ValidationError(errors)
    activity = services.activity_record(
        partnership=partnership, kind=payload.kind, happened_on=payload.happened_on, title=payload.title,
        description=payload.description, places=places, people=payload.people, value=payload.value,
        currency=payload.currency, source=payload.source, by_user=request.user,
    )
    activity = Activity.objects.prefetch_related("places").get(pk=activity.pk)  # the value as stored
    return Status(201, _activity(activity, activity.places.all()))


@router.delete("/{partnership_id}/activities/{activity_id}", response={204: None, **ERRORS},
               summary="Remove an activity recorded by mistake")
def delete_activity(request, partnership_id: int, activity_id: int):
    partnership = access_partnership(request.user, partnership_id, action="edit")
    activity = partnership.activities.filter(pk=activity_id).first()
    if activity is None:
        raise Http404(_("There is no activity with id {id} in this partnership.").format(id=activity_id))
    services.activity_delete(activity=activity, by_user=request.user)
    return Status(204, None)


# ------------------------------------------------------------------------------------- input parsing


def _places(refs: Sequence[PlaceRef], field: str, errors: dict) -> list[Place]:
    """Codes or ids to places, in the order given (one query); each unknown one is an error of `field`."""

    def key(ref: PlaceRef) -> tuple[str, int | str]:
        text = str(ref).strip()
        return ("id", int(text)) if text.isdigit() else ("code", text.upper())

    keys = [key(ref) for ref in refs]
    ids = [value for kind, value in keys if kind == "id"]
    codes = [value for kind, value in keys if kind == "code"]
    found: dict[tuple[str, int | str], Place] = {}
    if keys:
        for place in Place.objects.filter(Q(pk__in=ids) | Q(code__in=codes)):
            found[("id", place.pk)] = found[("code", place.code)] = place
    missing = [_("There is no place with the code or id “{value}”.").format(value=str(ref).strip())
               for ref, k in zip(refs, keys, strict=True) if k not in found]
    if missing:
        errors.setdefault(field, []).extend(missing)
    return [found[k] for k in keys if k in found]


def _signatories(signatories: Sequence[SignatoryIn], errors: dict) -> list[services.SignatoryInput]:
    places = _places([s.place for s in signatories], "signatories", errors)
    if len(places) != len(signatories):
        return []
    return [services.SignatoryInput(s.name, s.title, place) for s, place in zip(signatories, places, strict=True)]


def _terms(model: type[Sector] | type[Product], codes: Sequence[str], field: str, errors: dict) -> list:
    found = {term.slug: term for term in model.objects.filter(slug__in=codes)}
    message = (_("“{value}” is not a sector of the shared vocabulary.") if model is Sector
               else _("“{value}” is not a product of the shared vocabulary."))
    missing = [message.format(value=code) for code in codes if code not in found]
    if missing:
        errors.setdefault(field, []).extend(missing)
    return [found[code] for code in dict.fromkeys(codes) if code in found]


def _commitment_of(partnership: Partnership, commitment_id: int) -> Commitment:
    commitment = partnership.commitments.select_related("party__place").filter(pk=commitment_id).first()
    if commitment is None:
        raise Http404(_("There is no commitment with id {id} in this partnership.").format(id=commitment_id))
    return commitment


# ------------------------------------------------------------------------------------------- writing


# ------------------------------------------------------------------------------------------ rendering


def _summary(partnership: Partnership, *, health) -> dict:
    """A partnership as a list item (PartnershipOut); parties and sectors prefetched by the selector."""
    return {
        "id": partnership.pk,
        "title": partnership.title,
        "kind": partnership.kind,
        "stage": partnership.stage,
        "stage_since": partnership.stage_since,
        "signed_on": partnership.signed_on,
        "is_public": partnership.is_public,
        "health": health,
        "parties": [
            {"id": party.place_id, "code": party.place.code, "name": party.place.name,
             "country": party.place.country_code}
            for party in partnership.parties.all()
        ],
        "sectors": [sector.slug for sector in partnership.sectors.all()],
        "url": partnership_url(partnership.pk),
    }


def _detail(request, pk: int) -> dict:
    """PartnershipDetailOut of the partnership with this id, in a fixed number of queries."""
    user = request.user
    partnership = partnership_detail_queryset(user=user).filter(pk=pk).first()
    if partnership is None:
        access_partnership(user, pk)  # raises the one 404 for "missing" and "not yours to see"
        raise Http404  # pragma: no cover - only if the partnership appeared in between
    health = partnership_health_of(partnership=partnership)
    return {
        **_summary(partnership, health={"status": health.status, "label": health.label, "reasons": health.reasons}),
        "summary": partnership.summary,
        "private_notes": partnership.private_notes if is_party_member(user, partnership) else None,
        "products": [product.slug for product in partnership.products.all()],
        "stage_changes": [_stage_change(change) for change in partnership.stage_changes.all()],
        "commitments": [_commitment(commitment) for commitment in partnership.commitments.all()],
        "activities": [_activity(activity, activity.places.all()) for activity in partnership.latest_activities],
        "can_edit": can_edit_partnership(user, partnership),
    }


def _stage_change(change: StageChange) -> dict:
    return {
        "id": change.pk,
        "from_stage": change.from_stage,
        "to_stage": change.to_stage,
        "happened_on": change.happened_on,
        "renewal": change.is_renewal,
        "signatories": [
            {"name": signatory.name, "title": signatory.title, "place": signatory.party.place.code}
            for signatory in change.signatories.all()
        ],
        "source_url": change.source_url,
        "source_text": change.source_text,
        "note": change.note,
        "recorded_at": change.recorded_at,
    }


def _commitment(commitment: Commitment) -> dict:
    return {
        "id": commitment.pk,
        "description": commitment.description,
        "place": commitment.party.place.code if commitment.party else None,
        "due_on": commitment.due_on,
        "status": commitment.status,
        "completed_on": commitment.completed_on,
        "evidence": commitment.evidence,
    }


def _activity(activity: Activity, places: Sequence[Place]) -> dict:
    return {
        "id": activity.pk,
        "kind": activity.kind,
        "happened_on": activity.happened_on,
        "title": activity.title,
        "description": activity.description,
        "places": [place.code for place in places],
        "people": activity.people,
        "value": None if activity.value is None else str(activity.value),
        "currency": activity.currency,
        "source": activity.source,
    }

