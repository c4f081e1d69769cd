"""/api/extractions: read an article into draft agreements, see them, accept or reject them.

Everything needs a user, by API token (Authorization: Bearer urafiki_…) or signed-in session with its
CSRF token (accounts.api_auth); anonymous requests get 401. Anyone signed in may submit an article; staff
or a verified officer of one of a draft's parties accept or reject it, and staff or any verified officer may
add an agreement the extractor missed (newsroom.permissions), as on the pages. Bad input is a 400 in the one
error shape of config/api.py, and stores nothing.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import AuthenticationError

from urafiki.accounts.api_auth import api_auth
from urafiki.partnerships.schemas import ErrorOut

from . import services
from .models import DraftAgreement, NewsArticle
from .permissions import access_article, access_draft, check_may_submit
from .schemas import ArticleOut, DraftEditsIn, DraftOut, ExtractionIn, RejectIn
from .selectors import article_drafts

router = Router(tags=["newsroom"], auth=api_auth)
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise AuthenticationError(message=_("Sign in, or send an API token (Authorization: Bearer urafiki_…)."))


@router.post("", response={200: ArticleOut, 201: ArticleOut, **ERRORS}, summary="Read an article into drafts")
def create_extraction(request, payload: ExtractionIn):
    """Send {"text": …} (with "url" if you know where it was published) or {"url": …} alone to fetch the
    page. 201 with the article and its draft agreements; 200 with the stored ones when the same text had
    already been read."""
    check_may_submit(request.user)
    article = services.article_ingest(
        article=services.article_read(text=payload.text, url=payload.url or ""), by_user=request.user)
    return Status(201 if article.is_new else 200, _article(article))


@router.get("/{article_id}", response={200: ArticleOut, **ERRORS}, summary="An article and its drafts")
def get_extraction(request, article_id: int):
    _signed_in(request)
    article = access_article(request.user, article_id)
    article.is_new = False
    return _article(article)


@router.post("/{article_id}/drafts", response={201: DraftOut, **ERRORS},
             summary="Add an agreement the extractor missed: an empty draft, filled in when accepted")
def add_draft(request, article_id: int):
    """Staff or a verified officer; then accept the draft with all its fields (type, parties, …) as edits."""
    _signed_in(request)
    draft = services.draft_add(article=access_article(request.user, article_id), by_user=request.user)
    return Status(201, _draft(draft))


@router.post("/drafts/{draft_id}/accept", response={200: DraftOut, **ERRORS},
             summary="Accept a draft: record or advance its partnership, with the article as a source")
def accept_draft(request, draft_id: int, payload: DraftEditsIn | None = None):
    draft = access_draft(request.user, draft_id)
    edits = payload.dict(exclude_unset=True) if payload is not None else {}
    if "people" in edits:
        edits["people"] = [dict(person) for person in edits["people"]]
    draft = services.draft_accept(draft=draft, by_user=request.user, edits=edits)
    return _draft(draft)


@router.post("/drafts/{draft_id}/reject", response={200: DraftOut, **ERRORS}, summary="Reject a draft")
def reject_draft(request, draft_id: int, payload: RejectIn | None = None):
    draft = access_draft(request.user, draft_id)
    draft = services.draft_reject(draft=draft, by_user=request.user, note=payload.note if payload else "")
    return _draft(draft)


def _article(article: NewsArticle) -> dict:
    return {
        "id": article.pk, "url": article.url, "title": article.title, "language": article.language,
        "published": article.published, "created_at": article.created_at, "is_new": article.is_new,
        "text": article.text, "drafts": [_draft(draft) for draft in article_drafts(article=article)],
        "review_url": article.get_absolute_url(),
    }


def _draft(draft: DraftAgreement) -> dict:
    return {
        "id": draft.pk, "article": draft.article_id, "status": draft.status, "agreement": draft.payload,
        "added_by_reviewer": draft.added_by_id is not None,
        "reviewed": draft.reviewed_payload, "outcome": draft.outcome, "partnership": draft.partnership_id,
        "partnership_url": (reverse("partnerships:detail", args=[draft.partnership_id])
                            if draft.partnership_id else None),
        "review_url": draft.get_absolute_url(),
    }
