"""What Urafiki has told whom: the record that makes reminders idempotent.

A ReminderSent row is a claim on one reminder: this kind, about this commitment or partnership, to this
person, for this period. The unique constraints allow one claim per reminder, so the sender (reminders.py)
inserts the claim first, in its own committed transaction, and sends only when it was this run that created
it; a second run, or a second worker running at the same moment, finds the claim and sends nothing. When
sending fails the claim is deleted, so the next run tries again. A process killed between the claim and the
send loses that one reminder: at most once was chosen over a duplicate e-mail.

The period decides when the same reminder may be sent again: a commitment's due date for "coming due"
(once per due date, again if the date moves), the week of lateness for "overdue" (weekly, not daily), the
day a partnership became a dormant candidate for "turning dormant" (once per quiet spell).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    COMMITMENT_DUE_SOON = "commitment_due_soon", _("commitment coming due")
    COMMITMENT_OVERDUE = "commitment_overdue", _("commitment overdue")
    PARTNERSHIP_TURNING_DORMANT = "partnership_turning_dormant", _("partnership turning dormant")


COMMITMENT_KINDS = [ReminderKind.COMMITMENT_DUE_SOON, ReminderKind.COMMITMENT_OVERDUE]


class ReminderSent(models.Model):
    """One reminder e-mail sent (or being sent) to one person: about a commitment or about a partnership."""

    kind = models.CharField(_("kind"), max_length=40, choices=ReminderKind.choices)
    commitment = models.ForeignKey(
        "partnerships.Commitment", verbose_name=_("commitment"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="+",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", verbose_name=_("partnership"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    period_key = models.CharField(
        _("period"), max_length=40, help_text=_("The reminder is sent once per period (a date or a week).")
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            # Two partial constraints rather than one over both keys: a NULL key never collides in a unique
            # index (SQLite and PostgreSQL alike), so one constraint over (commitment, partnership) would
            # let every reminder through twice.
            models.UniqueConstraint(
                fields=["kind", "commitment", "recipient", "period_key"],
                condition=models.Q(commitment__isnull=False),
                name="reminder_sent_once_per_commitment",
                violation_error_message=_("This reminder about this commitment was already sent."),
            ),
            models.UniqueConstraint(
                fields=["kind", "partnership", "recipient", "period_key"],
                condition=models.Q(partnership__isnull=False),
                name="reminder_sent_once_per_partnership",
                violation_error_message=_("This reminder about this partnership was already sent."),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=COMMITMENT_KINDS, commitment__isnull=False, partnership__isnull=True
                )
                | models.Q(
                    kind=ReminderKind.PARTNERSHIP_TURNING_DORMANT, partnership__isnull=False,
                    commitment__isnull=True,
                ),
                name="reminder_sent_about_one_thing",
                violation_error_message=_(
                    "A reminder is about a commitment or, when a partnership turns dormant, about a "
                    "partnership."
                ),
            ),
        ]

    def __str__(self) -> str:
        about = (
            f"commitment {self.commitment_id}" if self.commitment_id else f"partnership {self.partnership_id}"
        )
        return f"{self.kind}: {about} to {self.recipient_id} ({self.period_key})"
