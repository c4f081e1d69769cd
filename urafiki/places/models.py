"""The registry of places: countries and the local governments inside them.

A place is a country (admin_level 0), a first-level division (a Kenyan county, a Chinese province,
a Nigerian state: level 1) or a second-level division (a Chinese prefecture-level city: level 2).
Every fact in a profile carries its source; what is not known is simply absent, never zero.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from urafiki.core.text import localized


class PlaceKind(models.TextChoices):
    COUNTRY = "country", _("country")
    COUNTY = "county", pgettext_lazy("place kind", "county")
    PROVINCE = "province", _("province")
    MUNICIPALITY = "municipality", _("municipality")
    AUTONOMOUS_REGION = "autonomous_region", _("autonomous region")
    SPECIAL_ADMINISTRATIVE_REGION = "special_administrative_region", _("special administrative region")
    PREFECTURE_LEVEL_CITY = "prefecture_level_city", _("prefecture-level city")
    AUTONOMOUS_PREFECTURE = "autonomous_prefecture", _("autonomous prefecture")
    PREFECTURE = "prefecture", _("prefecture")
    LEAGUE = "league", _("league")
    STATE = "state", _("state")
    REGION = "region", _("region")
    GOVERNORATE = "governorate", _("governorate")
    DISTRICT = "district", _("district")
    DEPARTMENT = "department", _("department")
    CITY = "city", _("city")
    CAPITAL_DISTRICT = "capital_district", _("capital district")
    AUTONOMOUS_DISTRICT = "autonomous_district", _("autonomous district")
    DIVISION = "division", _("division")
    ISLAND = "island", _("island")
    OTHER = "other", _("other division")


class Place(models.Model):
    """A country or a local government, with its names in three languages."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("ISO 3166 code (KE, KE-14, CN-JX), or CN-<division code> for prefecture-level places."),
    )
    country_code = models.CharField(_("country"), max_length=2, db_index=True)
    admin_level = models.PositiveSmallIntegerField(
        _("administrative level"), help_text=_("0 country, 1 first-level division, 2 second-level division.")
    )
    kind = models.CharField(_("kind"), max_length=40, choices=PlaceKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    name_sw = models.CharField(_("name (Kiswahili)"), max_length=150, blank=True)
    pinyin = models.CharField(_("pinyin"), max_length=150, blank=True)
    iso_code = models.CharField(_("ISO 3166 code"), max_length=10, blank=True, db_index=True)
    official_code = models.CharField(
        _("national code"),
        max_length=12,
        blank=True,
        help_text=_("Kenya's county code (001-047) or China's administrative division code (360400)."),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # Copied from the newest population fact by the loader: search ranks the larger unit first.
    population = models.BigIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["admin_level", "name_en"]
        indexes = [models.Index(fields=["country_code", "admin_level", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(admin_level__lte=3),
                name="place_admin_level_range",
                violation_error_message=_("The administrative level is 0, 1, 2 or 3."),
            ),
            models.CheckConstraint(
                condition=models.Q(admin_level=0, parent__isnull=True) | models.Q(admin_level__gt=0, parent__isnull=False),
                name="place_parent_matches_level",
                violation_error_message=_("A country has no parent; every other place has one."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.code})"

    @property
    def name(self) -> str:
        """The name in the active language, English when there is none."""
        return localized(self)

    @property
    def is_country(self) -> bool:
        return self.admin_level == 0


class PlaceAlias(models.Model):
    """Another name a place goes by: 'County Government of Kilifi', '九江市', 'Jiujiang Municipal'."""

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["place", "name"],
                name="place_alias_unique",
                violation_error_message=_("This place already has this alias."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class PlaceSearchKey(models.Model):
    """A normalised form of one of a place's names, for search. Derived: rebuilt from names and aliases."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="search_keys")
    key = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("search key")
        verbose_name_plural = _("search keys")
        indexes = [
            # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'prefix%' whatever the collation;
            # other databases ignore opclasses and get a plain index.
            models.Index(fields=["key"], name="place_search_key_idx", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [models.UniqueConstraint(fields=["place", "key"], name="place_search_key_unique")]

    def __str__(self) -> str:
        return self.key


class SearchKeysVersion(models.Model):
    """A single row whose token changes with every change of the search keys.

    Each process keeps the keys in memory (search.KeyIndex) and compares this token to know when to read
    them again. It changes in the same transaction as the keys, so a rollback takes both back.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("search keys version")

    def __str__(self) -> str:
        return str(self.token)


class PlaceFact(models.Model):
    """One cited fact of a place's profile: population in 2019 was 1,453,787 (KNBS census)."""

    class Fact(models.TextChoices):
        POPULATION = "population", _("population")
        AREA_KM2 = "area_km2", _("area (km²)")
        CAPITAL = "capital", _("capital or headquarters")
        COASTAL = "coastal", _("coastal")
        ECONOMIC_ACTIVITIES = "economic_activities", _("main economic activities")
        GDP_USD = "gdp_usd", _("gross domestic product (US$)")
        GDP_CNY = "gdp_cny", _("gross domestic product (yuan)")
        INTERNET_USERS_PERCENT = "internet_users_percent", _("internet users (per cent of population)")
        MOBILE_SUBSCRIPTIONS_PER_100 = "mobile_subscriptions_per_100", _("mobile subscriptions per 100 people")

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="facts")
    fact = models.CharField(_("fact"), max_length=40, choices=Fact.choices)
    value = models.TextField(_("value"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source = models.TextField(_("source"))

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        ordering = ["fact", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "fact", "year"],
                condition=models.Q(year__isnull=False),
                name="place_fact_unique_per_year",
                violation_error_message=_("This fact is already recorded for this year."),
            ),
            # NULLs are distinct in a plain unique index, so facts without a year need their own.
            models.UniqueConstraint(
                fields=["place", "fact"],
                condition=models.Q(year__isnull=True),
                name="place_fact_unique_undated",
                violation_error_message=_("This fact is already recorded without a year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place.code} {self.fact}={self.value}"


class PlaceProduct(models.Model):
    """A product in a place's profile, with its source and its role.

    `produces`: the place is known to produce or export it (a flagship product). `demands`: the place
    imports, consumes or processes it (a roasting industry, an import hub). The same product may appear
    in both roles; partner finding sets one place's supply against another's demand.
    """

    class Role(models.TextChoices):
        PRODUCES = "produces", _("produces or exports")
        DEMANDS = "demands", _("imports, consumes or processes")

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey(
        "taxonomy.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="places"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.PRODUCES)
    source = models.TextField(_("source"))

    class Meta:
        verbose_name = _("product of a place")
        verbose_name_plural = _("products of places")
        constraints = [
            models.UniqueConstraint(
                fields=["place", "product", "role"],
                name="place_product_role_unique",
                violation_error_message=_("This place already has this product in this role."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.place_id}: {self.product_id} ({self.role})"


class PlaceSector(models.Model):
    """A priority sector of a place (stated in its development plan or by its government), with its source."""

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="sectors")
    sector = models.ForeignKey(
        "taxonomy.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="places"
    )
    source = models.TextField(_("source"))

    class Meta:
        verbose_name = _("priority sector")
        verbose_name_plural = _("priority sectors")
        constraints = [models.UniqueConstraint(fields=["place", "sector"], name="place_sector_unique")]

    def __str__(self) -> str:
        return f"{self.place_id}: {self.sector_id}"


class PlaceBoundary(models.Model):
    """The simplified outline of a place for the map (GeoJSON geometry), kept apart so lists never load it."""

    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="boundary", primary_key=True)
    geometry = models.JSONField()
    source = models.TextField(_("source"))

    class Meta:
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")

    def __str__(self) -> str:
        return f"{self.place_id}: {self.geometry.get('type', '')}"
