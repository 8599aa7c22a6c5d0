"""What other parties say about a municipality: harvested claims, shown beside the
municipality's own statement until it decides, and VNG's decisions on names that sources write."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import MAX_URL_CHARACTERS, AdoptionStatus, ClaimState, EvidenceLevel, HarvestKind
from .pages import InitiativePage
from .register import Municipality
from .sources import HarvestSource


class AdoptionClaimQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ClaimState.OPEN)

    def of_municipalities(self, municipalities):
        return self.filter(municipality__in=municipalities)


class AdoptionClaim(models.Model):
    """One source's statement that a municipality uses an initiative: evidence, never the
    municipality's own word. It stands in for the status only where nothing else is known."""

    source = models.ForeignKey(
        HarvestSource, verbose_name=_("bron"), on_delete=models.CASCADE, related_name="claims"
    )
    source_url = models.URLField(_("bestand"), max_length=MAX_URL_CHARACTERS)
    source_kind = models.CharField(_("soort bron"), max_length=20, choices=HarvestKind.choices)
    # Who publishes the file: a product's maintainer (its repository) or the organisation that
    # wrote an OpenCatalogi file.
    publisher = models.CharField(_("uitgever"), max_length=200, blank=True)
    written_name = models.CharField(_("naam zoals geschreven"), max_length=300)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="claims"
    )
    match_kind = models.CharField(_("herkend via"), max_length=20)
    initiative = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    claimed_status = models.CharField(
        _("geclaimde status"), max_length=20, choices=AdoptionStatus.choices
    )
    evidence_level = models.CharField(
        _("bewijsniveau"), max_length=20, choices=EvidenceLevel.choices
    )
    # The day the file says it speaks for (releaseDate, peildatum); a usedBy list dated D means
    # "in use no later than D", never "started on D".
    stated_on = models.DateField(_("datum volgens het bestand"), null=True, blank=True)
    first_seen_on = models.DateField(_("eerst gezien op"))
    last_seen_on = models.DateField(_("laatst gezien op"))
    # SHA-256 of the file as last read; a dismissal holds until the file changes.
    file_sha256 = models.CharField(_("SHA-256 van het bestand"), max_length=64)
    state = models.CharField(
        _("stand"), max_length=20, choices=ClaimState.choices, default=ClaimState.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    objects = AdoptionClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["first_seen_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "municipality", "initiative"], name="one_claim_per_source"
            )
        ]
        indexes = [models.Index(fields=["municipality", "initiative", "state"])]

    def __str__(self):
        return f"{self.written_name} – {self.initiative} ({self.get_state_display()})"

    @property
    def source_label(self) -> str:
        """Who makes the claim, as a reader knows them: the file's publisher, else its kind."""
        return self.publisher or str(self.get_source_kind_display())


class NameDecision(models.Model):
    """VNG's decision on a name sources write: "no municipality", or the municipality it means.
    Every later harvest and import reads it."""

    name_key = models.CharField(_("naam (genormaliseerd)"), max_length=300, unique=True)
    written_name = models.CharField(_("naam zoals geschreven"), max_length=300)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("betekent gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg: deze naam is geen gemeente."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), auto_now=True)

    class Meta:
        verbose_name = _("besluit over een naam")
        verbose_name_plural = _("besluiten over namen")
        ordering = ["written_name"]

    def __str__(self):
        return self.written_name
