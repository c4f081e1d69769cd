"""Pages of the newsroom: submit an article, the review queue, and the review page of each draft.

Each view: find what the user may see or change (permissions.py), parse the form, call the service,
and on a ValidationError show the form again with the messages and status 400, having changed nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import services
from .forms import (
    MAX_PARTIES,
    ArticleForm,
    DraftForm,
    PersonFormSet,
    RejectForm,
    apply_errors,
    people_from,
    people_initial,
)
from .models import DraftAgreement
from .permissions import access_article, access_draft, can_add_draft, can_review_draft, check_may_review
from .selectors import (
    article_drafts,
    article_segments,
    articles_recent,
    drafts_pending,
    evidence_of,
    partnership_sources,
    review_tally,
)

# The review form's fields and the evidence each one stands on (selectors.evidence_of's keys).
EVIDENCE_OF_FIELD = {"type": "type", "date_signed": "date_signed", "sectors": "sectors", "products": "products",
                     **{f"place_{i}": f"party-{i - 1}" for i in range(1, MAX_PARTIES + 1)}}


@login_required
def newsroom(request):
    """Paste an article, upload one or give its address: its agreements become drafts to review."""
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_ingest(article=services.article_read(**form.read_arguments()),
                                              by_user=request.user)
        except ValidationError as error:
            apply_errors(form, error, fields={"language": "text", "upload": "file"})
        else:
            if not article.is_new:
                messages.info(request, _("This article had already been read: here are its drafts."))
            else:
                count = article.drafts.count()
                messages.success(request, ngettext(
                    "The article was read: {count} agreement found.",
                    "The article was read: {count} agreements found.", count).format(count=count))
            return redirect(article)
    context = {"form": form, "articles": articles_recent(), "pending": drafts_pending().count()}
    return render(request, "newsroom/newsroom.html", context, status=400 if request.method == "POST" else 200)


@login_required
def review_queue(request):
    return render(request, "newsroom/queue.html", {"drafts": drafts_pending()[:200], "tally": review_tally()})


@login_required
def article_detail(request, pk: int):
    """The article's review page: its first draft waiting for review (or its first draft), or the text alone."""
    article = access_article(request.user, pk)
    drafts = list(article_drafts(article=article))
    waiting = [draft for draft in drafts if draft.status == DraftAgreement.Status.PENDING]
    if drafts:
        return redirect((waiting or drafts)[0])
    context = {"article": article, "segments": article_segments(article.text, {}), "drafts": drafts,
               "can_add": can_add_draft(request.user)}
    return render(request, "newsroom/review.html", context)


@login_required
@require_POST
def draft_add(request, pk: int):
    """An agreement the newsroom missed: a blank draft of the article, which the reviewer fills in."""
    draft = services.draft_add(article=access_article(request.user, pk), by_user=request.user)
    messages.success(request, _("A draft was added to the article. Fill it in as the article reports the "
                                "agreement, then accept it."))
    return redirect(draft)


@login_required
def draft_review(request, pk: int):
    """The article beside the draft, the sentence behind each field highlighted; accept with edits."""
    draft = access_draft(request.user, pk)
    form = formset = None
    if request.method == "POST" and draft.status != DraftAgreement.Status.PENDING:
        check_may_review(request.user, draft)
        messages.error(request, _("This draft has already been reviewed: it is {status}.").format(
            status=draft.get_status_display()))
        return _review_page(request, draft, None, None)
    if draft.status == DraftAgreement.Status.PENDING:
        form = DraftForm(request.POST or None, initial=DraftForm.initial_for(draft.payload),
                         matches=services.draft_matches(draft, user=request.user))
        formset = PersonFormSet(request.POST or None, prefix="people", initial=people_initial(draft.payload))
        if request.method == "POST":
            check_may_review(request.user, draft)  # 403 before parsing: nothing to say to others
            if form.is_valid() & formset.is_valid():
                try:
                    draft = services.draft_accept(draft=draft, by_user=request.user,
                                                  edits=form.edits(people_from(formset)))
                except ValidationError as error:
                    apply_errors(form, error, fields={"parties": "place_1", "people": "people"})
                except PermissionDenied as refusal:  # the officer's own office left out of the parties
                    form.add_error(None, str(refusal))
                else:
                    messages.success(request, _("Accepted: {outcome}.").format(outcome=draft.get_outcome_display()))
                    return redirect(draft)
    return _review_page(request, draft, form, formset)


@login_required
@require_POST
def draft_reject(request, pk: int):
    draft = access_draft(request.user, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.draft_reject(draft=draft, by_user=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The draft was rejected."))
            return redirect(draft)
    return _review_page(request, draft, None, None, reject_form=form)


def _review_page(request, draft, form, formset, *, reject_form=None):
    article = draft.article
    drafts = list(article_drafts(article=article))
    evidence = evidence_of(draft.payload)
    fields = [(form[name], EVIDENCE_OF_FIELD.get(name, name)) for name in form.fields] if form else []
    context = {
        "article": article,
        "draft": draft,
        "drafts": drafts,
        "segments": article_segments(article.text, evidence),
        "form": form,
        "fields": fields,
        "formset": formset,
        "reject_form": reject_form or RejectForm(),
        "can_review": can_review_draft(request.user, draft),
        "can_add": can_add_draft(request.user),
        "sources": partnership_sources(draft.partnership) if draft.partnership_id else [],
        "partnership": draft.partnership,
        "unresolved": [p.get("name") for p in draft.payload.get("parties", []) if not p.get("place_id")],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "newsroom/review.html", context, status=status)
