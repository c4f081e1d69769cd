"""Articles read by the newsroom, the draft agreements found in them, and the articles behind partnerships.

An article is stored once, whatever the number of times it is submitted: its text (as the extractor read it,
so that the evidence spans of its drafts point into it) is hashed, and the hash is unique. Each agreement
the extractor found becomes a DraftAgreement that waits in the review queue until a reviewer accepts it
(it then creates or advances a partnership: services.draft_accept) or rejects it. A PartnershipSource says
which articles stand behind a partnership; one article adds one source to a partnership, however many
drafts it held.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AgreementType(models.TextChoices):
    """What the extractor says was signed (the gold files' "type")."""

    LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")
    MOU = "mou", _("memorandum of understanding (MOU)")
    SISTER_CITY = "sister_city", _("sister-city agreement")
    FRIENDSHIP = "friendship", _("friendship agreement")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("cooperation agreement")
    RENEWAL = "renewal", _("renewal")
    OTHER = "other", _("other agreement")


class NewsArticle(models.Model):
    """A news article or press release, as read from pasted text, a file or a web address."""

    url = models.URLField(_("web address"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=10)
    published = models.DateField(_("published"), null=True, blank=True)
    # SHA-256 of the text with its white space collapsed: the same article pasted twice is one record.
    content_hash = models.CharField(_("content hash"), max_length=64, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["url"], name="newsarticle_url_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_hash"],
                name="newsarticle_content_unique",
                violation_error_message=_("This article has already been read."),
            )
        ]

    def __str__(self) -> str:
        return self.title or self.url or _("Article {id}").format(id=self.pk)

    def get_absolute_url(self) -> str:
        return reverse("newsroom:article", args=[self.pk])


class DraftAgreement(models.Model):
    """One agreement the extractor found in an article, waiting for a person to check it.

    payload is what the extractor proposed (the gold-file schema of ExtractedAgreement.as_json(), each party
    with its place_id and each party and person with its evidence spans, and "evidence": {field: [[start,
    end], …]}); it is never changed. reviewed_payload is what the reviewer accepted, after their edits: the
    two side by side measure the extractor on real use. A draft with added_by is one the extractor missed: a
    reviewer added it to the article, its payload empty (no type, no party), and fills it in on review.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    class Outcome(models.TextChoices):
        CREATED = "created", _("partnership created")
        ADVANCED = "advanced", _("partnership moved to a new stage")
        SOURCE_ADDED = "source_added", _("source added to the partnership")

    article = models.ForeignKey(NewsArticle, verbose_name=_("article"), on_delete=models.CASCADE,
                                related_name="drafts")
    position = models.PositiveSmallIntegerField(_("position in the article"), default=0)
    payload = models.JSONField(_("extracted agreement"))
    reviewed_payload = models.JSONField(_("agreement as accepted"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership", verbose_name=_("partnership"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", help_text=_("The reviewer who added an agreement the newsroom missed."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("draft agreement")
        verbose_name_plural = _("draft agreements")
        ordering = ["article", "position", "pk"]
        indexes = [models.Index(fields=["status", "article"], name="draft_status_article_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="pending", reviewed_at__isnull=True)
                | (~models.Q(status="pending") & models.Q(reviewed_at__isnull=False)),
                name="draft_reviewed_has_date",
                violation_error_message=_("A reviewed draft needs the time it was reviewed, a pending one none."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.payload.get('type', '?')}: {self.parties_label}"

    def get_absolute_url(self) -> str:
        return reverse("newsroom:draft", args=[self.pk])

    @property
    def type_label(self) -> str:
        kind = (self.reviewed_payload or self.payload).get("type")
        if kind is None:
            return str(_("agreement added by a reviewer"))
        return str(AgreementType(kind).label) if kind in AgreementType.values else str(kind)

    @property
    def parties_label(self) -> str:
        parties = (self.reviewed_payload or self.payload).get("parties", [])
        if not parties:
            return str(_("parties to be chosen"))
        return " – ".join(party.get("place") or party.get("name") or "?" for party in parties)


class PartnershipSource(models.Model):
    """An article that stands behind a partnership."""

    partnership = models.ForeignKey("partnerships.Partnership", verbose_name=_("partnership"),
                                    on_delete=models.CASCADE, related_name="news_sources")
    article = models.ForeignKey(NewsArticle, verbose_name=_("article"), on_delete=models.CASCADE,
                                related_name="partnership_sources")
    draft = models.ForeignKey(DraftAgreement, verbose_name=_("draft"), on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+")
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership source")
        verbose_name_plural = _("partnership sources")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "article"],
                name="partnership_source_unique",
                violation_error_message=_("This article is already a source of this partnership."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id} ← {self.article}"
