from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose token changes whenever something readers see changes (see core/caching.py).

    Cached pages and API answers are keyed by the token, so a write anywhere makes every cached read
    unreachable at once, in every web process: the row lives in the database they all share.
    """

    token = models.CharField(_("token"), max_length=32)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self) -> str:
        return self.token
