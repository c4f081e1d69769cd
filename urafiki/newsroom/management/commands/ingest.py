"""`urafiki ingest FILE_OR_URL...`: read articles into drafts waiting in the review queue.

Each input is a file (plain text or HTML) or a web address (http:// or https://). Every input is tried;
an input that cannot be read is reported on stderr and the others are still read; the exit status is
non-zero when any input failed.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from urafiki.newsroom import services


class Command(BaseCommand):
    help = "Read news articles (files or web addresses) into draft agreements waiting for review."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="FILE_OR_URL")
        parser.add_argument("--user", default="", help="user name or e-mail recorded as the submitter")

    def handle(self, *args, inputs, user, **options):
        submitter = self._user(user) if user else None
        failures = 0
        for source in inputs:
            try:
                if source.startswith(("http://", "https://")):
                    article = services.article_read(url=source)
                else:
                    article = services.article_read(path=source)
                stored = services.article_ingest(article=article, by_user=submitter)
            except ValidationError as error:
                failures += 1
                messages = [message for values in error.message_dict.values() for message in values] \
                    if hasattr(error, "error_dict") else error.messages
                self.stderr.write(f"{source}: error: {' '.join(messages)}")
                continue
            drafts = list(stored.drafts.order_by("position", "pk"))
            state = "new" if stored.is_new else "already read"
            self.stdout.write(f"{source}: article {stored.pk} ({state}), {len(drafts)} draft(s)")
            for draft in drafts:
                self.stdout.write(f"  draft {draft.pk} [{draft.status}] {draft.payload.get('type')}: "
                                  f"{draft.parties_label}")
        if failures:
            raise CommandError(f"{failures} of {len(inputs)} input(s) could not be read.")

    def _user(self, name: str):
        found = get_user_model().objects.filter(Q(username=name) | Q(email__iexact=name)).first()
        if found is None:
            raise CommandError(f"There is no user {name!r}.")
        return found
