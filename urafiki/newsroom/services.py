"""Writes of the newsroom: read an article into drafts, accept a draft into a partnership, reject one, add
one the extractor missed.

Every interface (the pages, the API, the ingest command) calls these, so each rule lives here once. Each
function checks its rules first and writes inside one transaction; a refusal (ValidationError keyed by
field, PermissionDenied) leaves the database as it was.

Accepting goes through the partnerships' own services (partnership_create, partnership_change_stage,
partnership_update), so the lifecycle, the dates and the signatories obey the same rules as on the
partnership pages, and the audit history says who accepted what.
"""

import datetime
import hashlib
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from urafiki.partnerships import services as partnership_services
from urafiki.partnerships.lifecycle import Stage, move_is_allowed
from urafiki.partnerships.models import Partnership, PartnershipKind, PartnershipParty
from urafiki.partnerships.permissions import can_edit_partnership, check_may_record, partnerships_visible_to
from urafiki.places.models import Place
from urafiki.places.selectors import place_from_text, place_not_found_message
from urafiki.taxonomy.models import Product, Sector

from . import extraction, sources
from .models import AgreementType, DraftAgreement, NewsArticle, PartnershipSource
from .permissions import check_may_add_draft, check_may_review

LANGUAGES = {"en", "zh"}
# What each kind of agreement means for a partnership: the stage it reaches and the kind it is.
# A renewal brings an existing partnership (back) to active; a new record of one starts active.
STAGE_OF_TYPE = {
    "letter_of_intent": Stage.LETTER_OF_INTENT,
    "mou": Stage.MOU_SIGNED,
    "sister_city": Stage.FORMAL_AGREEMENT,
    "friendship": Stage.FORMAL_AGREEMENT,
    "cooperation_agreement": Stage.FORMAL_AGREEMENT,
    "renewal": Stage.ACTIVE,
    "other": Stage.EXPLORING,
}
KIND_OF_TYPE = {
    "sister_city": PartnershipKind.SISTER_RELATIONSHIP,
    "friendship": PartnershipKind.SISTER_RELATIONSHIP,
    "other": PartnershipKind.OTHER,
}  # the others: cooperation
# A service's field names -> the draft's, so that a page or the API shows each message beside its field.
_FIELD_OF = {"places": "parties", "happened_on": "date_signed", "signatories": "people", "to_stage": "type",
             "stage": "type", "kind": "type"}


# ------------------------------------------------------------------------------------------- reading


def content_hash(text: str) -> str:
    """The identity of an article's text: the same words, whatever the white space, are the same article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def article_read(
    *, text: str | None = None, url: str = "", path: str | Path | None = None, upload=None,
) -> sources.Article:
    """Pasted text (with the address it came from, if given), a file, an uploaded file or a web address
    to an Article. ValidationError keyed by "text", "file" or "url" when it cannot be read."""
    try:
        if text is not None:
            return sources.article_from_text(text, url=url.strip())
        if path is not None:
            return sources.article_from_file(path)
        if upload is not None:
            return _article_from_upload(upload)
        if url.strip():
            return sources.article_from_url(url.strip())
    except sources.SourceError as error:
        field_name = "text" if text is not None else "url" if path is None and upload is None else "file"
        raise ValidationError({field_name: str(error)}) from None
    raise ValidationError({"text": _("Paste the text of an article, upload a file or give a web address.")})


def _article_from_upload(upload) -> sources.Article:
    # sources reads files from a path (and tells HTML from text by content, not name): a temporary copy.
    suffix = Path(upload.name or "").suffix.lower()[:10]
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        return sources.article_from_file(copy.name)


def article_ingest(*, article: sources.Article, by_user) -> NewsArticle:
    """Read an article into draft agreements waiting for review, and return the stored article.

    The same text submitted again is the same NewsArticle, with no new drafts: the result's `is_new` says
    which. An empty article, one in a language the extractor does not read, or one the extractor cannot
    read raises ValidationError (key "text" or "language") and stores nothing. by_user: anyone signed in;
    None for the operator's command line.
    """
    if by_user is not None and not getattr(by_user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to submit an article."))
    text = (article.text or "").strip()
    if not text:
        raise ValidationError({"text": _("The article is empty.")})
    if article.language and article.language not in LANGUAGES:
        raise ValidationError({"language": _language_message(article.language)})
    digest = content_hash(text)
    known = NewsArticle.objects.filter(content_hash=digest).first()
    if known is not None:
        known.is_new = False
        return known

    try:  # before any write: a refusal stores nothing
        found = extraction.extract(text, published=article.published)
    except extraction.ExtractionError as error:
        raise ValidationError({"text": str(error)}) from None
    if found.language not in LANGUAGES:
        raise ValidationError({"language": _language_message(found.language)})

    try:
        with transaction.atomic():
            stored = NewsArticle(
                url=(article.url or "").strip()[:500], title=(article.title or "").strip()[:300], text=found.text,
                language=found.language, published=article.published or found.published, content_hash=digest,
                submitted_by=by_user,
            )
            stored.full_clean(validate_constraints=False)  # the one constraint: the IntegrityError below
            stored.save()
            DraftAgreement.objects.bulk_create(
                DraftAgreement(article=stored, position=i, payload=draft_payload(agreement))
                for i, agreement in enumerate(found.agreements)
            )
    except IntegrityError:
        # The same article submitted twice at once: the other submission was stored first.
        known = NewsArticle.objects.filter(content_hash=digest).first()
        if known is None:
            raise
        known.is_new = False
        return known
    stored.is_new = True
    return stored


def _language_message(code: str) -> str:
    return _("This article is in a language the newsroom cannot read ({language}): it reads English and "
             "Chinese.").format(language=code or "?")


def _spans(spans: Iterable) -> list[list[int]]:
    return [[int(span.start), int(span.end)] for span in spans]


def draft_payload(agreement: extraction.ExtractedAgreement) -> dict:
    """The agreement in the gold-file schema, with the place ids and the evidence spans the review page shows."""
    payload = agreement.as_json()
    for data, party in zip(payload["parties"], agreement.parties, strict=True):
        data["place_id"] = party.place_id
        data["evidence"] = _spans(party.evidence)
    for data, person in zip(payload["people"], agreement.people, strict=True):
        data["evidence"] = _spans(person.evidence)
    payload["evidence"] = {name: _spans(spans) for name, spans in agreement.evidence.items()}
    return payload


# ------------------------------------------------------------------------------------------ reviewing


@dataclass
class Review:
    """A draft as the reviewer accepts it: the extraction with the reviewer's edits, resolved to rows."""

    type: str
    places: list[Place]
    date_signed: datetime.date | None
    sectors: list[Sector]
    products: list[Product]
    signatories: list[partnership_services.SignatoryInput]
    unknown_people: list[str] = field(default_factory=list)  # named with no party: not recorded as signatories

    def as_json(self) -> dict:
        return {
            "type": self.type,
            "parties": [{"name": place.name_en, "country": place.country_code, "place": place.name_en,
                         "place_id": place.pk} for place in self.places],
            "date_signed": self.date_signed.isoformat() if self.date_signed else None,
            "sectors": [sector.slug for sector in self.sectors],
            "products": [product.slug for product in self.products],
            "people": [{"name": s.name, "role": s.title, "party": s.place.name_en, "place_id": s.place.pk}
                       for s in self.signatories],
        }


def _place_of(ref, errors: dict, field_name: str) -> Place | None:
    """A place given as a Place, an id, a code or a name ("Kilifi", "KE-14", "Kilifi County (KE-14)")."""
    if isinstance(ref, Place):
        return ref
    text = str(ref if ref is not None else "").strip()
    place, candidates = place_from_text(text)
    if place is None:
        errors.setdefault(field_name, []).append(place_not_found_message(text, candidates))
    return place


def _date_of(value, errors: dict) -> datetime.date | None:
    if value is None or value == "" or isinstance(value, datetime.date):
        return value or None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault("date_signed", []).append(
            _("“{value}” is not a date: write it as YYYY-MM-DD.").format(value=value))
        return None


def _terms_of(model, values, errors: dict, field_name: str) -> list:
    values = list(values or [])
    slugs = [value.slug if isinstance(value, model) else str(value) for value in values]
    found = {term.slug: term for term in model.objects.filter(slug__in=slugs)}
    message = (_("“{value}” is not a sector of the shared vocabulary.") if model is Sector
               else _("“{value}” is not a product of the shared vocabulary."))
    for slug in slugs:
        if slug not in found:
            errors.setdefault(field_name, []).append(message.format(value=slug))
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def draft_review_values(*, draft: DraftAgreement, edits: Mapping | None = None) -> Review:
    """The draft with the reviewer's edits, resolved: places, vocabulary terms, signatories by party.

    edits may hold any of: type; parties (places: Place, id, code or name); date_signed (date, ISO text or
    None); sectors and products (slugs or terms); people ([{name, role, party}], party a place as above).
    A key left out keeps the extraction's value. A party the extractor could not resolve to a place must
    be picked by the reviewer (edits["parties"]): ValidationError keyed "parties" otherwise.
    """
    payload, edits = draft.payload, dict(edits or {})
    errors: dict[str, list[str]] = {}

    kind = edits.get("type", payload.get("type"))
    if kind is None:  # a draft a reviewer added, its kind not chosen yet
        errors["type"] = [_("Choose the kind of agreement.")]
    elif kind not in AgreementType.values:
        errors["type"] = [_("“{value}” is not a kind of agreement.").format(value=kind)]

    extracted_parties = payload.get("parties", [])
    if "parties" in edits:
        places = [place for ref in edits["parties"] if str(ref or "").strip() or isinstance(ref, Place)
                  for place in [_place_of(ref, errors, "parties")] if place is not None]
    else:
        places = []
        by_id = Place.objects.in_bulk([p["place_id"] for p in extracted_parties if p.get("place_id")])
        for party in extracted_parties:
            place = by_id.get(party.get("place_id"))
            if place is None:
                errors.setdefault("parties", []).append(_(
                    "The place of “{name}” is not known: pick it among the parties before accepting."
                ).format(name=party.get("name", "?")))
            else:
                places.append(place)
    places = list(dict.fromkeys(places))
    if len(places) < 2 and "parties" not in errors:  # said before who may record them: a draft added empty
        errors["parties"] = [_("A partnership needs at least two different places.")]

    date_signed = _date_of(edits["date_signed"], errors) if "date_signed" in edits else _date_of(
        payload.get("date_signed"), errors)
    sectors = _terms_of(Sector, edits.get("sectors", payload.get("sectors")), errors, "sectors")
    products = _terms_of(Product, edits.get("products", payload.get("products")), errors, "products")

    signatories: list[partnership_services.SignatoryInput] = []
    unknown_people: list[str] = []
    if "people" in edits:
        for person in edits["people"]:
            name = str(person.get("name") or "").strip()
            if not name:
                continue
            place = _place_of(person.get("party"), errors, "people")
            if place is not None:
                signatories.append(partnership_services.SignatoryInput(name, str(person.get("role") or ""), place))
    else:
        # The extractor names each person's party as the article writes it: matched to the party's place.
        place_of_party = {}
        by_id = {place.pk: place for place in places}
        for party in extracted_parties:
            if party.get("place_id") in by_id:
                place_of_party[party.get("name")] = by_id[party["place_id"]]
                place_of_party[party.get("place")] = by_id[party["place_id"]]
        for person in payload.get("people", []):
            place = place_of_party.get(person.get("party"))
            if place is None:
                unknown_people.append(person.get("name", ""))
            else:
                signatories.append(partnership_services.SignatoryInput(person["name"], person.get("role", ""), place))
    if errors:
        raise ValidationError(errors)
    return Review(type=kind, places=places, date_signed=date_signed, sectors=sectors, products=products,
                  signatories=signatories, unknown_people=unknown_people)


class Relation:
    """How a recorded partnership stands to the places of an agreement being accepted."""

    SAME = "same"  # exactly these places
    MORE_PARTIES = "more_parties"  # these places and others: an outlet named two of an MOU's three parties
    FEWER_PARTIES = "fewer_parties"  # two or more of these places and no other: accepting adds the rest


@dataclass(frozen=True)
class Match:
    partnership: Partnership
    relation: str
    others: tuple[Place, ...] = ()  # MORE_PARTIES: its other parties; FEWER_PARTIES: the places it lacks

    @property
    def is_default(self) -> bool:
        """Accepting goes here unless the reviewer says otherwise: a party is only added on request."""
        return self.relation != Relation.FEWER_PARTIES


def partnership_matches(places: Sequence[Place], *, user) -> list[Match]:
    """The recorded partnerships an agreement between these places may be one of, best first: the one
    between exactly these places, then those with more parties, then those with fewer (two at least);
    within each, the latest first and an ended one last. Only partnerships the user can see, and for
    adding a party, change."""
    ids = {place.pk for place in places}
    if len(ids) < 2:
        return []
    candidates = (
        partnerships_visible_to(user)
        .filter(pk__in=PartnershipParty.objects.filter(place_id__in=ids).values("partnership"))
        .annotate(matching=Count("parties", filter=Q(parties__place_id__in=ids), distinct=True),
                  total=Count("parties", distinct=True))
        .filter(matching__gte=2)
        .filter(Q(matching=len(ids)) | Q(matching=F("total")))
        .prefetch_related("parties__place")
        .order_by("-pk")[:20]
    )
    matches = []
    for partnership in candidates:
        its_places = [party.place for party in partnership.parties.all()]
        if partnership.matching == len(ids) == partnership.total:
            matches.append(Match(partnership, Relation.SAME))
        elif partnership.matching == len(ids):
            matches.append(Match(partnership, Relation.MORE_PARTIES,
                                 tuple(place for place in its_places if place.pk not in ids)))
        elif can_edit_partnership(user, partnership):
            its_ids = {place.pk for place in its_places}
            matches.append(Match(partnership, Relation.FEWER_PARTIES,
                                 tuple(place for place in places if place.pk not in its_ids)))
    order = [Relation.SAME, Relation.MORE_PARTIES, Relation.FEWER_PARTIES]
    matches.sort(key=lambda m: (order.index(m.relation), m.partnership.stage == Stage.ENDED, -m.partnership.pk))
    return matches


def draft_matches(draft: DraftAgreement, *, user) -> list[Match]:
    """partnership_matches for the places the extractor resolved in a draft."""
    ids = [party["place_id"] for party in draft.payload.get("parties", []) if party.get("place_id")]
    return partnership_matches(list(Place.objects.filter(pk__in=ids)), user=user)


def default_match(matches: Sequence[Match]) -> Match | None:
    return matches[0] if matches and matches[0].is_default else None


def _chosen_match(review: "Review", edits: Mapping, *, user) -> Match | None:
    """The partnership the reviewer chose (edits["partnership"]: a partnership or its id, None for a new
    one), or when they said nothing, the default; None records a new partnership."""
    matches = partnership_matches(review.places, user=user)
    if "partnership" not in edits:
        return default_match(matches)
    choice = edits["partnership"]
    if choice is None or choice == "":
        same = next((m for m in matches if m.relation == Relation.SAME), None)
        if same is not None:
            raise ValidationError({"partnership": _(
                "“{title}” is already recorded between exactly these parties: add the agreement to it."
            ).format(title=same.partnership.title)})
        return None
    pk = choice.pk if isinstance(choice, Partnership) else choice
    match = next((m for m in matches if str(m.partnership.pk) == str(pk).strip()), None)
    if match is None:
        raise ValidationError({"partnership": _(
            "Partnership {id} does not share these parties: choose one of those offered, or a new partnership."
        ).format(id=pk)})
    return match


def _remap(error: ValidationError) -> ValidationError:
    """A partnership service's error with the draft's field names."""
    if not hasattr(error, "error_dict"):
        return error
    remapped: dict[str, list[str]] = {}
    for name, messages in error.message_dict.items():
        remapped.setdefault(_FIELD_OF.get(name, name), []).extend(messages)
    return ValidationError(remapped)


def _check_pending(draft: DraftAgreement) -> None:
    if draft.status != DraftAgreement.Status.PENDING:
        raise ValidationError({"status": _("This draft has already been reviewed: it is {status}.").format(
            status=draft.get_status_display())})


@transaction.atomic
def draft_accept(*, draft: DraftAgreement, by_user, edits: Mapping | None = None) -> DraftAgreement:
    """Accept a draft (with the reviewer's edits): record its partnership, or bring the existing one up to date.

    The agreement goes to the partnership the reviewer chose among partnership_matches (edits["partnership"]),
    by default the one between exactly the same places, or else one with more parties (the same MOU, its
    third party left unnamed by this outlet). That partnership moves to the stage the agreement reaches
    when its lifecycle allows it (an MOU after a letter of intent), keeps its stage otherwise (the same MOU
    reported by another outlet); it gains the sectors and products, and on request the parties, it did not
    have. Without one, a partnership is created at that stage. Either way the article becomes one of its
    sources. Who may: staff, or a verified officer of one of the draft's parties who stays among the parties.
    Returns the draft, accepted, with its partnership and outcome.
    """
    check_may_review(by_user, draft)
    draft = DraftAgreement.objects.select_for_update().select_related("article").get(pk=draft.pk)
    _check_pending(draft)
    review = draft_review_values(draft=draft, edits=edits)
    check_may_record(by_user, review.places)
    article = draft.article
    source = partnership_services.SourceInput(url=article.url, text=article.title)
    note = _("From the newsroom: {article}").format(article=article.title or article.url or article.pk)
    stage = STAGE_OF_TYPE[review.type]
    kind = KIND_OF_TYPE.get(review.type, PartnershipKind.COOPERATION)
    if review.unknown_people:
        note += " " + _("Named without a party, not recorded as signatories: {names}.").format(
            names=", ".join(review.unknown_people))

    match = _chosen_match(review, edits or {}, user=by_user)
    partnership = match.partnership if match else None
    try:
        if partnership is None:
            partnership = partnership_services.partnership_create(
                places=review.places, kind=kind, stage=stage, happened_on=review.date_signed,
                sectors=review.sectors, products=review.products, signatories=review.signatories, source=source,
                note=note, by_user=by_user,
            )
            outcome = DraftAgreement.Outcome.CREATED
        else:
            if match.relation == Relation.FEWER_PARTIES:  # the parties first: the new ones may have signed
                partnership_services.partnership_update(
                    partnership=partnership, places=[*(p.place for p in partnership.parties.all()), *match.others],
                    by_user=by_user)
            outcome = _bring_up_to_date(partnership, review, stage=stage, kind=kind, source=source, note=note,
                                        by_user=by_user)
    except ValidationError as error:
        raise _remap(error) from None

    PartnershipSource.objects.get_or_create(
        partnership=partnership, article=article, defaults={"draft": draft, "added_by": _user(by_user)})
    draft.status, draft.outcome, draft.partnership = DraftAgreement.Status.ACCEPTED, outcome, partnership
    draft.reviewed_by, draft.reviewed_at, draft.reviewed_payload = _user(by_user), timezone.now(), review.as_json()
    draft.full_clean()
    draft._history_user = _user(by_user)
    draft.save(update_fields=["status", "outcome", "partnership", "reviewed_by", "reviewed_at", "reviewed_payload"])
    return draft


def _bring_up_to_date(partnership: Partnership, review: Review, *, stage: str, kind: str, source, note: str,
                      by_user) -> str:
    renewal = review.type == "renewal"
    outcome = DraftAgreement.Outcome.SOURCE_ADDED
    if move_is_allowed(partnership.stage, stage, renewal=renewal):
        partnership_services.partnership_change_stage(
            partnership=partnership, to_stage=stage, happened_on=review.date_signed, renewal=renewal,
            signatories=review.signatories, source=source, note=note, by_user=by_user,
        )
        outcome = DraftAgreement.Outcome.ADVANCED
    changes: dict = {}
    sectors, products = set(partnership.sectors.all()), set(partnership.products.all())
    if not set(review.sectors) <= sectors:
        changes["sectors"] = sectors | set(review.sectors)
    if not set(review.products) <= products:
        changes["products"] = products | set(review.products)
    if outcome == DraftAgreement.Outcome.ADVANCED and stage == Stage.FORMAL_AGREEMENT and partnership.kind != kind:
        changes["kind"] = kind  # a friendship agreement signed after an MOU: the relationship is now one
    if changes:
        partnership_services.partnership_update(partnership=partnership, by_user=by_user, **changes)
    return outcome


@transaction.atomic
def draft_add(*, article: NewsArticle, by_user) -> DraftAgreement:
    """An agreement the extractor missed, added to the article by a reviewer: a draft with an empty payload
    (the extractor proposed nothing), after the article's other drafts, which the reviewer fills in and
    accepts or rejects like any other."""
    check_may_add_draft(by_user)
    last = article.drafts.aggregate(last=Max("position"))["last"]
    draft = DraftAgreement(
        article=article, position=0 if last is None else last + 1, added_by=_user(by_user),
        payload={"type": None, "parties": [], "date_signed": None, "sectors": [], "products": [], "people": [],
                 "evidence": {}})
    draft.full_clean()
    draft._history_user = _user(by_user)
    draft.save()
    return draft


@transaction.atomic
def draft_reject(*, draft: DraftAgreement, by_user, note: str = "") -> DraftAgreement:
    """Reject a draft (not an agreement, or not one between local governments); the article stays."""
    check_may_review(by_user, draft)
    draft = DraftAgreement.objects.select_for_update().get(pk=draft.pk)
    _check_pending(draft)
    draft.status, draft.review_note = DraftAgreement.Status.REJECTED, note.strip()
    draft.reviewed_by, draft.reviewed_at = _user(by_user), timezone.now()
    draft.full_clean()
    draft._history_user = _user(by_user)
    draft.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    return draft


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None
