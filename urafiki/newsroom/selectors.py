"""Reads of the newsroom, shaped for the pages and the API that show them."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .models import DraftAgreement, NewsArticle, PartnershipSource


def drafts_pending() -> QuerySet[DraftAgreement]:
    """The review queue: drafts waiting for a reviewer, oldest article first, with their article."""
    return (DraftAgreement.objects.filter(status=DraftAgreement.Status.PENDING)
            .select_related("article").order_by("article__created_at", "article_id", "position", "pk"))


def articles_recent(limit: int = 20) -> QuerySet[NewsArticle]:
    return NewsArticle.objects.select_related("submitted_by").order_by("-created_at", "-pk")[:limit]


def article_drafts(*, article: NewsArticle) -> QuerySet[DraftAgreement]:
    return article.drafts.select_related("partnership", "reviewed_by").order_by("position", "pk")


def review_tally() -> dict[str, int]:
    """What reviewers have made of the newsroom's drafts so far, in one query: how far its drafts can be trusted."""
    reviewed = ~Q(status=DraftAgreement.Status.PENDING)
    return DraftAgreement.objects.aggregate(
        proposed=Count("pk", filter=reviewed & Q(added_by__isnull=True)),
        accepted=Count("pk", filter=Q(status=DraftAgreement.Status.ACCEPTED, added_by__isnull=True)),
        rejected=Count("pk", filter=Q(status=DraftAgreement.Status.REJECTED, added_by__isnull=True)),
        added=Count("pk", filter=Q(status=DraftAgreement.Status.ACCEPTED, added_by__isnull=False)),
    )


def reviewed_comparisons() -> Iterator[tuple[str, list[dict], list[dict]]]:
    """The extractor on real use: for each article whose drafts are all reviewed, (label, what the reviewers
    accepted, what the extractor proposed). A rejected draft was proposed and not accepted; a draft a reviewer
    added was accepted and not proposed. An article with no draft at all is left out: nobody said whether the
    extractor was right to find nothing."""
    articles = (NewsArticle.objects.annotate(
        drafts_count=Count("drafts"),
        pending=Count("drafts", filter=Q(drafts__status=DraftAgreement.Status.PENDING)))
        .filter(drafts_count__gt=0, pending=0).prefetch_related("drafts").order_by("pk"))
    for article in articles:
        drafts = article.drafts.all()  # in the model's order: position, then pk
        accepted = [d.reviewed_payload for d in drafts if d.status == DraftAgreement.Status.ACCEPTED]
        proposed = [d.payload for d in drafts if d.added_by_id is None]
        yield f"article {article.pk}", accepted, proposed


def partnership_sources(partnership) -> QuerySet[PartnershipSource]:
    """The articles that stand behind a partnership, in the order they were added."""
    return (PartnershipSource.objects.filter(partnership=partnership).select_related("article")
            .order_by("added_at", "pk"))


@dataclass(frozen=True)
class Segment:
    """A run of the article's text and the fields whose evidence it is (none: plain text)."""

    text: str
    fields: tuple[str, ...] = ()


def evidence_of(payload: dict) -> dict[str, list[tuple[int, int]]]:
    """Every field's evidence spans, keyed as the review form's fields: type, date_signed, sectors,
    products, …, party-0, party-1, …, person-0, …"""
    spans: dict[str, list[tuple[int, int]]] = {}
    for name, found in (payload.get("evidence") or {}).items():
        spans.setdefault(str(name), []).extend((int(s), int(e)) for s, e in found)
    for i, party in enumerate(payload.get("parties", [])):
        spans.setdefault(f"party-{i}", []).extend((int(s), int(e)) for s, e in party.get("evidence", []))
    for i, person in enumerate(payload.get("people", [])):
        spans.setdefault(f"person-{i}", []).extend((int(s), int(e)) for s, e in person.get("evidence", []))
    return {name: found for name, found in spans.items() if found}


def article_segments(text: str, spans: dict[str, list[tuple[int, int]]]) -> list[Segment]:
    """The text cut at every span's edge, each piece with the fields it is evidence of (overlaps allowed)."""
    edges = {0, len(text)}
    for found in spans.values():
        for start, end in found:
            start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
            if start < end:
                edges.update((start, end))
    points = sorted(edges)
    segments: list[Segment] = []
    for start, end in zip(points, points[1:], strict=False):
        fields = tuple(sorted(name for name, found in spans.items() if any(s <= start and end <= e for s, e in found)))
        if segments and segments[-1].fields == fields:
            segments[-1] = Segment(segments[-1].text + text[start:end], fields)
        else:
            segments.append(Segment(text[start:end], fields))
    return segments
