"""`urafiki extract FILE... [--json]`: the agreements each article reports, one JSON line per input.

An input is a text file, an HTML file or an http(s) URL. A file that cannot be read gives an error line
and the others are still read; the exit status says whether any failed.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from urafiki.newsroom.extraction import ExtractionError, extract
from urafiki.newsroom.sources import Article, SourceError, article_from_file, article_from_url
from urafiki.places.models import Place

# Below this many inputs a progress bar is noise.
PROGRESS_FROM = 10


def article_from_input(source: str) -> Article:
    if source.lower().startswith(("http://", "https://")):
        return article_from_url(source)
    return article_from_file(source)


def registry_is_loaded() -> bool:
    try:
        return Place.objects.filter(admin_level__gte=1).exists()
    except DatabaseError:  # a database never migrated: no table of places yet
        return False


class Command(BaseCommand):
    help = _("Read news articles (text files, HTML files or URLs) and print the agreements they report.")

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="FILE", help=_("a text or HTML file, or an http(s) URL"))
        parser.add_argument("--json", action="store_true", help=_("one JSON line per input"))

    def handle(self, *args, inputs, json: bool, **options):
        if not registry_is_loaded():
            raise CommandError(_("The registry of places is empty, so no party can be recognised: run make data."))
        from tqdm import tqdm

        failed = 0
        # The command's own stderr (not sys.stderr), so call_command(stderr=...) captures the messages too.
        stderr = getattr(self.stderr, "_out", sys.stderr)
        progress = tqdm(inputs, file=stderr, unit=_("article"), disable=len(inputs) < PROGRESS_FROM)
        for source in progress:
            try:
                article = article_from_input(source)
                extraction = extract(article.text, published=article.published)
            except (SourceError, ExtractionError) as error:
                failed += 1
                message = str(error)
                progress.write(_("{file}: {message}").format(file=source, message=message), file=stderr)
                if json:
                    self._write_json({"file": source, "error": message})
                continue
            agreements = [agreement.as_json() for agreement in extraction.agreements]
            if json:
                self._write_json({"file": source, "agreements": agreements})
            else:
                self._write_text(source, extraction)
        if failed:
            raise CommandError(
                _("{failed} of {total} inputs could not be read.").format(failed=failed, total=len(inputs)),
                returncode=1,
            )

    def _write_json(self, record: dict) -> None:
        self.stdout.write(json.dumps(record, ensure_ascii=False))

    def _write_text(self, source: str, extraction) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(source))
        if not extraction.agreements:
            self.stdout.write("  " + _("no agreement between local governments"))
        for agreement in extraction.agreements:
            parties = " – ".join(f"{p.name} ({p.country})" for p in agreement.parties)
            date = agreement.date_signed.isoformat() if agreement.date_signed else _("date not given")
            self.stdout.write(f"  {agreement.type}: {parties}; {date}")
            if agreement.sectors:
                self.stdout.write("    " + _("sectors: {sectors}").format(sectors=", ".join(agreement.sectors)))
            if agreement.products:
                self.stdout.write("    " + _("products: {products}").format(products=", ".join(agreement.products)))
            for person in agreement.people:
                self.stdout.write(f"    {person.name}, {person.role}")
