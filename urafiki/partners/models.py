"""Partner-seeking briefs: an office says what partner it seeks; offices that fit answer with interest.

A brief names its office (the county, province or city that seeks), what it seeks (objectives, sectors,
products) and whom (a target country, administrative level and optionally kind of place), until a date.
It shows on the "Find partners" page of every place that fits (selectors.briefs_fitting_place) while it is
open and not expired. An interest is one office's answer; its owner may turn it into an `exploring`
partnership (services.brief_interest_convert), which the interest then points to.

The suggestions themselves (ranking.py) are computed, not stored: no model here.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urafiki.places.models import PlaceKind


class BriefStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class PartnerBrief(models.Model):
    """What an office seeks in a partner, shown to the places that fit until it expires or is closed."""

    office = models.ForeignKey(
        "places.Place", verbose_name=_("office"), on_delete=models.CASCADE, related_name="partner_briefs"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.SET_NULL, null=True,
        related_name="partner_briefs",
    )
    title = models.CharField(_("title"), max_length=200)
    objectives = models.TextField(_("objectives"), help_text=_("What your office wants to achieve with a partner."))
    sectors = models.ManyToManyField("taxonomy.Sector", verbose_name=_("sectors"), blank=True, related_name="+")
    products = models.ManyToManyField("taxonomy.Product", verbose_name=_("products"), blank=True, related_name="+")
    target_country = models.CharField(_("target country"), max_length=2)
    target_admin_level = models.PositiveSmallIntegerField(_("target administrative level"))
    target_kind = models.CharField(_("target kind of place"), max_length=40, choices=PlaceKind.choices, blank=True)
    expires_on = models.DateField(_("expires on"), help_text=_("The brief is shown until the end of this day."))
    status = models.CharField(_("status"), max_length=10, choices=BriefStatus.choices, default=BriefStatus.OPEN)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner-seeking brief")
        verbose_name_plural = _("partner-seeking briefs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The "Find partners" page asks: open briefs for this country and level, not expired.
            models.Index(fields=["target_country", "target_admin_level", "status", "expires_on"],
                         name="brief_target_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title=""), name="brief_has_title",
                violation_error_message=_("Give the brief a title."),
            ),
            models.CheckConstraint(
                condition=~models.Q(objectives=""), name="brief_has_objectives",
                violation_error_message=_("Say what your office seeks: the objectives cannot be empty."),
            ),
            models.CheckConstraint(
                condition=models.Q(target_admin_level__gte=1, target_admin_level__lte=3),
                name="brief_target_level_range",
                violation_error_message=_("A brief seeks a local government: level 1, 2 or 3."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:brief_detail", args=[self.pk])


class BriefInterest(models.Model):
    """One office's answer to a brief, with a message; it may become an exploring partnership."""

    brief = models.ForeignKey(PartnerBrief, verbose_name=_("brief"), on_delete=models.CASCADE, related_name="interests")
    from_place = models.ForeignKey(
        "places.Place", verbose_name=_("from office"), on_delete=models.CASCADE, related_name="+"
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("from"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership", verbose_name=_("partnership"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+", help_text=_("The exploring partnership this interest became."),
    )
    # The claim on the notification e-mails (tasks.notify_brief_interest): set by the one run that sends them,
    # so the owner is told once however often the task runs; given back when sending fails.
    notified_at = models.DateTimeField(_("owner notified"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "from_place"], name="brief_interest_once_per_office",
                violation_error_message=_("This office has already expressed interest in this brief."),
            ),
            models.CheckConstraint(
                condition=~models.Q(message=""), name="brief_interest_has_message",
                violation_error_message=_("Write a message to the office that posted the brief."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_place_id} → brief {self.brief_id}"
