"""Who may post, see and answer partner-seeking briefs.

- Anyone sees the open briefs that have not expired. The offices' own verified members and officers (and
  staff) also see their office's closed and expired briefs.
- A verified officer of an office posts and closes briefs for it (staff for any office).
- A verified officer of a place that fits a brief expresses interest for that place (staff for any place).
- The brief's owners, the person who posted it and the verified officers of its office (and staff), read the
  interests and turn one into a partnership. Whoever expressed an interest sees their own office's.

An id from a request becomes a brief only through access_brief: the same 404 for "missing" and "not yours".
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from urafiki.accounts.memberships import office_ids

from .models import BriefInterest, BriefStatus, PartnerBrief


def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_staff)


def may_act_for(user, place) -> bool:
    """A verified officer of this office, or staff."""
    return is_staff(user) or place.pk in office_ids(user, officers_only=True)


def check_may_act_for(user, place) -> None:
    if not may_act_for(user, place):
        raise PermissionDenied(
            _("Only a verified officer of {office} can do this for it.").format(office=place.name)
        )


def is_brief_owner(user, brief: PartnerBrief) -> bool:
    """The person who posted it, a verified officer of its office, or staff."""
    if not user.is_authenticated:
        return False
    return brief.posted_by_id == user.pk or may_act_for(user, brief.office)


def briefs_visible_to(user, *, today=None) -> QuerySet:
    today = today or timezone.localdate()
    if is_staff(user):
        return PartnerBrief.objects.all()
    shown = Q(status=BriefStatus.OPEN, expires_on__gte=today)
    offices = office_ids(user, officers_only=False)
    if offices:
        shown |= Q(office_id__in=offices)
    if user.is_authenticated:
        shown |= Q(posted_by=user)
    return PartnerBrief.objects.filter(shown)


def access_brief(user, pk, *, action: str = "view") -> PartnerBrief:
    """The brief with this id if the user may `action` ("view" or "manage") it."""
    brief = (
        briefs_visible_to(user).select_related("office", "posted_by").filter(pk=pk).first()
        if str(pk).isdigit() else None
    )
    if brief is None:
        raise Http404(_("There is no partner-seeking brief with id {id}.").format(id=pk))
    if action == "manage" and not is_brief_owner(user, brief):
        raise PermissionDenied(_("Only the office that posted this brief can do this."))
    return brief


def interests_visible_to(user, brief: PartnerBrief) -> QuerySet:
    """All of a brief's interests for its owners; an answering office sees its own; others none."""
    interests = brief.interests.select_related("from_place", "from_user", "partnership")
    if is_brief_owner(user, brief):
        return interests
    offices = office_ids(user, officers_only=False)
    if not offices:
        return interests.none()
    return interests.filter(from_place_id__in=offices)


def access_interest(user, brief: PartnerBrief, pk) -> BriefInterest:
    """An interest of this brief that the user owns the brief of (the one who may convert it)."""
    interest = (
        brief.interests.select_related("from_place", "partnership").filter(pk=pk).first()
        if str(pk).isdigit() else None
    )
    if interest is None or not is_brief_owner(user, brief):
        raise Http404(_("There is no expression of interest with id {id}.").format(id=pk))
    return interest
