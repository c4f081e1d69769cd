"""Reads of partnerships, shaped for the pages and the API that show them."""

import datetime

from django.db.models import Max
from django.utils import timezone

from .health import Health, partnership_health
from .models import Commitment, Partnership


def partnership_health_of(*, partnership: Partnership, today: datetime.date | None = None) -> Health:
    """The health of one partnership, from its activities and commitments as stored now."""
    today = today or timezone.localdate()
    last_activity_on = partnership.activities.aggregate(last=Max("happened_on"))["last"]
    overdue = partnership.commitments.filter(
        status__in=[Commitment.Status.OPEN, Commitment.Status.IN_PROGRESS], due_on__lt=today
    ).count()
    return partnership_health(
        stage=partnership.stage,
        stage_since=partnership.stage_since,
        last_activity_on=last_activity_on,
        overdue_commitments=overdue,
        today=today,
    )
