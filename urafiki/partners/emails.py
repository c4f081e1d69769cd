"""The e-mail that tells a brief's owners about an interest: who is told, in which language, and sending it
once (the interest's notified_at is the claim, as notifications.models.ReminderSent is for reminders)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from urafiki.accounts.models import Membership, User

from .models import BriefInterest

logger = logging.getLogger(__name__)


def brief_url(brief_id: int) -> str:
    """The absolute address of a brief's page, for e-mails (no request: SITE_URL gives the host)."""
    return settings.SITE_URL.rstrip("/") + reverse("partners:brief_detail", args=[brief_id])


def brief_owners_to_write_to(interest: BriefInterest) -> list[User]:
    """The person who posted the brief and the verified officers of its office: active, with an address, once
    each; never the person who expressed the interest."""
    brief = interest.brief
    users: dict[int, User] = {}
    if brief.posted_by is not None:
        users[brief.posted_by.pk] = brief.posted_by
    for membership in Membership.objects.filter(
        place_id=brief.office_id, role=Membership.Role.OFFICER, is_verified=True
    ).select_related("user"):
        users[membership.user_id] = membership.user
    return [user for pk, user in sorted(users.items())
            if user.is_active and user.email and pk != interest.from_user_id]


def interest_email(interest: BriefInterest, recipient: User, *, connection=None) -> mail.EmailMessage:
    """The e-mail about an interest, in its recipient's language."""
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {
            "recipient": recipient,
            "brief": interest.brief,
            "interest": interest,
            "office": interest.brief.office.name,
            "from_place": interest.from_place.name,
            "url": brief_url(interest.brief_id),
        }
        subject = render_to_string("partners/emails/interest_subject.txt", context)
        body = render_to_string("partners/emails/interest_body.txt", context)
    return mail.EmailMessage(
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated", "X-Urafiki-Notice": "brief_interest"},
        connection=connection,
    )


def send_interest_notice(interest_id: int) -> int:
    """E-mail the brief's owners about this interest, once: the number of e-mails sent (0 when already sent).

    The claim (notified_at set where it was empty, one UPDATE) is committed before anything is sent, so a
    second run, or a second worker at the same moment, finds it and sends nothing. When sending fails the
    claim is given back and the error raised, for the task to be retried.
    """
    claimed = BriefInterest.objects.filter(pk=interest_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return 0
    interest = BriefInterest.objects.select_related("brief__office", "brief__posted_by", "from_place").get(
        pk=interest_id
    )
    recipients = brief_owners_to_write_to(interest)
    try:
        with mail.get_connection() as connection:
            messages = [interest_email(interest, user, connection=connection) for user in recipients]
            connection.send_messages(messages)
    except Exception:
        BriefInterest.objects.filter(pk=interest_id).update(notified_at=None)
        logger.exception("Notice of interest %s not sent; it will be tried again.", interest_id)
        raise
    return len(recipients)
