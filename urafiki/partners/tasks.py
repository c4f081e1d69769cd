"""Background jobs of the partner finder, run by huey's consumer. Tasks take ids and may run twice."""

from huey.contrib.djhuey import db_task

from .emails import send_interest_notice


@db_task(retries=3, retry_delay=10 * 60)
def notify_brief_interest(interest_id: int) -> int:
    """Tell a brief's owners about an interest (once, however often this runs)."""
    return send_interest_notice(interest_id)
