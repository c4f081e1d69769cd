"""Partnerships between local governments, followed from first contact to results.

A partnership joins two or more places. Its stage moves only through services.partnership_change_stage,
which writes a StageChange (date, signatories, source, note) for every move: the history is the timeline.
Commitments (the action plan) and activities (what happened) are what its health is computed from.

Dates may be unknown: a press release often says "recently signed" and no more, and an unknown date is
stored as unknown (null), never guessed. Every edit is kept by django-simple-history (the audit trail).
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .lifecycle import Stage


class PartnershipKind(models.TextChoices):
    SISTER_RELATIONSHIP = "sister_relationship", _("friendship / sister relationship")
    COOPERATION = "cooperation", _("cooperation agreement")
    OTHER = "other", _("other relationship")


class Partnership(models.Model):
    """A relationship between two or more places."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnershipKind.choices)
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices, default=Stage.EXPLORING)
    stage_since = models.DateField(_("in this stage since"), null=True, blank=True)
    started_on = models.DateField(_("first recorded on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, help_text=_("Date of the latest signing."))
    last_activity_on = models.DateField(_("last activity"), null=True, blank=True, editable=False)
    # The earliest due date of the open commitments (kept by the services, like last_activity_on): "has an
    # overdue commitment" is next_due_on < today, a column test instead of a subquery on every list row.
    next_due_on = models.DateField(_("next commitment due"), null=True, blank=True, editable=False)
    summary = models.TextField(_("summary"), blank=True)
    private_notes = models.TextField(
        _("private notes"), blank=True, help_text=_("Seen only by the offices of the parties and by staff.")
    )
    is_public = models.BooleanField(_("public"), default=True)
    sectors = models.ManyToManyField("taxonomy.Sector", verbose_name=_("sectors"), blank=True, related_name="+")
    products = models.ManyToManyField("taxonomy.Product", verbose_name=_("products"), blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[sectors, products], excluded_fields=["updated_at", "last_activity_on", "next_due_on"])

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["stage", "stage_since"]),
            # The list's sorts (selectors.SORTS): a page is read in index order, not sorted (benchmarks/).
            # The two "latest first, unknown dates last" sorts have PostgreSQL-only indexes (NULLS LAST is
            # not allowed in a SQLite index): migration 0004.
            models.Index(fields=["title", "id"], name="partnership_title_idx"),
            models.Index(fields=["-updated_at", "-id"], name="partnership_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage_since__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(stage_since__gte=models.F("started_on")),
                name="partnership_stage_after_start",
                violation_error_message=_("The current stage cannot begin before the partnership's first record."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.pk])


class PartnershipParty(models.Model):
    """A place taking part in a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="parties")
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="partnership_parties"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        # The list's place and country filters look parties up by place (index-only, with the partnership).
        indexes = [models.Index(fields=["place", "partnership"], name="party_place_partnership_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "place"],
                name="partnership_party_unique",
                violation_error_message=_("This place is already a party to the partnership."),
            )
        ]

    def __str__(self) -> str:
        return str(self.place)


class StageChange(models.Model):
    """One move of a partnership's stage: when it happened, who signed, where it is written."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=30, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=30, choices=Stage.choices)
    is_renewal = models.BooleanField(_("renewal"), default=False)
    happened_on = models.DateField(_("date"), null=True, blank=True, help_text=_("Leave empty when unknown."))
    source_url = models.URLField(_("source (web address)"), max_length=500, blank=True)
    source_text = models.TextField(_("source (document or publication)"), blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["pk"]  # the order the moves were made in; dates may be unknown

    def __str__(self) -> str:
        return f"{self.partnership_id}: {self.from_stage or '-'} -> {self.to_stage} ({self.happened_on or '?'})"


class Signatory(models.Model):
    """A person who signed (or led the signing) for one party."""

    stage_change = models.ForeignKey(StageChange, on_delete=models.CASCADE, related_name="signatories")
    party = models.ForeignKey(PartnershipParty, verbose_name=_("party"), on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    """An item of the action plan: what a party undertook to do, by when, and the evidence it was done."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="commitments")
    description = models.TextField(_("what"))
    party = models.ForeignKey(
        PartnershipParty, verbose_name=_("by which party"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]  # same order on SQLite and PostgreSQL
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="done", completed_on__isnull=False) | ~models.Q(status="done"),
                name="commitment_done_has_date",
                violation_error_message=_("A commitment that is done needs the date it was completed."),
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]


# The statuses of a commitment still to be done: the ones that can be overdue.
OPEN_STATUSES = [Commitment.Status.OPEN, Commitment.Status.IN_PROGRESS]


class Activity(models.Model):
    """Something the partnership produced: a visit, an exchange, a fair, a training, a deal, a donation."""

    class Kind(models.TextChoices):
        DELEGATION_VISIT = "delegation_visit", _("delegation visit")
        EXCHANGE_PROGRAMME = "exchange_programme", _("exchange programme")
        TRADE_FAIR = "trade_fair", _("trade fair")
        TRAINING = "training", _("training")
        INVESTMENT = "investment", _("investment")
        TRADE_DEAL = "trade_deal", _("trade deal")
        DONATION = "donation", _("donation")
        OTHER = "other", _("other activity")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    places = models.ManyToManyField("places.Place", verbose_name=_("places"), blank=True, related_name="+")
    people = models.TextField(_("people involved"), blank=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code: KES, CNY, USD …"))
    source = models.TextField(_("source"), blank=True)
    history = HistoricalRecords(m2m_fields=[places])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-happened_on", "pk"]
        indexes = [models.Index(fields=["partnership", "happened_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | ~models.Q(currency=""),
                name="activity_value_has_currency",
                violation_error_message=_("A value needs its currency."),
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0),
                name="activity_value_not_negative",
                violation_error_message=_("A value cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


def _private_storage() -> FileSystemStorage:
    # Outside the web root: served only through the documents view, which checks who asks.
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def _document_path(document: "Document", filename: str) -> str:
    # A random name: the uploader's file name is kept in original_name, never trusted for the path.
    return f"partnerships/{document.partnership_id}/{uuid.uuid4().hex}{document.extension}"


class Document(models.Model):
    """A signed agreement, a photo or another file, seen only by the parties' offices and staff."""

    class Kind(models.TextChoices):
        SIGNED_AGREEMENT = "signed_agreement", _("signed agreement")
        PHOTO = "photo", _("photo")
        OTHER = "other", _("other document")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    stage_change = models.ForeignKey(
        StageChange, verbose_name=_("stage change"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), storage=_private_storage, upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["file", "sha256", "extension"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title
