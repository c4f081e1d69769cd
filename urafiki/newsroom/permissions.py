"""Who may do what in the newsroom (the partnerships' rules, reused).

Anyone signed in may submit an article and read the review queue: the articles are published news. A draft
is accepted or rejected by staff, or by a verified officer of the office of one of the places the
extractor found among its parties (an unverified claim gives nothing); accepting also needs the officer's
office to stay among the parties (partnerships.permissions.check_may_record). Staff or any verified officer
may add to an article an agreement the extractor missed; an officer reviews the draft they added, for their own
office. An id from a request becomes an article or a draft only through access_article / access_draft, with the
same 404 for missing ones.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from urafiki.accounts.memberships import office_ids

from .models import DraftAgreement, NewsArticle


def check_may_submit(user) -> None:
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to submit an article."))


def draft_place_ids(draft: DraftAgreement) -> set[int]:
    return {party["place_id"] for party in draft.payload.get("parties", []) if party.get("place_id")}


def can_review_draft(user, draft: DraftAgreement) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    offices = office_ids(user, officers_only=True)
    return bool(offices & draft_place_ids(draft)) or bool(offices and draft.added_by_id == user.pk)


def can_add_draft(user) -> bool:
    return user.is_authenticated and (user.is_staff or bool(office_ids(user, officers_only=True)))


def check_may_add_draft(user) -> None:
    if not can_add_draft(user):
        raise PermissionDenied(_("Only staff or a verified officer can add an agreement the newsroom missed."))


def check_may_review(user, draft: DraftAgreement) -> None:
    """Raises PermissionDenied with the reason unless the user may accept or reject the draft."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to review drafts."))
    if not can_review_draft(user, draft):
        raise PermissionDenied(_("Only staff or a verified officer of one of the draft's parties can accept or "
                                 "reject it."))


def access_article(user, pk) -> NewsArticle:
    check_may_submit(user)
    article = NewsArticle.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if article is None:
        raise Http404(_("There is no article with id {id}.").format(id=pk))
    return article


def access_draft(user, pk) -> DraftAgreement:
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to review drafts."))
    draft = DraftAgreement.objects.select_related("article").filter(pk=pk).first() if str(pk).isdigit() else None
    if draft is None:
        raise Http404(_("There is no draft with id {id}.").format(id=pk))
    return draft
