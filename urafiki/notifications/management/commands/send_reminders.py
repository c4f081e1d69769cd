from django.core.management.base import BaseCommand

from urafiki.notifications.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders due today now (what the daily job does; already sent ones are not sent again)."

    def handle(self, *args, **options):
        report = send_due_reminders()
        for line in report.lines():
            self.stdout.write(line)
