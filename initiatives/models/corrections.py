"""What visitors say is wrong with a public status ("Klopt dit niet?"): a queue for the
municipality's editors and VNG, never shown publicly."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import MAX_URL_CHARACTERS, CorrectionState
from .pages import InitiativePage
from .register import Municipality

MAX_MESSAGE_CHARACTERS = 2000


class CorrectionRequestQuerySet(models.QuerySet):
    def of_municipalities(self, municipalities):
        return self.filter(municipality__in=municipalities)


class CorrectionRequest(models.Model):
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    initiative = models.ForeignKey(
        InitiativePage, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="+"
    )
    # The status the visitor saw, as it was then (the record may change before it is read).
    status_seen = models.CharField(_("getoonde status"), max_length=20)
    message = models.TextField(_("wat klopt er niet"), max_length=MAX_MESSAGE_CHARACTERS)
    source_url = models.URLField(_("bron"), max_length=MAX_URL_CHARACTERS, blank=True)
    email = models.EmailField(_("e-mailadres van de melder"), blank=True)
    received_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    state = models.CharField(
        _("afhandeling"),
        max_length=20,
        choices=CorrectionState.choices,
        default=CorrectionState.OPEN,
    )
    answer = models.TextField(_("antwoord"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    objects = CorrectionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding ‘Klopt dit niet?’")
        verbose_name_plural = _("meldingen ‘Klopt dit niet?’")
        indexes = [models.Index(fields=["municipality", "state"])]

    def __str__(self):
        return f"{self.municipality} · {self.initiative} · {self.received_at:%Y-%m-%d}"
