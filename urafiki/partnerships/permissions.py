"""Who may see and change a partnership (NetBox's "restrict" and Zulip's access_<thing> habits).

Everyone sees public partnerships. The verified members of a party's office also see its private ones
and its private notes and documents (an unverified claim to belong to an office shows nothing more). A
verified officer of a party's office, or staff, may change it. An id from a request becomes a partnership only
through access_partnership, with the same answer for "missing" and "not yours to see".
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from urafiki.accounts.memberships import office_ids

from .models import Partnership, PartnershipParty


def partnerships_visible_to(user) -> QuerySet:
    if user.is_authenticated and user.is_staff:
        return Partnership.objects.all()
    offices = office_ids(user, officers_only=False)
    if not offices:
        return Partnership.objects.filter(is_public=True)
    party_of_office = PartnershipParty.objects.filter(partnership=OuterRef("pk"), place_id__in=offices)
    return Partnership.objects.filter(Q(is_public=True) | Exists(party_of_office))


def visibility_key(user) -> str:
    """A name for everyone who sees the same partnerships as this user: the key of their cached reads."""
    if user.is_authenticated and user.is_staff:
        return "staff"
    offices = office_ids(user, officers_only=False)
    return "offices-" + "-".join(map(str, sorted(offices))) if offices else "public"


def is_party_member(user, partnership: Partnership) -> bool:
    """May the user see the private notes and documents (a verified member of a party's office, or staff)?"""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    offices = office_ids(user, officers_only=False)
    return bool(offices) and any(party.place_id in offices for party in partnership.parties.all())


def can_edit_partnership(user, partnership: Partnership) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    offices = office_ids(user, officers_only=True)
    return bool(offices) and any(party.place_id in offices for party in partnership.parties.all())


def access_partnership(user, pk, *, action: str = "view") -> Partnership:
    """The partnership with this id if the user may `action` ("view" or "edit") it."""
    partnership = partnerships_visible_to(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if partnership is None:
        raise Http404(_("There is no partnership with id {id}.").format(id=pk))
    if action == "edit" and not can_edit_partnership(user, partnership):
        raise PermissionDenied(_("Only the verified officers of a party's office can change this partnership."))
    return partnership


def check_may_record(user, places) -> None:
    """A partnership is recorded by a verified officer of one of its parties' offices, or by staff;
    the same holds for a change of parties, so that an officer cannot hand a partnership over to offices
    that are not theirs. Raises PermissionDenied with the reason."""
    if user.is_authenticated and user.is_staff:
        return
    offices = office_ids(user, officers_only=True)
    if not offices:
        raise PermissionDenied(_("Only verified officers of a government office can record partnerships."))
    if not set(offices) & {place.pk for place in places}:
        raise PermissionDenied(_("Keep your own office among the parties: only staff can record partnerships "
                                 "between other offices."))


def may_record_partnerships(user) -> bool:
    """Whether to offer the "Record a partnership" button."""
    return user.is_authenticated and (user.is_staff or bool(office_ids(user, officers_only=True)))
