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
from django.utils import timezone
from django.utils.translation import gettext as _

from urafiki.places.models import Place

from .lifecycle import INITIAL_STAGES, Stage, move_is_allowed
from .models import (
    Activity,
    Commitment,
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


def _check_date(happened_on: datetime.date, errors: dict, field: str = "happened_on") -> None:
    if happened_on > timezone.localdate():
        errors[field] = _("The date {date} is in the future.").format(date=happened_on.isoformat())


def _check_signatories(signatories: Sequence[SignatoryInput], place_ids: set[int], errors: dict) -> None:
    for signatory in signatories:
        if not signatory.name.strip():
            errors["signatories"] = _("Every signatory needs a name.")
        elif signatory.place.pk not in place_ids:
            errors["signatories"] = _("{name} signs for {place}, which is not a party.").format(
                name=signatory.name, place=signatory.place.name
            )


def _record_stage_change(
    *, partnership: Partnership, from_stage: str, to_stage: str, happened_on: datetime.date, renewal: bool,
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
    return " – ".join(place.name_en for place in places)


@transaction.atomic
def partnership_create(
    *,
    places: Sequence[Place],
    kind: str,
    stage: str = Stage.EXPLORING,
    happened_on: datetime.date,
    title: str = "",
    summary: str = "",
    sectors: Iterable = (),
    products: Iterable = (),
    signatories: Sequence[SignatoryInput] = (),
    source: SourceInput = SourceInput(),
    note: str = "",
    is_public: bool = True,
    by_user=None,
) -> Partnership:
    """Record a partnership between two or more local governments, at the stage it has reached."""
    errors: dict[str, str] = {}
    distinct = list(dict.fromkeys(places))
    if len(distinct) < 2:
        errors["places"] = _("A partnership needs at least two different places.")
    elif any(place.admin_level == 0 for place in distinct):
        errors["places"] = _("Partnerships are between local governments, not countries.")
    if kind not in PartnershipKind.values:
        errors["kind"] = _("“{value}” is not a kind of partnership.").format(value=kind)
    if stage not in INITIAL_STAGES:
        errors["stage"] = _("A partnership cannot be recorded as “{stage}” from the start.").format(
            stage=_stage_label(stage) if stage in Stage.values else stage
        )
    _check_date(happened_on, errors)
    _check_signatories(signatories, {place.pk for place in distinct}, errors)
    if errors:
        raise ValidationError(errors)

    partnership = Partnership(
        title=title.strip() or default_title(distinct), kind=kind, stage=stage, stage_since=happened_on,
        started_on=happened_on, summary=summary, is_public=is_public,
    )
    partnership.full_clean()
    partnership.save()
    PartnershipParty.objects.bulk_create(PartnershipParty(partnership=partnership, place=p) for p in distinct)
    partnership.sectors.set(sectors)
    partnership.products.set(products)
    _record_stage_change(
        partnership=partnership, from_stage="", to_stage=stage, happened_on=happened_on, renewal=False,
        signatories=signatories, source=source, note=note, by_user=by_user,
    )
    return partnership


@transaction.atomic
def partnership_change_stage(
    *,
    partnership: Partnership,
    to_stage: str,
    happened_on: datetime.date,
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
    if "happened_on" not in errors and happened_on < partnership.stage_since:
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
    partnership.full_clean()
    partnership.save(update_fields=["stage", "stage_since", "updated_at"])
    return change


@transaction.atomic
def commitment_add(
    *, partnership: Partnership, description: str, place: Place | None = None, owner=None,
    due_on: datetime.date | None = None,
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
    commitment.save()
    return commitment


@transaction.atomic
def commitment_set_status(
    *, commitment: Commitment, status: str, completed_on: datetime.date | None = None, evidence: str = "",
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
    commitment.evidence = evidence or commitment.evidence
    commitment.full_clean()
    commitment.save(update_fields=["status", "completed_on", "evidence"])
    return commitment


@transaction.atomic
def activity_record(
    *, partnership: Partnership, kind: str, happened_on: datetime.date, title: str, description: str = "",
    places: Sequence[Place] = (), people: str = "", value: Decimal | None = None, currency: str = "",
    source: str = "",
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
    activity.save()
    activity.places.set(places)
    return activity
