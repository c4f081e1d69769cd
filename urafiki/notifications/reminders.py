"""Reminders: who is told what, and when (the rules), and sending each reminder once (send_due_reminders).

- A commitment is coming due when it is open or in progress and due today or in the next DUE_SOON_DAYS days;
  its owner is told once per due date.
- A commitment is overdue when it is open or in progress and its due date has passed; its owner is told on
  the day after the due date and then once every OVERDUE_EVERY_DAYS days while it stays open.
- A partnership is turning dormant when its computed health is "dormant candidate" (health.py: no activity
  for a year, or a first stage not followed up in a year); the verified officers of every party's office are
  told once per quiet spell (the period is the day it became a candidate, so new activity followed by a new
  quiet year tells them again).

Only active accounts with an e-mail address are written to. Each e-mail is in its recipient's language.
"""

import datetime
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core import mail
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from urafiki.accounts.models import Membership, User
from urafiki.partnerships.health import DORMANT_AFTER_DAYS, UNCONVERTED_AFTER_DAYS, HealthStatus
from urafiki.partnerships.lifecycle import Stage
from urafiki.partnerships.models import Commitment, Partnership, PartnershipParty
from urafiki.partnerships.selectors import OPEN_STATUSES, partnership_health_of, partnerships_with_health

from .models import ReminderKind, ReminderSent

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 7
OVERDUE_EVERY_DAYS = 7


def partnership_url(partnership_id: int) -> str:
    """The absolute address of a partnership's page, for e-mails (no request: SITE_URL gives the host)."""
    return settings.SITE_URL.rstrip("/") + reverse("partnerships:detail", args=[partnership_id])


def _with_owner_to_write_to(commitments: QuerySet) -> QuerySet:
    # An ended partnership's open commitments are history, not work to chase; a dormant one's still are
    # (a reminder may wake it up).
    return (
        commitments.filter(status__in=OPEN_STATUSES, owner__isnull=False, owner__is_active=True)
        .exclude(owner__email="")
        .exclude(partnership__stage=Stage.ENDED)
        .select_related("partnership", "owner")
        .order_by("due_on", "pk")
    )


def commitments_coming_due(*, today: datetime.date) -> QuerySet:
    """Open commitments due from today to DUE_SOON_DAYS days ahead, whose owner can be written to."""
    last_day = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return _with_owner_to_write_to(Commitment.objects.filter(due_on__gte=today, due_on__lte=last_day))


def commitments_overdue(*, today: datetime.date) -> QuerySet:
    """Open commitments whose due date has passed, whose owner can be written to."""
    return _with_owner_to_write_to(Commitment.objects.filter(due_on__lt=today))


def partnerships_turning_dormant(*, today: datetime.date) -> QuerySet:
    """Partnerships whose health is "dormant candidate" today (never those recorded as dormant or ended:
    their health is dormant or ended)."""
    return (
        partnerships_with_health(Partnership.objects.all(), today=today)
        .filter(health_status=HealthStatus.DORMANT_CANDIDATE)
        .order_by("pk")
    )


def dormant_candidate_since(partnership: Partnership) -> datetime.date:
    """The day a dormant candidate became one: a year after its last dated record, or a year after a first
    stage began that was never followed up, whichever came first (the rules of health.py)."""
    days: list[datetime.date] = []
    known = [day for day in (partnership.last_activity_on, partnership.stage_since) if day]
    if known:
        days.append(max(known) + datetime.timedelta(days=DORMANT_AFTER_DAYS))
    if partnership.stage in (Stage.EXPLORING, Stage.LETTER_OF_INTENT) and partnership.stage_since:
        days.append(partnership.stage_since + datetime.timedelta(days=UNCONVERTED_AFTER_DAYS))
    return min(days)


def officers_of(partnerships: list[Partnership]) -> dict[int, list[User]]:
    """partnership id -> the verified officers of its parties' offices who can be written to (once each)."""
    places_of: dict[int, set[int]] = {}
    for partnership_id, place_id in PartnershipParty.objects.filter(partnership__in=partnerships).values_list(
        "partnership_id", "place_id"
    ):
        places_of.setdefault(partnership_id, set()).add(place_id)
    memberships = (
        Membership.objects.filter(
            place_id__in={place for places in places_of.values() for place in places},
            role=Membership.Role.OFFICER,
            is_verified=True,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    users_at: dict[int, dict[int, User]] = {}
    for membership in memberships:
        users_at.setdefault(membership.place_id, {})[membership.user_id] = membership.user
    result = {}
    for partnership in partnerships:
        users: dict[int, User] = {}
        for place_id in places_of.get(partnership.pk, ()):
            users.update(users_at.get(place_id, {}))
        result[partnership.pk] = [users[pk] for pk in sorted(users)]
    return result


@dataclass(frozen=True)
class Reminder:
    """One e-mail to write: its kind, to whom, about what, and the period it counts for."""

    kind: str
    recipient: User
    partnership: Partnership
    period_key: str
    commitment: Commitment | None = None


def reminders_due(*, today: datetime.date) -> Iterator[Reminder]:
    """Every reminder the rules call for today, whether or not it was already sent."""
    for commitment in commitments_coming_due(today=today):
        yield Reminder(
            ReminderKind.COMMITMENT_DUE_SOON, commitment.owner, commitment.partnership,
            period_key=commitment.due_on.isoformat(), commitment=commitment,
        )
    for commitment in commitments_overdue(today=today):
        week = 1 + ((today - commitment.due_on).days - 1) // OVERDUE_EVERY_DAYS  # days 1-7 late: week 1
        yield Reminder(
            ReminderKind.COMMITMENT_OVERDUE, commitment.owner, commitment.partnership,
            period_key=f"{commitment.due_on.isoformat()}+w{week}", commitment=commitment,
        )
    partnerships = list(partnerships_turning_dormant(today=today))
    officers = officers_of(partnerships)
    for partnership in partnerships:
        for officer in officers[partnership.pk]:
            yield Reminder(
                ReminderKind.PARTNERSHIP_TURNING_DORMANT, officer, partnership,
                period_key=dormant_candidate_since(partnership).isoformat(),
            )


def reminder_email(reminder: Reminder, *, today: datetime.date, connection=None) -> mail.EmailMessage:
    """The e-mail for a reminder, in its recipient's language."""
    recipient = reminder.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {
            "recipient": recipient,
            "partnership": reminder.partnership,
            "commitment": reminder.commitment,
            "url": partnership_url(reminder.partnership.pk),
        }
        if reminder.kind == ReminderKind.PARTNERSHIP_TURNING_DORMANT:
            # The reasons are sentences written by health.py, translated here in the recipient's language.
            context["reasons"] = partnership_health_of(partnership=reminder.partnership, today=today).reasons
        subject = render_to_string(f"notifications/{reminder.kind}_subject.txt", context)
        body = render_to_string(f"notifications/{reminder.kind}_body.txt", context)
    return mail.EmailMessage(
        subject=" ".join(subject.split()),  # one line, whatever the template's line breaks
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "Auto-Submitted": "auto-generated",  # RFC 3834: out-of-office replies should not answer
            "X-Urafiki-Reminder": str(reminder.kind),  # for mail filters (and the tests), in any language
        },
        connection=connection,
    )


@dataclass
class Report:
    """What a run did, per kind of reminder: sent, skipped (sent before), failed (to be tried again)."""

    sent: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, dict[str, int]]:
        def plain(counts: Counter) -> dict[str, int]:  # str keys: the report crosses processes (task results)
            return {str(kind): number for kind, number in counts.items()}

        return {"sent": plain(self.sent), "skipped": plain(self.skipped), "failed": plain(self.failed)}

    def lines(self) -> list[str]:
        return [
            f"{kind}: {self.sent[kind]} sent, {self.skipped[kind]} already sent, {self.failed[kind]} failed"
            for kind in ReminderKind.values
        ]


def _claim(reminder: Reminder) -> ReminderSent | None:
    """The claim on this reminder if this run is the one to send it; None if it was sent already."""
    about = (
        {"commitment": reminder.commitment, "partnership": None}
        if reminder.commitment is not None
        else {"commitment": None, "partnership": reminder.partnership}
    )
    # get_or_create inserts inside its own transaction and, when a concurrent run inserted first, catches the
    # IntegrityError of the unique constraint and returns that run's row: exactly one run creates the claim.
    claim, created = ReminderSent.objects.get_or_create(
        kind=reminder.kind, recipient=reminder.recipient, period_key=reminder.period_key, **about
    )
    return claim if created else None


def send_due_reminders(*, today: datetime.date | None = None) -> Report:
    """Send every reminder due today that was not sent before, once, and say what was done.

    Safe to run twice, or in two workers at once: each reminder is claimed (a committed ReminderSent row)
    before its e-mail goes, and a claim already there means "sent". Call it outside a transaction (as the
    task and the command do), so that each claim is committed before its e-mail goes and other runs see it.
    A failed e-mail gives its claim back and is counted in `failed`; the next run tries it again.
    """
    today = today or timezone.localdate()
    report = Report()
    with mail.get_connection() as connection:  # one SMTP session for the whole run
        for reminder in reminders_due(today=today):
            claim = _claim(reminder)
            if claim is None:
                report.skipped[reminder.kind] += 1
                continue
            try:
                reminder_email(reminder, today=today, connection=connection).send()
            except Exception:
                claim.delete()
                report.failed[reminder.kind] += 1
                logger.exception(
                    "Reminder %s to user %s not sent; it will be tried again.", reminder.kind,
                    reminder.recipient.pk,
                )
            else:
                report.sent[reminder.kind] += 1
    return report
