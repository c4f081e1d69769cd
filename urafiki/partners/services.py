"""Writes of the partner finder: posting and closing briefs, expressing interest, turning an interest into
a partnership. Pages, API and admin call these, so each rule lives here once. Each function checks who acts
(PermissionDenied) and what was given (ValidationError keyed by field), and changes nothing when it refuses.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urafiki.partnerships import services as partnership_services
from urafiki.partnerships.lifecycle import Stage
from urafiki.partnerships.models import Partnership, PartnershipKind
from urafiki.places.models import Place, PlaceKind

from .models import BriefInterest, BriefStatus, PartnerBrief
from .permissions import check_may_act_for, is_brief_owner
from .selectors import LEVELS, brief_fit_reasons, country_exists
from .tasks import notify_brief_interest

MAX_BRIEF_DAYS = 2 * 366  # a brief is a call for partners, not a standing notice


def _check_brief_fields(*, office: Place, title: str, objectives: str, target_country: str,
                        target_admin_level, target_kind: str, expires_on, today: datetime.date) -> dict:
    errors: dict[str, str] = {}
    if office.is_country:
        errors["office"] = _("{country} is a country, not a government office.").format(country=office.name)
    if not title.strip():
        errors["title"] = _("Give the brief a title.")
    if not objectives.strip():
        errors["objectives"] = _("Say what your office seeks: the objectives cannot be empty.")
    country = (target_country or "").strip().upper()
    if not country:
        errors["target_country"] = _("Choose the country where you seek a partner.")
    elif len(country) != 2 or not country_exists(country):
        errors["target_country"] = _("“{value}” is not a country of the registry.").format(value=country[:20])
    if target_admin_level not in LEVELS:
        errors["target_admin_level"] = _(
            "Choose level 1 (a county, a province) or 2 (a prefecture-level city).")
    if target_kind and (target_kind not in PlaceKind.values or target_kind == PlaceKind.COUNTRY):
        errors["target_kind"] = _("“{value}” is not a kind of local government.").format(value=target_kind[:40])
    if expires_on is None:
        errors["expires_on"] = _("Say until when the brief is open.")
    elif expires_on < today:
        errors["expires_on"] = _("The expiry date {date} is in the past.").format(date=expires_on.isoformat())
    elif expires_on > today + datetime.timedelta(days=MAX_BRIEF_DAYS):
        errors["expires_on"] = _("A brief is open for two years at most: choose a date before {date}.").format(
            date=(today + datetime.timedelta(days=MAX_BRIEF_DAYS)).isoformat())
    return errors


@transaction.atomic
def brief_create(
    *,
    office: Place,
    by_user,
    title: str,
    objectives: str,
    target_country: str,
    target_admin_level: int,
    expires_on: datetime.date | None,
    target_kind: str = "",
    sectors: Iterable = (),
    products: Iterable = (),
) -> PartnerBrief:
    """Post a brief for `office`. Only a verified officer of the office (or staff) may."""
    check_may_act_for(by_user, office)
    errors = _check_brief_fields(
        office=office, title=title, objectives=objectives, target_country=target_country,
        target_admin_level=target_admin_level, target_kind=target_kind, expires_on=expires_on,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    brief = PartnerBrief(
        office=office, posted_by=by_user, title=title.strip()[:200], objectives=objectives.strip(),
        target_country=target_country.strip().upper(), target_admin_level=target_admin_level,
        target_kind=target_kind or "", expires_on=expires_on,
    )
    brief.full_clean()
    brief.save()
    brief.sectors.set(sectors)
    brief.products.set(products)
    return brief


@transaction.atomic
def brief_close(*, brief: PartnerBrief, by_user) -> PartnerBrief:
    """Close a brief: it stops showing to the places that fit. Its interests stay."""
    if not is_brief_owner(by_user, brief):
        raise PermissionDenied(_("Only the office that posted this brief can do this."))
    brief = PartnerBrief.objects.select_for_update().get(pk=brief.pk)
    if brief.status != BriefStatus.CLOSED:
        brief.status = BriefStatus.CLOSED
        brief.save(update_fields=["status"])
    return brief


def brief_is_open(brief: PartnerBrief, *, today: datetime.date | None = None) -> bool:
    return brief.status == BriefStatus.OPEN and brief.expires_on >= (today or timezone.localdate())


def brief_interest_express(*, brief: PartnerBrief, from_place: Place, by_user, message: str) -> BriefInterest:
    """`from_place` answers `brief` with a message; the brief's owners are e-mailed once, after the commit.

    Only a verified officer of from_place (or staff) may, for an open brief that from_place fits, once.
    """
    check_may_act_for(by_user, from_place)
    errors: dict[str, str] = {}
    if not brief_is_open(brief):
        errors["brief"] = _("This brief is closed or has expired: it no longer takes answers.")
    elif brief_fit_reasons(brief=brief, place=from_place) is None:
        errors["from_place"] = _("{place} does not fit what this brief seeks.").format(place=from_place.name)
    if not message.strip():
        errors["message"] = _("Write a message to the office that posted the brief.")
    if errors:
        raise ValidationError(errors)
    already = ValidationError(
        {"from_place": _("{place} has already expressed interest in this brief.").format(place=from_place.name)}
    )
    if BriefInterest.objects.filter(brief=brief, from_place=from_place).exists():
        raise already
    try:
        with transaction.atomic():
            interest = BriefInterest(brief=brief, from_place=from_place, from_user=by_user, message=message.strip())
            interest.full_clean(validate_constraints=False)  # the unique one is checked above and below
            interest.save()
            transaction.on_commit(lambda: notify_brief_interest(interest.pk))
    except IntegrityError:
        # The same answer sent twice at once (a double click): the other one was saved first.
        raise already from None
    return interest


@transaction.atomic
def brief_interest_convert(*, interest: BriefInterest, by_user) -> Partnership:
    """Turn an interest into an `exploring` partnership between the brief's office and the answering place.

    Only the brief's owners may. Doing it again returns the same partnership and creates nothing.
    """
    interest = BriefInterest.objects.select_for_update().select_related("brief__office", "from_place").get(
        pk=interest.pk
    )
    brief = interest.brief
    if not is_brief_owner(by_user, brief):
        raise PermissionDenied(_("Only the office that posted this brief can do this."))
    if interest.partnership_id is not None:
        existing = Partnership.objects.filter(pk=interest.partnership_id).first()
        if existing is not None:
            return existing
    partnership = partnership_services.partnership_create(
        places=[brief.office, interest.from_place], kind=PartnershipKind.COOPERATION, stage=Stage.EXPLORING,
        happened_on=timezone.localdate(), sectors=brief.sectors.all(), products=brief.products.all(),
        note=_("First contact through the partner-seeking brief “{title}”.").format(title=brief.title)[:2000],
        by_user=by_user,
    )
    interest.partnership = partnership
    interest.save(update_fields=["partnership"])
    return partnership
