"""People who sign in to Urafiki.

A custom user model from the first migration (Django's advice): memberships in government offices and
organisations, roles and sign-up by e-mail build on it without a migration of auth's own tables.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account. Their name is shown as they write it, in any script."""

    display_name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("As it should appear to others, in any script.")
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # One account per address, whatever its case; accounts without an address are allowed.
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ignoring_case",
                violation_error_message=_("An account with this e-mail address already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username
