"""Background jobs of notifications, run by huey's consumer (`manage.py run_huey`; `make run` starts it).

Tasks take no objects and may run twice: send_due_reminders sends each reminder once however often it runs.
"""

import datetime
import logging
import zoneinfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from .reminders import send_due_reminders

logger = logging.getLogger(__name__)


class RemindersNotSent(Exception):
    """Some reminders failed (their claims were given back): huey retries the job."""


def daily_at(*, hour: int, minute: int):
    """A huey schedule for hour:minute every day in settings.TIME_ZONE.

    Huey matches a crontab against the time it keeps, which is UTC when the Huey instance has utc=True
    (huey's default, kept by settings.HUEY): crontab(hour=6) alone would fire at 09:00 in Nairobi. So the
    timestamp is turned into local time first; with utc=False it already is (Django sets the process's TZ).
    """
    matches = crontab(minute=str(minute), hour=str(hour))
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def validate_datetime(timestamp: datetime.datetime) -> bool:
        if HUEY.utc:
            timestamp = timestamp.replace(tzinfo=datetime.UTC).astimezone(local)
        return matches(timestamp)

    return validate_datetime


# A failed SMTP session should not leave the day without reminders: retry within the hour, not tomorrow.
@db_periodic_task(daily_at(hour=6, minute=0), retries=3, retry_delay=15 * 60)
def send_daily_reminders() -> None:
    report = send_due_reminders()
    logger.info("Reminders: %s", "; ".join(report.lines()))
    if report.failed:
        raise RemindersNotSent("; ".join(report.lines()))


@db_task()
def send_reminders_now(today: datetime.date | None = None) -> dict[str, dict[str, int]]:
    """Send the reminders due `today` (default: the local date) now; the result is the run's report."""
    return send_due_reminders(today=today).as_dict()
