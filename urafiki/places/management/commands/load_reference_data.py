from django.core.management.base import BaseCommand

from urafiki.core.caching import content_changed
from urafiki.places.loaders import places_load
from urafiki.taxonomy.loaders import taxonomy_load
from urafiki.trade.loaders import trade_load


class Command(BaseCommand):
    help = "(Re)load the shared vocabulary, the registry of places and trade flows from packages and data/. Idempotent."

    def handle(self, *args, **options):
        report = taxonomy_load()
        self.stdout.write(f"vocabulary: {report.line()}")
        report = places_load()
        self.stdout.write(f"places: {report.line()}")
        report = trade_load()
        self.stdout.write(f"trade: {report.line()}")
        content_changed()  # bulk writes send no model signals
