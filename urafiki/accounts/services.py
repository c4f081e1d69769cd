"""Writes to accounts: a person's profile, and API tokens.

A token's secret is "urafiki_" followed by 43 random URL-safe characters (32 bytes). Only its SHA-256 is
stored, so the secret is returned once, by api_token_create, and never again.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, User

TOKEN_PREFIX = "urafiki_"  # noqa: S105 - the public marker of every secret, not a secret
# last_used_at is a hint for the owner ("used today"), not an audit: one write a minute at most per token.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length


def api_token_hash(secret: str) -> str:
    """The stored form of a secret. A plain SHA-256 is enough: the secret is 256 random bits, not a password."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for the user, and its secret: show the secret now, it cannot be read back later."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, to recognise it later.")})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": _("The name is too long ({limit} characters at most).").format(limit=NAME_MAX_LENGTH)}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, key_hash=api_token_hash(secret), prefix=secret[len(TOKEN_PREFIX):][:8])
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop a token from working, for good. Revoking a revoked token keeps its first date."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_use(*, secret: str) -> ApiToken | None:
    """The active token with this secret, its user loaded, or None (unknown, revoked, or user deactivated).

    Notes the time of use, at most once a minute.
    """
    if not secret.startswith(TOKEN_PREFIX):
        return None  # not one of ours: no query
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=api_token_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


@transaction.atomic
def user_profile_update(*, user: User, display_name: str, language: str) -> User:
    """The name others see (any script) and the language of the e-mails and pages. ValidationError keyed by
    field; nothing saved on error."""
    display_name = " ".join(display_name.split())
    errors = {}
    limit = User._meta.get_field("display_name").max_length
    if len(display_name) > limit:
        errors["display_name"] = _("The name is too long ({limit} characters at most).").format(limit=limit)
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose English, 简体中文 or Kiswahili.")
    if errors:
        raise ValidationError(errors)
    user.display_name, user.language = display_name, language
    user.save(update_fields=["display_name", "language"])
    return user
