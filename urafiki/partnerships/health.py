"""The health of a partnership, computed from what happened, never declared.

Signs read: time since the last activity (a stage change counts as one), commitments past their due
date, and time spent in a first stage (a letter of intent not turned into an agreement). Each sign gives
a reason in a sentence, so the page can say why.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .lifecycle import Stage

DORMANT_AFTER_DAYS = 365  # no activity for 12 months
UNCONVERTED_AFTER_DAYS = 365  # a letter of intent (or first contact) not followed up in 12 months


class HealthStatus(models.TextChoices):
    HEALTHY = "healthy", gettext_lazy("healthy")
    AT_RISK = "at_risk", gettext_lazy("at risk")
    DORMANT_CANDIDATE = "dormant_candidate", gettext_lazy("dormant candidate")
    DORMANT = "dormant", gettext_lazy("dormant")
    ENDED = "ended", gettext_lazy("ended")
    UNKNOWN = "unknown", gettext_lazy("unknown")


@dataclass(frozen=True)
class Health:
    status: str
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(HealthStatus(self.status).label)


def _months(days: int) -> int:
    return days * 12 // 365


def partnership_health(
    *,
    stage: str,
    stage_since: datetime.date | None,
    last_activity_on: datetime.date | None,
    overdue_commitments: int,
    today: datetime.date,
) -> Health:
    if stage == Stage.ENDED:
        return Health(HealthStatus.ENDED, [
            _("Ended on {date}.").format(date=stage_since.isoformat()) if stage_since else _("Ended.")
        ])
    if stage == Stage.DORMANT:
        return Health(HealthStatus.DORMANT, [
            _("Recorded as dormant since {date}.").format(date=stage_since.isoformat())
            if stage_since else _("Recorded as dormant.")
        ])

    dormant_reasons: list[str] = []
    in_stage = (today - stage_since).days if stage_since else 0
    if stage == Stage.LETTER_OF_INTENT and in_stage >= UNCONVERTED_AFTER_DAYS:
        dormant_reasons.append(
            _("The letter of intent of {date} has not become an agreement in {months} months.").format(
                date=stage_since.isoformat(), months=_months(in_stage)
            )
        )
    if stage == Stage.EXPLORING and in_stage >= UNCONVERTED_AFTER_DAYS:
        dormant_reasons.append(
            _("Contacts since {date} have led to no signed document in {months} months.").format(
                date=stage_since.isoformat(), months=_months(in_stage)
            )
        )
    known = [day for day in (last_activity_on, stage_since) if day]
    last = max(known) if known else None
    quiet = (today - last).days if last else 0
    if quiet >= DORMANT_AFTER_DAYS:
        dormant_reasons.append(
            _("No activity recorded for {months} months (last on {date}).").format(
                months=_months(quiet), date=last.isoformat()
            )
        )
    overdue_reason = (
        [ngettext("%(count)d commitment is overdue.", "%(count)d commitments are overdue.", overdue_commitments)
         % {"count": overdue_commitments}]
        if overdue_commitments
        else []
    )
    if dormant_reasons:
        return Health(HealthStatus.DORMANT_CANDIDATE, dormant_reasons + overdue_reason)
    if overdue_reason:
        return Health(HealthStatus.AT_RISK, overdue_reason)
    if last is None:
        # Nothing dated: a guess either way would mislead, so the page says what is missing.
        return Health(HealthStatus.UNKNOWN, [_("No dated record yet: add the date of signing or an activity.")])
    return Health(HealthStatus.HEALTHY, [_("Last activity on {date}.").format(date=last.isoformat())])
