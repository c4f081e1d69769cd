"""Writes to partnerships. Every interface (pages, API, admin, import, newsroom) calls these, so each
rule lives here once. Each function checks its rules, writes inside one transaction, and raises
ValidationError keyed by field when the input is wrong, having changed nothing."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pycountry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from urafiki.places.models import Place

from .documents import sniff_upload
from .lifecycle import INITIAL_STAGES, SIGNED_STAGES, Stage, move_is_allowed
from .models import (
    OPEN_STATUSES,
    Activity,
    Commitment,
    Document,
    Partnership,
    PartnershipKind,
    PartnershipParty,
    Signatory,
    StageChange,
)


@dataclass(frozen=True)
class SignatoryInput:
    name: str
    title: str
    place: Place


@dataclass(frozen=True)
class SourceInput:
    url: str = ""
    text: str = ""


def _stage_label(stage: str) -> str:
    return str(Stage(stage).label)


def _by(instance, user):
    """Name the author of the next save in the audit history (django-simple-history reads _history_user),
    whatever the interface: page, API, command or job."""
    instance._history_user = user if getattr(user, "is_authenticated", False) else None
    return instance


def _check_date(happened_on: datetime.date | None, errors: dict, field: str = "happened_on") -> None:
    if happened_on is not None and happened_on > timezone.localdate():
        errors[field] = _("The date {date} is in the future.").format(date=happened_on.isoformat())


def _check_signatories(signatories: Sequence[SignatoryInput], place_ids: set[int], errors: dict) -> None:
    for signatory in signatories:
        if not signatory.name.strip():
            errors.setdefault("signatories", []).append(_("Every signatory needs a name."))
        elif signatory.place.pk not in place_ids:
            errors.setdefault("signatories", []).append(_("{name} signs for {place}, which is not a party.").format(
                name=signatory.name, place=signatory.place.name
            ))


def _record_stage_change(
    *, partnership: Partnership, from_stage: str, to_stage: str, happened_on: datetime.date | None, renewal: bool,
    signatories: Sequence[SignatoryInput], source: SourceInput, note: str, by_user,
) -> StageChange:
    change = StageChange(
        partnership=partnership, from_stage=from_stage, to_stage=to_stage, is_renewal=renewal,
        happened_on=happened_on, source_url=source.url, source_text=source.text, note=note, recorded_by=by_user,
    )
    change.full_clean()
    change.save()
    parties = {party.place_id: party for party in partnership.parties.all()}
    Signatory.objects.bulk_create(
        Signatory(stage_change=change, party=parties[s.place.pk], name=s.name.strip(), title=s.title.strip())
        for s in signatories
    )
    return change


def default_title(places: Sequence[Place]) -> str:
    return " – ".join(place.name_en for place in places)[:200]


def _check_places(places: Sequence[Place], errors: dict) -> None:
    if len(places) < 2:
        errors["places"] = _("A partnership needs at least two different places.")
    elif any(place.admin_level == 0 for place in places):
        errors["places"] = _("Partnerships are between local governments, not countries.")


def _check_kind(kind: str, errors: dict) -> None:
    if kind not in PartnershipKind.values:
        errors["kind"] = _("“{value}” is not a kind of partnership.").format(value=kind)


@transaction.atomic
def partnership_update(
    *,
    partnership: Partnership,
    by_user=None,
    places: Sequence[Place] | None = None,
    sectors: Iterable | None = None,
    products: Iterable | None = None,
    **fields,
) -> Partnership:
    """Change what describes a partnership (not its stage: see partnership_change_stage).

    fields: title, kind, summary, private_notes, is_public. A party that has signed or holds commitments
    cannot be removed: its records would lose their party.
    """
    editable = {"title", "kind", "summary", "private_notes", "is_public"}
    unknown = set(fields) - editable
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    errors: dict[str, str] = {}
    if "kind" in fields:
        _check_kind(fields["kind"], errors)
    if "title" in fields and not fields["title"].strip():
        errors["title"] = _("Give the partnership a title.")
    current = {party.place_id: party for party in partnership.parties.select_related("place")}
    removed: list[PartnershipParty] = []
    if places is not None:
        distinct = list(dict.fromkeys(places))
        _check_places(distinct, errors)
        if "places" in errors:
            errors["places"] = [errors["places"]]
        removed = [party for place_id, party in current.items() if place_id not in {p.pk for p in distinct}]
        for party in removed:
            if Signatory.objects.filter(party=party).exists() or Commitment.objects.filter(party=party).exists():
                errors.setdefault("places", []).append(_(
                    "{place} cannot be removed: it has signed or holds commitments in this partnership."
                ).format(place=party.place.name))
    if errors:
        raise ValidationError(errors)

    for name, value in fields.items():
        setattr(partnership, name, value.strip() if isinstance(value, str) else value)
    partnership.full_clean()
    _by(partnership, by_user).save()
    if places is not None:
        for party in removed:
            _by(party, by_user).delete()
        for place in distinct:
            if place.pk not in current:
                _by(PartnershipParty(partnership=partnership, place=place), by_user).save()
    _by(partnership, by_user)  # m2m changes below are recorded as the same author's
    if sectors is not None:
        partnership.sectors.set(sectors)
    if products is not None:
        partnership.products.set(products)
    return partnership


@transaction.atomic
def partnership_create(
    *,
    places: Sequence[Place],
    kind: str,
    stage: str = Stage.EXPLORING,
    happened_on: datetime.date | None,
    title: str = "",
    summary: str = "",
    sectors: Iterable = (),
    products: Iterable = (),
    signatories: Sequence[SignatoryInput] = (),
    source: SourceInput = SourceInput(),
    note: str = "",
    is_public: bool = True,
    private_notes: str = "",
    by_user=None,
) -> Partnership:
    """Record a partnership between two or more local governments, at the stage it has reached.

    happened_on is the date of that stage (a 2008 agreement entered today keeps 2008); None when the
    source does not say.
    """
    errors: dict[str, str] = {}
    distinct = list(dict.fromkeys(places))
    _check_places(distinct, errors)
    _check_kind(kind, errors)
    if stage not in INITIAL_STAGES:
        errors["stage"] = _("A partnership cannot be recorded as “{stage}” from the start.").format(
            stage=_stage_label(stage) if stage in Stage.values else stage
        )
    _check_date(happened_on, errors)
    _check_signatories(signatories, {place.pk for place in distinct}, errors)
    if errors:
        raise ValidationError(errors)

    partnership = Partnership(
        title=title.strip()[:200] or default_title(distinct), kind=kind, stage=stage, stage_since=happened_on,
        started_on=happened_on, signed_on=happened_on if stage in SIGNED_STAGES else None, summary=summary,
        private_notes=private_notes, is_public=is_public,
    )
    partnership.full_clean()
    _by(partnership, by_user).save()
    for place in distinct:
        _by(PartnershipParty(partnership=partnership, place=place), by_user).save()
    partnership.sectors.set(sectors)
    partnership.products.set(products)
    _record_stage_change(
        partnership=partnership, from_stage="", to_stage=stage, happened_on=happened_on, renewal=False,
        signatories=signatories, source=source, note=note, by_user=by_user,
    )
    return partnership


@transaction.atomic
def partnership_delete(*, partnership: Partnership, by_user=None) -> None:
    """Moderation only (a duplicate, a record made in error): the end of a real partnership is the
    "ended" stage, which keeps its history. Stored files go once the deletion is committed."""
    files = [document.file for document in partnership.documents.all()]
    _by(partnership, by_user).delete()
    transaction.on_commit(lambda: [stored.delete(save=False) for stored in files])


@transaction.atomic
def partnership_change_stage(
    *,
    partnership: Partnership,
    to_stage: str,
    happened_on: datetime.date | None,
    renewal: bool = False,
    signatories: Sequence[SignatoryInput] = (),
    source: SourceInput = SourceInput(),
    note: str = "",
    by_user=None,
) -> StageChange:
    """Move a partnership to another stage, if the move makes sense, and keep the move in its history."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    errors: dict[str, str] = {}
    if to_stage not in Stage.values:
        errors["to_stage"] = _("“{value}” is not a stage.").format(value=to_stage)
    elif not move_is_allowed(partnership.stage, to_stage, renewal=renewal):
        message = (
            _("Only an active, dormant or ended partnership can be renewed, and a renewal makes it active.")
            if renewal
            else _("A partnership cannot move from “{current}” to “{target}”.").format(
                current=_stage_label(partnership.stage), target=_stage_label(to_stage)
            )
        )
        errors["to_stage"] = message
    _check_date(happened_on, errors)
    if "happened_on" not in errors and None not in (happened_on, partnership.stage_since) \
            and happened_on < partnership.stage_since:
        errors["happened_on"] = _("The date {date} is before the current stage began ({since}).").format(
            date=happened_on.isoformat(), since=partnership.stage_since.isoformat()
        )
    _check_signatories(signatories, set(partnership.parties.values_list("place_id", flat=True)), errors)
    if errors:
        raise ValidationError(errors)

    change = _record_stage_change(
        partnership=partnership, from_stage=partnership.stage, to_stage=to_stage, happened_on=happened_on,
        renewal=renewal, signatories=signatories, source=source, note=note, by_user=by_user,
    )
    partnership.stage, partnership.stage_since = to_stage, happened_on
    if to_stage in SIGNED_STAGES or renewal:
        partnership.signed_on = happened_on  # the latest signing, as the year filter means it
    if partnership.started_on is None and happened_on is not None and not partnership.stage_changes.filter(
        happened_on__isnull=False
    ).exclude(pk=change.pk).exists():
        partnership.started_on = happened_on  # the first dated record
    partnership.full_clean()
    _by(partnership, by_user).save()
    return change


@transaction.atomic
def commitment_add(
    *, partnership: Partnership, description: str, place: Place | None = None, owner=None,
    due_on: datetime.date | None = None, by_user=None,
) -> Commitment:
    """Add an item to the action plan."""
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = _("Say what was committed.")
    party = None
    if place is not None:
        party = partnership.parties.filter(place=place).first()
        if party is None:
            errors["place"] = _("{place} is not a party to this partnership.").format(place=place.name)
    if errors:
        raise ValidationError(errors)
    commitment = Commitment(partnership=partnership, description=description.strip(), party=party, owner=owner,
                            due_on=due_on)
    commitment.full_clean()
    _by(commitment, by_user).save()
    _refresh_next_due(partnership)
    return commitment


@transaction.atomic
def commitment_set_status(
    *, commitment: Commitment, status: str, completed_on: datetime.date | None = None,
    evidence: str | None = None, by_user=None,
) -> Commitment:
    """Mark progress on a commitment; done needs the date it was completed."""
    errors: dict[str, str] = {}
    if status not in Commitment.Status.values:
        errors["status"] = _("“{value}” is not a status.").format(value=status)
    if status == Commitment.Status.DONE:
        if completed_on is None:
            errors["completed_on"] = _("A commitment that is done needs the date it was completed.")
        else:
            _check_date(completed_on, errors, field="completed_on")
    if errors:
        raise ValidationError(errors)
    commitment.status = status
    commitment.completed_on = completed_on if status == Commitment.Status.DONE else None
    if evidence is not None:
        commitment.evidence = evidence
    commitment.full_clean()
    _by(commitment, by_user).save(update_fields=["status", "completed_on", "evidence"])
    _refresh_next_due(commitment.partnership)
    return commitment


def _refresh_next_due(partnership: Partnership) -> None:
    # Kept on the partnership so that lists tell "at risk" without a subquery per row.
    due = Commitment.objects.filter(partnership=partnership, status__in=OPEN_STATUSES).aggregate(
        next_due=Min("due_on")
    )["next_due"]
    Partnership.objects.filter(pk=partnership.pk).update(next_due_on=due)
    partnership.next_due_on = due


@transaction.atomic
def activity_record(
    *, partnership: Partnership, kind: str, happened_on: datetime.date, title: str, description: str = "",
    places: Sequence[Place] = (), people: str = "", value: Decimal | None = None, currency: str = "",
    source: str = "", by_user=None,
) -> Activity:
    """Record what the partnership produced."""
    errors: dict[str, str] = {}
    if kind not in Activity.Kind.values:
        errors["kind"] = _("“{value}” is not a kind of activity.").format(value=kind)
    if not title.strip():
        errors["title"] = _("Give the activity a title.")
    _check_date(happened_on, errors)
    currency = currency.strip().upper()
    if value is not None and value < 0:
        errors["value"] = _("A value cannot be negative.")
    if value is not None and not currency:
        errors["currency"] = _("A value needs its currency.")
    elif currency and pycountry.currencies.get(alpha_3=currency) is None:
        errors["currency"] = _("“{value}” is not an ISO 4217 currency code.").format(value=currency)
    if errors:
        raise ValidationError(errors)
    activity = Activity(
        partnership=partnership, kind=kind, happened_on=happened_on, title=title.strip(), description=description,
        people=people, value=value, currency=currency, source=source,
    )
    activity.full_clean()
    _by(activity, by_user).save()
    activity.places.set(places)
    _refresh_last_activity(partnership)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by_user=None) -> None:
    """Remove an activity recorded by mistake (the audit history keeps what it said)."""
    partnership = activity.partnership
    _by(activity, by_user).delete()
    _refresh_last_activity(partnership)


def _refresh_last_activity(partnership: Partnership) -> None:
    # Kept on the partnership so that lists filter and sort by health without reading every activity.
    last = partnership.activities.order_by("-happened_on").values_list("happened_on", flat=True).first()
    Partnership.objects.filter(pk=partnership.pk).update(last_activity_on=last)
    partnership.last_activity_on = last


@transaction.atomic
def document_add(
    *, partnership: Partnership, upload, title: str = "", kind: str = Document.Kind.OTHER,
    stage_change: StageChange | None = None, by_user=None,
) -> Document:
    """Keep a signed agreement, a photo or another file with the partnership, if it is what it claims."""
    errors: dict[str, str] = {}
    if kind not in Document.Kind.values:
        errors["kind"] = _("“{value}” is not a kind of document.").format(value=kind)
    if stage_change is not None and stage_change.partnership_id != partnership.pk:
        errors["stage_change"] = _("This stage change belongs to another partnership.")
    sniffed = sniff_upload(upload, errors)
    if errors:
        raise ValidationError(errors)
    document = Document(
        partnership=partnership, stage_change=stage_change, kind=kind,
        title=(title.strip() or upload.name)[:200], original_name=upload.name[:255],
        content_type=sniffed.content_type, extension=sniffed.extension, size=upload.size, sha256=sniffed.sha256,
        uploaded_by=by_user if getattr(by_user, "is_authenticated", False) else None,
    )
    document.file.save("upload", upload, save=False)
    try:
        _by(document, by_user).save()
    except Exception:
        document.file.delete(save=False)  # no file left behind without its record
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document, by_user=None) -> None:
    stored = document.file
    _by(document, by_user).delete()
    transaction.on_commit(lambda: stored.delete(save=False))
