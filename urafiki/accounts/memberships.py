"""Memberships in government offices: asking to join one, leaving it, and the list a person sees.

A request creates an unverified membership; staff verify it in the admin after checking that the person
works for the office. Until then the membership gives nothing beyond what the public sees
(partnerships.permissions counts verified memberships only), so asking is open to anyone signed in.
"""

import logging

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from urafiki.places.models import Place

from .models import Membership, User

logger = logging.getLogger(__name__)


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    """The user's memberships, newest first, with each office and the unit it belongs to."""
    return (
        Membership.objects.filter(user=user)
        .select_related("place", "place__parent")
        .order_by("-created_at", "-pk")
    )


def access_membership(user: User, pk) -> Membership:
    """The user's own membership with this id; the same 404 for one that is missing or someone else's."""
    membership = Membership.objects.filter(user=user, pk=pk).select_related("place").first() if str(pk).isdigit() else None
    if membership is None:
        raise Http404(_("You have no membership with id {id}.").format(id=pk))
    return membership


def membership_request(*, user: User, place: Place, role: str) -> Membership:
    """Ask to join `place` with `role`; the membership waits for staff to verify it.

    Raises ValidationError keyed by field: "place" for a country (not a government office) or an office
    the user has already asked to join (verified or not), "role" for an unknown role.
    """
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose officer or member.")})
    if place.is_country:
        raise ValidationError(
            {"place": _("{country} is a country, not a government office: choose a county, a province or a city.")
             .format(country=place.name)}
        )
    existing = Membership.objects.filter(user=user, place=place).first()
    if existing is not None:
        raise _already_asked(existing, place)
    membership = Membership(user=user, place=place, role=role, is_verified=False)
    membership.full_clean(validate_constraints=False)  # the one constraint is checked above and below
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        # The same request sent twice at once (a double click): the other one was saved first.
        existing = Membership.objects.filter(user=user, place=place).first()
        if existing is None:
            raise
        raise _already_asked(existing, place) from None
    return membership


def _already_asked(existing: Membership, place: Place) -> ValidationError:
    if existing.is_verified:
        message = _("You are already a verified {role} of {office}.")
    else:
        message = _("You have already asked to join {office} as {role}; Urafiki staff have not verified it yet.")
    return ValidationError({"place": message.format(office=place.name, role=existing.get_role_display())})


def membership_leave(*, user: User, membership: Membership) -> None:
    """Leave an office. A verified membership is gone for good: joining again needs staff to verify again."""
    if membership.user_id != user.pk:
        raise PermissionDenied(_("Only the person who holds a membership can leave it."))
    with transaction.atomic():
        membership.delete()


def membership_verify(*, membership: Membership, by_user: User) -> bool:
    """Staff confirm that the person works for the office: record who and when, and tell the person.

    Returns False, and changes nothing, for a membership already verified (no second e-mail). The e-mail
    leaves after the commit, in the person's language.
    """
    if not by_user.is_staff:
        raise PermissionDenied(_("Only Urafiki staff verify memberships."))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("user", "place").get(pk=membership.pk)
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


def membership_verified_email(membership: Membership) -> mail.EmailMessage:
    person = membership.user
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {"person": person, "membership": membership, "office": membership.place.name,
                   "role": membership.get_role_display(),
                   "url": settings.SITE_URL.rstrip("/") + reverse("offices:list")}
        subject = render_to_string("accounts/email/membership_verified_subject.txt", context)
        body = render_to_string("accounts/email/membership_verified_body.txt", context)
    return mail.EmailMessage(subject=" ".join(subject.split()), body=body.strip() + "\n",
                             from_email=settings.DEFAULT_FROM_EMAIL, to=[person.email],
                             headers={"Auto-Submitted": "auto-generated"})
