"""The reminder job in-process: who is told what, once, in their language, and what a failed e-mail does."""

import datetime
import io
import logging
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from urafiki.notifications.models import ReminderSent
from urafiki.notifications.reminders import Report, dormant_candidate_since, send_due_reminders
from urafiki.notifications.tasks import RemindersNotSent, daily_at, send_daily_reminders, send_reminders_now
from urafiki.partnerships.lifecycle import Stage
from urafiki.partnerships.models import Partnership
from urafiki.partnerships.services import activity_record, commitment_add, partnership_change_stage
from urafiki.partnerships.tests.test_services import kilifi_mou

from .scenario import QUIET_SINCE, TODAY, build, expected_report, user

pytestmark = pytest.mark.django_db
SITE = "https://urafiki.example.org"
PAGE = re.compile(re.escape(SITE) + r"/partnerships/(\d+)/")


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE + "/"  # a trailing slash must not double in the links


def sent(messages) -> list[tuple[str, str, int]]:
    """(recipient, kind, partnership id from the link) of each message, sorted."""
    return sorted(
        (message.to[0], message.extra_headers["X-Urafiki-Reminder"], int(PAGE.search(message.body).group(1)))
        for message in messages
    )


def message_to(address: str, kind: str):
    [message] = [m for m in mail.outbox if m.to == [address] and m.extra_headers["X-Urafiki-Reminder"] == kind]
    return message


def test_each_reminder_is_sent_once_however_often_the_job_runs():
    scenario = build()
    assert send_due_reminders(today=TODAY).as_dict() == expected_report(sent=True)
    assert sent(mail.outbox) == scenario.expected()
    assert ReminderSent.objects.count() == 5

    assert send_due_reminders(today=TODAY).as_dict() == expected_report(sent=False)
    assert sent(mail.outbox) == scenario.expected()  # nothing more
    assert ReminderSent.objects.count() == 5


def test_the_english_messages():
    scenario = build()
    send_due_reminders(today=TODAY)
    link = f"{SITE}/partnerships/{scenario.lively.pk}/"

    due = message_to("otieno@example.org", "commitment_due_soon")
    assert due.subject == "Due on 2025-06-05: a commitment of Kilifi – Jiujiang tourism & culture"
    assert due.from_email == "Urafiki <no-reply@urafiki.localhost>"
    assert due.extra_headers["Auto-Submitted"] == "auto-generated"
    assert due.body == (
        "Hello otieno,\n\n"
        "A commitment you are responsible for in the partnership “Kilifi – Jiujiang tourism & culture” is due on "
        "2025-06-05:\n\n"
        "Send the list of tour operators for the <Jiujiang> fair\n\n"  # plain text: nothing HTML-escaped
        "When it is done, record the date and the evidence on the partnership's page:\n"
        f"{link}\n\n"
        "You receive this e-mail because you own this commitment in Urafiki.\n"
    )

    dormant = message_to("otieno@example.org", "partnership_turning_dormant")
    assert dormant.subject == "The partnership Kilifi – Jiangxi – Jiujiang is turning dormant"
    assert "No activity recorded for 13 months (last on 2024-04-18)." in dormant.body
    assert f"{SITE}/partnerships/{scenario.quiet.pk}/" in dormant.body


def test_each_recipient_reads_their_own_language():
    scenario = build()
    send_due_reminders(today=TODAY)
    # Checked without quoting the translators' wording, which may change: the greeting is whatever the
    # catalogue says, and the reasons are health.py's sentences.
    def greeting(language: str, name: str) -> str:
        with translation.override(language):
            return translation.gettext("Hello %(name)s,") % {"name": name}

    kiswahili = message_to("amina@example.org", "partnership_turning_dormant")
    assert kiswahili.body.startswith(greeting("sw", "amina") + "\n")
    assert "Hakuna shughuli iliyorekodiwa kwa miezi 13 (ya mwisho tarehe 2024-04-18)." in kiswahili.body
    assert "Kilifi – Jiangxi – Jiujiang" in kiswahili.subject
    chinese = message_to("li@example.org", "partnership_turning_dormant")
    assert chinese.body.startswith(greeting("zh-hans", "li") + "\n")
    assert "已有 13 个月没有记录任何活动（最近一次为 2024-04-18）。" in chinese.body
    assert greeting("sw", "amina") != greeting("zh-hans", "amina") != "Hello amina,"
    overdue = message_to("amina@example.org", "commitment_overdue")
    assert f"{SITE}/partnerships/{scenario.lively.pk}/" in overdue.body
    assert "Open the Kilifi desk at the Jiujiang trade office" in overdue.body
    assert translation.get_language() == "en"  # the job leaves the language as it found it


def test_a_failed_email_is_not_claimed_and_the_next_run_sends_it(monkeypatch, caplog):
    scenario = build()
    send_messages = locmem.EmailBackend.send_messages

    def amina_unreachable(self, messages):
        if any(message.to == ["amina@example.org"] for message in messages):
            raise smtplib.SMTPRecipientsRefused({"amina@example.org": (450, b"mailbox busy, try later")})
        return send_messages(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", amina_unreachable)
    with caplog.at_level(logging.ERROR, logger="urafiki.notifications.reminders"):
        report = send_due_reminders(today=TODAY)
    assert report.as_dict() == {
        "sent": {"commitment_due_soon": 1, "partnership_turning_dormant": 2},
        "skipped": {},
        "failed": {"commitment_overdue": 1, "partnership_turning_dormant": 1},
    }
    assert not ReminderSent.objects.filter(recipient__username="amina").exists()
    assert len(mail.outbox) == 3
    assert "it will be tried again" in caplog.text

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_messages)
    assert send_due_reminders(today=TODAY).as_dict() == {
        "sent": {"commitment_overdue": 1, "partnership_turning_dormant": 1},
        "skipped": {"commitment_due_soon": 1, "partnership_turning_dormant": 2},
        "failed": {},
    }
    assert sent(mail.outbox) == scenario.expected()


def test_an_overdue_commitment_is_reminded_weekly_and_coming_due_once():
    scenario = build()
    send_due_reminders(today=TODAY)
    mail.outbox.clear()
    for day in range(1, 4):  # 3 to 5 days late: still its first week; the other is due on the third day
        assert send_due_reminders(today=TODAY + datetime.timedelta(days=day)).sent == {}, day
    assert mail.outbox == []

    # 8 days late: its second week. The one that was coming due is now 3 days late: its first overdue reminder.
    report = send_due_reminders(today=TODAY + datetime.timedelta(days=6))
    assert report.sent == {"commitment_overdue": 2}
    assert sent(mail.outbox) == [
        ("amina@example.org", "commitment_overdue", scenario.lively.pk),
        ("otieno@example.org", "commitment_overdue", scenario.lively.pk),
    ]
    assert set(ReminderSent.objects.filter(kind="commitment_overdue").values_list("period_key", flat=True)) == {
        "2025-05-31+w1", "2025-05-31+w2", "2025-06-05+w1"}


def test_coming_due_means_due_today_or_within_seven_days():
    partnership = kilifi_mou(stage=Stage.ACTIVE, happened_on=TODAY)
    owner = user("wanjiru")
    for days in (-1, 0, 7, 8):
        commitment_add(partnership=partnership, description=f"in {days} days", owner=owner,
                       due_on=TODAY + datetime.timedelta(days=days))
    send_due_reminders(today=TODAY)
    assert sorted((m.extra_headers["X-Urafiki-Reminder"], m.body.splitlines()[4]) for m in mail.outbox) == [
        ("commitment_due_soon", "in 0 days"), ("commitment_due_soon", "in 7 days"),
        ("commitment_overdue", "in -1 days")]


def test_an_ended_partnership_s_commitments_are_not_chased():
    partnership = kilifi_mou(stage=Stage.ACTIVE, happened_on=TODAY - datetime.timedelta(days=30))
    owner = user("wanjiru")
    commitment_add(partnership=partnership, description="Feasibility study", owner=owner,
                   due_on=TODAY - datetime.timedelta(days=3))
    partnership_change_stage(partnership=partnership, to_stage=Stage.ENDED, happened_on=TODAY)
    assert send_due_reminders(today=TODAY).sent == {}
    assert mail.outbox == []


def test_a_partnership_that_wakes_up_and_goes_quiet_again_is_reminded_again():
    scenario = build()
    send_due_reminders(today=TODAY)
    activity_record(partnership=scenario.quiet, kind="delegation_visit", happened_on=datetime.date(2025, 6, 10),
                    title="Visit of a Jiujiang delegation to Kilifi")
    assert send_due_reminders(today=datetime.date(2025, 6, 11)).sent["partnership_turning_dormant"] == 0
    mail.outbox.clear()
    send_due_reminders(today=datetime.date(2026, 6, 10))
    assert sorted(m.to[0] for m in mail.outbox if PAGE.search(m.body).group(1) == str(scenario.quiet.pk)) == [
        "amina@example.org", "li@example.org", "otieno@example.org"]
    assert set(
        ReminderSent.objects.filter(partnership=scenario.quiet).values_list("period_key", flat=True)
    ) == {QUIET_SINCE.isoformat(), "2026-06-10"}


def test_when_a_partnership_became_a_dormant_candidate():
    def since(stage, stage_since, last_activity_on=None):
        return dormant_candidate_since(
            Partnership(stage=stage, stage_since=stage_since, last_activity_on=last_activity_on))

    assert since(Stage.ACTIVE, datetime.date(2024, 1, 10)) == datetime.date(2025, 1, 9)
    assert since(Stage.ACTIVE, datetime.date(2023, 1, 10), datetime.date(2024, 1, 10)) == datetime.date(2025, 1, 9)
    assert since(Stage.ACTIVE, None, datetime.date(2024, 1, 10)) == datetime.date(2025, 1, 9)
    # A letter of intent with recent activity is a candidate a year after its signing all the same.
    assert since(Stage.LETTER_OF_INTENT, datetime.date(2024, 1, 10), datetime.date(2024, 9, 1)) == datetime.date(
        2025, 1, 9)


def test_one_claim_per_reminder_is_enforced_by_the_database():
    scenario = build()
    amina = scenario.overdue.owner
    about_partnership = {"kind": "partnership_turning_dormant", "partnership": scenario.quiet, "recipient": amina,
                         "period_key": "2025-04-18"}
    ReminderSent.objects.create(**about_partnership)
    with pytest.raises(IntegrityError), transaction.atomic():  # the commitment column is NULL here
        ReminderSent.objects.create(**about_partnership)
    about_commitment = {"kind": "commitment_overdue", "commitment": scenario.overdue, "recipient": amina,
                        "period_key": "2025-05-31+w1"}
    ReminderSent.objects.create(**about_commitment)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderSent.objects.create(**about_commitment)
    with pytest.raises(IntegrityError), transaction.atomic():  # about nothing
        ReminderSent.objects.create(kind="commitment_overdue", recipient=amina, period_key="x")


def test_the_task_runs_in_process_in_tests_and_returns_its_report():
    build()
    assert send_reminders_now(TODAY).get() == expected_report(sent=True)
    assert send_reminders_now(TODAY).get() == expected_report(sent=False)
    assert len(mail.outbox) == 5


def test_the_daily_job_runs_at_six_in_nairobi():
    at_six = daily_at(hour=6, minute=0)
    # huey gives the schedule naive UTC times (utc=True): 03:00 UTC is 06:00 in Nairobi (UTC+3, no DST).
    assert at_six(datetime.datetime(2025, 6, 2, 3, 0))
    assert not at_six(datetime.datetime(2025, 6, 2, 6, 0))
    assert not at_six(datetime.datetime(2025, 6, 2, 3, 1))
    assert send_daily_reminders.s().validate_datetime(datetime.datetime(2025, 6, 2, 3, 0))


def test_the_daily_job_fails_for_huey_to_retry_when_an_email_failed(monkeypatch):
    report = Report()
    report.failed["commitment_overdue"] += 1
    monkeypatch.setattr("urafiki.notifications.tasks.send_due_reminders", lambda: report)
    with pytest.raises(RemindersNotSent, match="commitment_overdue: 0 sent, 0 already sent, 1 failed"):
        send_daily_reminders.call_local()


def test_the_command_sends_today_s_reminders_and_says_what_it_did():
    today = timezone.localdate()
    partnership = kilifi_mou(stage=Stage.ACTIVE, happened_on=today)
    commitment_add(partnership=partnership, description="Book the hall", owner=user("wanjiru"),
                   due_on=today + datetime.timedelta(days=1))
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "commitment_due_soon: 1 sent, 0 already sent, 0 failed",
        "commitment_overdue: 0 sent, 0 already sent, 0 failed",
        "partnership_turning_dormant: 0 sent, 0 already sent, 0 failed",
    ]
    assert [message.to for message in mail.outbox] == [["wanjiru@example.org"]]
