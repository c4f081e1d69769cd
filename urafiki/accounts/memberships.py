"""Memberships in government offices and in organisations: asking to join, leaving, staff's verification.

A request creates an unverified membership; staff verify it in the admin after checking that the person
works for the office or the organisation. Until then the membership gives nothing beyond what the public
sees (partnerships.permissions counts verified office memberships only), so asking is open to anyone
signed in. The two kinds (Membership, OrganisationMembership) share their fields (MembershipBase) and go
through the same request, leave and verify code below; only the thing joined differs.

Organisations themselves are proposed by anyone signed in and verified by staff (organisation_propose,
organisation_verify). Their members get no right on partnerships: parties are places.
"""

import logging
import re

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from urafiki.places.models import Place

from .models import Membership, MembershipBase, Organisation, OrganisationMembership, User

logger = logging.getLogger(__name__)


def office_ids(user, *, officers_only: bool = False) -> frozenset[int]:
    """The places whose verified member (officers_only: verified officer) the user is.

    Read once per request and kept on the user object: every permission check of a page asks it, for many
    rows. The one reader for partnerships, partner briefs and the newsroom.
    """
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_urafiki_offices", {})
    if officers_only not in cache:
        memberships = Membership.objects.filter(user=user, is_verified=True)
        if officers_only:
            memberships = memberships.filter(role=Membership.Role.OFFICER)
        cache[officers_only] = frozenset(memberships.values_list("place_id", flat=True))
    return cache[officers_only]


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    """The user's memberships, newest first, with each office and the unit it belongs to."""
    return (
        Membership.objects.filter(user=user)
        .select_related("place", "place__parent")
        .order_by("-created_at", "-pk")
    )


def organisation_memberships_of_user(*, user: User) -> QuerySet[OrganisationMembership]:
    """The user's organisation memberships, newest first, with each organisation and its seat."""
    return (
        OrganisationMembership.objects.filter(user=user)
        .select_related("organisation", "organisation__place")
        .order_by("-created_at", "-pk")
    )


def access_membership(user: User, pk) -> Membership:
    """The user's own office membership with this id; the same 404 for one that is missing or someone else's."""
    return _access(Membership.objects.select_related("place"), user, pk)


def access_organisation_membership(user: User, pk) -> OrganisationMembership:
    """The user's own organisation membership with this id; the same 404 as access_membership."""
    return _access(OrganisationMembership.objects.select_related("organisation"), user, pk)


def _access(memberships: QuerySet, user: User, pk):
    membership = memberships.filter(user=user, pk=pk).first() if str(pk).isdigit() else None
    if membership is None:
        raise Http404(_("You have no membership with id {id}.").format(id=pk))
    return membership


def membership_request(*, user: User, place: Place, role: str) -> Membership:
    """Ask to join `place` with `role`; the membership waits for staff to verify it.

    Raises ValidationError keyed by field: "place" for a country (not a government office) or an office
    the user has already asked to join (verified or not), "role" for an unknown role.
    """
    _check_role(role)
    if place.is_country:
        raise ValidationError(
            {"place": _("{country} is a country, not a government office: choose a county, a province or a city.")
             .format(country=place.name)}
        )
    return _membership_create(Membership(user=user, place=place, role=role), field="place")


def organisation_membership_request(*, user: User, organisation: Organisation, role: str) -> OrganisationMembership:
    """Ask to join `organisation` with `role`; the membership waits for staff to verify it, like an office's.

    An organisation still waiting for its own verification can be joined: staff check both together.
    Raises ValidationError keyed "organisation" for one the user has already asked to join, "role" for an
    unknown role.
    """
    _check_role(role)
    return _membership_create(
        OrganisationMembership(user=user, organisation=organisation, role=role), field="organisation"
    )


def _check_role(role: str) -> None:
    if role not in MembershipBase.Role.values:
        raise ValidationError({"role": _("Choose officer or member.")})


def _membership_create(membership, *, field: str):
    """Save a new, unverified membership, or say why the person cannot ask again (`field` names the error)."""
    model = type(membership)
    joined = getattr(membership, field)
    same = {"user": membership.user, field: joined}
    existing = model.objects.filter(**same).first()
    if existing is not None:
        raise _already_asked(existing, field, joined)
    membership.is_verified = False
    membership.full_clean(validate_constraints=False)  # the one constraint is checked above and below
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        # The same request sent twice at once (a double click): the other one was saved first.
        existing = model.objects.filter(**same).first()
        if existing is None:
            raise
        raise _already_asked(existing, field, joined) from None
    return membership


def _already_asked(existing: MembershipBase, field: str, joined: Place | Organisation) -> ValidationError:
    if existing.is_verified:
        message = _("You are already a verified {role} of {office}.")
    else:
        message = _("You have already asked to join {office} as {role}; Urafiki staff have not verified it yet.")
    return ValidationError({field: message.format(office=joined.name, role=existing.get_role_display())})


def membership_leave(*, user: User, membership: Membership | OrganisationMembership) -> None:
    """Leave an office or an organisation. A verified membership is gone for good: joining again needs staff
    to verify again."""
    if membership.user_id != user.pk:
        raise PermissionDenied(_("Only the person who holds a membership can leave it."))
    with transaction.atomic():
        membership.delete()


def membership_verify(*, membership: Membership | OrganisationMembership, by_user: User) -> bool:
    """Staff confirm that the person works for the office or organisation: record who and when, tell the person.

    Returns False, and changes nothing, for a membership already verified (no second e-mail). The e-mail
    leaves after the commit, in the person's language.
    """
    if not by_user.is_staff:
        raise PermissionDenied(_("Only Urafiki staff verify memberships."))
    with transaction.atomic():
        joined = "place" if isinstance(membership, Membership) else "organisation"
        membership = (
            type(membership).objects.select_for_update().select_related("user", joined).get(pk=membership.pk)
        )
        if membership.is_verified:
            return False
        membership.is_verified = True
        membership.verified_by = by_user
        membership.verified_at = timezone.now()
        membership.save(update_fields=["is_verified", "verified_by", "verified_at"])
        transaction.on_commit(lambda: _send(membership_verified_email(membership)))
    return True


def _send(message: mail.EmailMessage) -> None:
    """A lost notice must not undo the verification, nor fail the staff member's request."""
    try:
        message.send()
    except OSError:
        logger.warning("membership verified: the e-mail to %s could not be sent", message.to, exc_info=True)


def membership_verified_email(membership: Membership | OrganisationMembership) -> mail.EmailMessage:
    person = membership.user
    is_office = isinstance(membership, Membership)
    with translation.override(person.language or settings.LANGUAGE_CODE):
        page = reverse("offices:list") if is_office else reverse("accounts:organisations")
        context = {"person": person, "membership": membership, "office": membership.joined.name,
                   "is_office": is_office, "role": membership.get_role_display(),
                   "url": settings.SITE_URL.rstrip("/") + page}
        subject = render_to_string("accounts/email/membership_verified_subject.txt", context)
        body = render_to_string("accounts/email/membership_verified_body.txt", context)
    return mail.EmailMessage(subject=" ".join(subject.split()), body=body.strip() + "\n",
                             from_email=settings.DEFAULT_FROM_EMAIL, to=[person.email],
                             headers={"Auto-Submitted": "auto-generated"})


# ------------------------------------------------------------------------------------------- organisations

# What a person may type for a website: a scheme is added when they leave it out (www.example.org).
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def organisations_matching(*, name: str, country: str = "") -> QuerySet[Organisation]:
    """Organisations whose name contains `name` (ignoring case), in `country` if given; verified first."""
    organisations = Organisation.objects.filter(name__icontains=" ".join(name.split()))
    if country:
        organisations = organisations.filter(country=country.upper())
    return organisations.select_related("place").order_by("-is_verified", "name", "pk")


def countries_of_registry() -> list[Place]:
    """The countries an organisation can belong to, sorted by their name in the active language."""
    return sorted(Place.objects.filter(admin_level=0), key=lambda country: country.name.casefold())


def organisation_propose(
    *, by_user: User, name: str, kind: str, country: str, place: Place | None = None, website: str = "",
    description: str = "", role: str | None = None,
) -> Organisation:
    """Propose a new organisation; it waits for staff to verify it. With `role`, the proposer also asks to
    join it (as officer or member), in the same transaction.

    Raises ValidationError with every problem at once, keyed by field: "name" (missing, or the same name
    already in this country, whatever its case), "kind", "country" (not a country of the registry),
    "place" (a seat in another country), "website" (not a web address), "role".
    """
    name = " ".join(name.split())
    country = country.strip().upper()
    website = website.strip()
    if website and not _SCHEME.match(website):
        website = "https://" + website
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the organisation its name.")
    if kind not in Organisation.Kind.values:
        errors["kind"] = _("Choose the kind of organisation.")
    country_place = Place.objects.filter(admin_level=0, code=country).first() if len(country) == 2 else None
    if country_place is None:
        errors["country"] = _("“{code}” is not a country of the registry: choose one, such as KE or CN.").format(
            code=country
        )
    elif place is not None and place.country_code != country:
        errors["place"] = _("{place} is not in {country}: choose a seat in the organisation's country.").format(
            place=place.name, country=country_place.name
        )
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors["website"] = _("“{url}” is not a web address: write it as https://www.example.org.").format(
                url=website
            )
    if role is not None and role not in MembershipBase.Role.values:
        errors["role"] = _("Choose officer or member.")
    if name and country_place is not None and _name_taken(name, country):
        errors["name"] = _duplicate_message(name, country_place)
    if errors:
        raise ValidationError(errors)

    organisation = Organisation(
        name=name, kind=kind, country=country, place=place, website=website, description=description.strip(),
        proposed_by=by_user, is_verified=False,
    )
    organisation.full_clean(validate_constraints=False)  # the name is checked above, and by the database
    try:
        with transaction.atomic():
            organisation.save()
            if role is not None:
                OrganisationMembership.objects.create(user=by_user, organisation=organisation, role=role)
    except IntegrityError:
        # Someone proposed the same name at the same moment.
        if not _name_taken(name, country):
            raise
        raise ValidationError({"name": _duplicate_message(name, country_place)}) from None
    return organisation


def _name_taken(name: str, country: str) -> bool:
    return Organisation.objects.filter(country=country, name__iexact=name).exists()


def _duplicate_message(name: str, country: Place) -> str:
    return _("“{name}” is already registered in {country}: ask to join it instead.").format(
        name=name, country=country.name
    )


def organisation_verify(*, organisation: Organisation, by_user: User) -> bool:
    """Staff confirm that the organisation exists: record who and when.

    Returns False, and changes nothing, for an organisation already verified.
    """
    if not by_user.is_staff:
        raise PermissionDenied(_("Only Urafiki staff verify organisations."))
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.is_verified:
            return False
        organisation.is_verified = True
        organisation.verified_by = by_user
        organisation.verified_at = timezone.now()
        organisation.save(update_fields=["is_verified", "verified_by", "verified_at"])
    return True
