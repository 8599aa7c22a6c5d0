"""What the last check of each evidence link found; records refer to it by their URL."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import MAX_URL_CHARACTERS, LinkOutcome


class EvidenceLinkCheck(models.Model):
    """One distinct evidence URL, however many records cite it.

    Kept apart from the records: a check is not a change of a status, so it writes no history
    and needs no permission; a record reads its URL's check when shown.
    """

    url = models.URLField(_("link"), max_length=MAX_URL_CHARACTERS, unique=True)
    checked_at = models.DateTimeField(_("gecontroleerd op"), db_index=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=LinkOutcome.choices)
    status_code = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)
    # The first of the checks that have failed without a success since; None when reachable.
    failing_since = models.DateTimeField(_("niet bereikbaar sinds"), null=True, blank=True)

    class Meta:
        verbose_name = _("controle van een bewijslink")
        verbose_name_plural = _("controles van bewijslinks")

    def __str__(self):
        return f"{self.url}: {self.get_outcome_display()}"

    @property
    def broken(self) -> bool:
        """The page is shown as not reachable: it is no public address, or the checks have
        failed on more than one day (one bad day of a server, or of the checker, is not
        enough). The SQL twin: `AdoptionQuerySet.with_evidence_unreachable`."""
        if self.outcome == LinkOutcome.REFUSED:
            return True
        return self.outcome != LinkOutcome.REACHABLE and timezone.localdate(
            self.failing_since
        ) < timezone.localdate(self.checked_at)
