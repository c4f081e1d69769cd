from django.core.management.base import BaseCommand, CommandError

from urafiki.core.caching import content_changed
from urafiki.partnerships.demo import DemoContentError, partnerships_demo_load


class Command(BaseCommand):
    help = (
        "Load the demo partnerships (real Kenya–China relationships, each with its public source) from "
        "data/partnerships/. Needs load_reference_data first. Idempotent; a bad row loads nothing."
    )

    def handle(self, *args, **options):
        try:
            report = partnerships_demo_load()
        except DemoContentError as error:
            raise CommandError("demo content not loaded:\n" + "\n".join(error.errors)) from error
        content_changed()  # bulk writes send no model signals
        self.stdout.write(f"demo content: {report.line() or 'nothing to load'}")
