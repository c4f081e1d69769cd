"""People who sign in to Urafiki.

A custom user model from the first migration (Django's advice): memberships in government offices and
organisations, roles and sign-up by e-mail build on it without a migration of auth's own tables.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account. Their name is shown as they write it, in any script."""

    display_name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("As it should appear to others, in any script.")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails Urafiki sends you."),
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


class MembershipBase(models.Model):
    """What every membership has: a person, a role, and staff's verification (who and when).

    Two concrete models share it, Membership (of a government office) and OrganisationMembership (of an
    organisation), so that the services ask, leave and verify them the same way while each keeps its own
    table: the many readers of office memberships (partnerships, partners, newsroom and notifications
    permissions) never meet a membership without an office.
    """

    class Role(models.TextChoices):
        OFFICER = "officer", _("officer")
        MEMBER = "member", _("member")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Staff have checked that this person works for this office.")
    )
    verified_by = models.ForeignKey(
        "accounts.User", verbose_name=_("verified by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def joined(self):
        """The office or the organisation this membership is of."""
        raise NotImplementedError


class Membership(MembershipBase):
    """A user's place in a government office (a county, a province, a city), with a role.

    Officers act for their office: they edit its partnerships once staff have verified the membership.
    Members see what their office sees.
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    place = models.ForeignKey(
        "places.Place", verbose_name=_("government office"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "place"],
                name="membership_unique",
                violation_error_message=_("This person is already a member of this office."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.place_id} ({self.role})"

    @property
    def joined(self):
        return self.place


class Organisation(models.Model):
    """A chamber of commerce, a business association, a company, an NGO, a university …, in one country.

    Anyone signed in may propose one; it stays unverified until staff have checked that it exists. Its
    members get no right on partnerships: the parties of a partnership are places, and only the verified
    officers of their offices act for them (partnerships.permissions).
    """

    class Kind(models.TextChoices):
        CHAMBER = "chamber", _("chamber of commerce")
        ASSOCIATION = "association", _("business association")
        COMPANY = "company", _("company")
        NGO = "ngo", _("NGO")
        UNIVERSITY = "university", _("university or research institute")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, help_text=_("Its own name, in any script."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(
        _("country"), max_length=2, db_index=True, help_text=_("ISO 3166 code of a country of the registry: KE, CN.")
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("seat"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("The county, province or city where it has its seat."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Staff have checked that this organisation exists.")
    )
    proposed_by = models.ForeignKey(
        User, verbose_name=_("proposed by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_by = models.ForeignKey(
        User, verbose_name=_("verified by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        constraints = [
            # Lower() folds ASCII letters on SQLite and every cased script on PostgreSQL; Chinese has no case.
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="organisation_name_unique_in_country",
                violation_error_message=_("An organisation with this name already exists in this country."),
            ),
            models.CheckConstraint(
                condition=~models.Q(name=""),
                name="organisation_has_name",
                violation_error_message=_("Give the organisation its name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class OrganisationMembership(MembershipBase):
    """A user's place in an organisation, with a role; verified by staff like an office membership."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    is_verified = models.BooleanField(
        _("verified"), default=False,
        help_text=_("Staff have checked that this person works for this organisation."),
    )

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="organisation_membership_unique",
                violation_error_message=_("This person is already a member of this organisation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def joined(self):
        return self.organisation


class ApiToken(models.Model):
    """A secret that lets a program act for its user through the API (Authorization: Bearer urafiki_…).

    Only the SHA-256 of the secret is stored: the secret is shown once, when the token is created, and can
    never be read back, so a copy of the database gives nobody the use of a token. The prefix (the first
    characters after "urafiki_") lets the owner tell their tokens apart. A revoked token stays listed,
    with the date it stopped working.
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for: a script, an import …"))
    key_hash = models.CharField(_("SHA-256 of the secret"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Updated at most once a minute (services.api_token_use): not a write on every request.
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name=""),
                name="api_token_has_name",
                violation_error_message=_("Give the token a name, to recognise it later."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (urafiki_{self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
