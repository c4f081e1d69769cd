"""manage.py create_api_token <email> <name>: a token for a script or an import job, its secret printed once."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from urafiki.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for the user with this e-mail address and print its secret (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="e-mail address of the token's user")
        parser.add_argument("name", help="what the token is for, e.g. 'newsroom import'")

    def handle(self, *args, email: str, name: str, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email}.")
        if not user.is_active:
            raise CommandError(f"The account of {email} is deactivated: its tokens would not work.")
        try:
            token, secret = api_token_create(user=user, name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(f"Token “{token.name}” for {user.email} created. Keep the secret now: it is not stored.")
        self.stdout.write(secret)
