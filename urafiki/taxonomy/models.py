"""The shared vocabulary: cooperation sectors and traded products, in English, Chinese and Kiswahili.

Partnerships, partner finding, news extraction and the marketplace all refer to these rows by slug,
so a sector or product means the same thing everywhere.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from urafiki.core.text import localized


class Term(models.Model):
    """A vocabulary entry with labels and synonyms in the three languages."""

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_sw = models.CharField(_("name (Kiswahili)"), max_length=120)
    # {"en": [...], "zh": [...], "sw": [...]}: other words people and news use for the same thing.
    synonyms = models.JSONField(_("synonyms"), default=dict, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        abstract = True
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        """The label in the active language."""
        return localized(self)

    def all_labels(self) -> list[tuple[str, str]]:
        """(language, text) for every label and synonym."""
        labels = [("en", self.name_en), ("zh", self.name_zh), ("sw", self.name_sw)]
        for lang, words in (self.synonyms or {}).items():
            labels.extend((lang, word) for word in words)
        return [(lang, text) for lang, text in labels if text]


class Sector(Term):
    """A field of cooperation between local governments (agriculture, tourism, blue economy …)."""

    class Meta(Term.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Product(Term):
    """A traded good, identified by its Harmonized System code (HS 2022)."""

    hs_code = models.CharField(
        _("HS code"), max_length=10, help_text=_("Harmonized System heading (4 digits) or subheading (6).")
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="products", null=True, blank=True
    )

    class Meta(Term.Meta):
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hs_code__regex=r"^[0-9]{2}([0-9]{2}){0,2}$"),
                name="product_hs_code_digits",
                violation_error_message=_("An HS code has 2, 4 or 6 digits."),
            )
        ]
