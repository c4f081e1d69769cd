"""National trade flows by HS code, from public statistics (data/trade/trade_flows.csv).

Partner finding reads them for Balassa's revealed comparative advantage (a country's share of a product in
its exports against the world's) and Michaely's trade complementarity index (one country's export shares
against another's import shares). The shares' denominators are the rows with hs_code "TOTAL" (all goods, as
the source publishes the total). A value the source does not give is absent, never zero.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The total over all goods ("TOTAL"), or an HS chapter (2 digits), heading (4) or subheading (6).
HS_TOTAL = "TOTAL"
HS_CODE_PATTERN = r"^([0-9]{2}([0-9]{2}){0,2}|TOTAL)$"
WORLD = "WLD"


class TradeFlow(models.Model):
    """What one country reported exporting to, or importing from, a partner in one HS code and year."""

    class Flow(models.TextChoices):
        EXPORT = "export", _("export")
        IMPORT = "import", _("import")

    # ISO 3166-1 alpha-2 of the reporting country ("KE", "CN"), or "WLD" for the world's total.
    reporter = models.CharField(_("reporter"), max_length=3)
    # ISO 3166-1 alpha-2 of the partner country, or "WLD" for the world.
    partner = models.CharField(_("partner"), max_length=3)
    flow = models.CharField(_("flow"), max_length=6, choices=Flow.choices)
    # As the source publishes it: an HS chapter (09), heading (0902) or subheading (080440), or "TOTAL" for
    # all goods (the denominator of the shares in RCA and TC: a total is never the sum of the rows here).
    hs_code = models.CharField(_("HS code"), max_length=6)
    year = models.PositiveSmallIntegerField(_("year"))
    value_usd = models.DecimalField(
        _("value (US$)"), max_digits=16, decimal_places=0, validators=[MinValueValidator(0)]
    )
    source = models.TextField(_("source"))

    class Meta:
        verbose_name = _("trade flow")
        verbose_name_plural = _("trade flows")
        ordering = ["reporter", "partner", "flow", "year", "hs_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "partner", "flow", "hs_code", "year"],
                name="trade_flow_unique",
                violation_error_message=_("This flow is already recorded for this code and year."),
            ),
            models.CheckConstraint(
                condition=models.Q(hs_code__regex=HS_CODE_PATTERN),
                name="trade_flow_hs_code_digits",
                violation_error_message=_("An HS code has 2, 4 or 6 digits, or is TOTAL."),
            ),
            models.CheckConstraint(
                condition=models.Q(value_usd__gte=0),
                name="trade_flow_value_not_negative",
                violation_error_message=_("A trade value cannot be negative."),
            ),
        ]
        indexes = [models.Index(fields=["reporter", "partner", "flow", "year"], name="trade_flow_series_idx")]

    def __str__(self) -> str:
        return f"{self.reporter} {self.flow} {self.partner} HS {self.hs_code} {self.year}: {self.value_usd} US$"
