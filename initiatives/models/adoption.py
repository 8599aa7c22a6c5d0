"""Adoption records, their append-only history, and bulk imports."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from ..constants import (
    MAX_URL_CHARACTERS,
    AdoptionStatus,
    ChangeSource,
    EvidenceLevel,
    ImportState,
    LinkOutcome,
)
from .evidence import EvidenceLinkCheck
from .pages import InitiativePage
from .register import Municipality
from .sources import Partnership
from .taxonomy import BarrierCategory


class AdoptionQuerySet(models.QuerySet):
    def of_municipalities(self, municipalities):
        return self.filter(municipality__in=municipalities)

    def answerable_through(self, municipalities, memberships, day: datetime.date):
        """Records of these municipalities, and those a samenwerkingsverband of these
        memberships reported for a municipality that is its member on `day`, of an initiative
        it runs."""
        reported = memberships.on(day).filter(
            partnership=models.OuterRef("partnership"),
            municipality=models.OuterRef("municipality"),
            partnership__initiatives=models.OuterRef("initiative"),
        )
        return self.filter(
            Q(municipality__in=municipalities)
            | Q(partnership__isnull=False) & models.Exists(reported)
        )

    def stale(self, confirmed_before: datetime.date):
        """Records whose status nobody confirmed since `confirmed_before` (the SQL twin of
        `rules.is_stale`)."""
        return self.filter(last_confirmed_on__lt=confirmed_before)

    def with_evidence_unreachable(self):
        """Annotate `evidence_unreachable`: the record's evidence link is no public address,
        or its checks have failed on more than one day (`EvidenceLinkCheck.broken`)."""
        broken = Q(outcome=LinkOutcome.REFUSED) | (
            ~Q(outcome=LinkOutcome.REACHABLE) & Q(failing_since__date__lt=TruncDate("checked_at"))
        )
        return self.annotate(
            evidence_unreachable=models.Exists(
                EvidenceLinkCheck.objects.filter(broken, url=models.OuterRef("evidence_url"))
            )
        )


class Adoption(models.Model):
    """The current state of one initiative in one municipality. No row means status unknown.

    Written only through `initiatives.services.record_adoptions`, which keeps the history.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="adoptions"
    )
    initiative = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    status = models.CharField(_("status"), max_length=20, choices=AdoptionStatus.choices)
    evidence_level = models.CharField(
        _("bewijsniveau"), max_length=20, choices=EvidenceLevel.choices, blank=True
    )
    evidence_url = models.URLField(_("bewijs (link)"), max_length=MAX_URL_CHARACTERS, blank=True)
    public_explanation = models.TextField(
        _("toelichting"), blank=True, help_text=_("Openbaar: de 'leg uit' bij pas toe of leg uit.")
    )
    barrier_category = models.ForeignKey(
        BarrierCategory,
        verbose_name=_("belemmering"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    internal_note = models.TextField(
        _("interne notitie"), blank=True, help_text=_("Nooit openbaar.")
    )
    status_since = models.DateField(_("status sinds"))
    # Only an upper bound is known ("uiterlijk sinds"): a claim first seen on that day.
    since_is_upper_bound = models.BooleanField(_("uiterlijk sinds"), default=False)
    last_confirmed_on = models.DateField(_("laatst bevestigd op"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bijgewerkt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    version = models.PositiveIntegerField(_("versie"), default=1)
    # Where the current state came from: whether a harvest may change it, and "via Dimpact".
    source = models.CharField(
        _("bron"), max_length=20, choices=ChangeSource.choices, default=ChangeSource.FORM
    )
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("via samenwerkingsverband"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoptie")
        verbose_name_plural = _("adopties")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "initiative"], name="one_adoption_per_municipality"
            )
        ]
        indexes = [models.Index(fields=["initiative", "status"])]

    def __str__(self):
        return f"{self.initiative} in {self.municipality}: {self.get_status_display()}"


class AdoptionChange(models.Model):
    """One entry of the append-only adoption history; past states are answered from it."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    initiative = models.ForeignKey(
        InitiativePage, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="+"
    )
    old_status = models.CharField(
        _("oude status"),
        max_length=20,
        choices=AdoptionStatus.choices,
        blank=True,
        help_text=_("Leeg als er nog geen status was (onbekend)."),
    )
    new_status = models.CharField(_("nieuwe status"), max_length=20, choices=AdoptionStatus.choices)
    # The evidence level after the change, so reports can give the evidence mix on a past date.
    evidence_level = models.CharField(
        _("bewijsniveau"), max_length=20, choices=EvidenceLevel.choices, blank=True
    )
    effective_date = models.DateField(_("ingangsdatum"))
    since_is_upper_bound = models.BooleanField(_("uiterlijk sinds"), default=False)
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("bron"), max_length=20, choices=ChangeSource.choices)
    # The file a harvested change was read from.
    source_url = models.URLField(_("gelezen uit"), max_length=MAX_URL_CHARACTERS, blank=True)
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("via samenwerkingsverband"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie na wijziging"))
    # {field: [old, new]} for every field this change touched, so nothing is lost silently.
    changes = models.JSONField(_("gewijzigde velden"), default=dict, blank=True)
    import_batch = models.ForeignKey(
        "AdoptionImport",
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changes",
    )

    class Meta:
        verbose_name = _("adoptiewijziging")
        verbose_name_plural = _("adoptiegeschiedenis")
        ordering = ["-effective_date", "-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["initiative", "municipality", "effective_date"]),
            models.Index(fields=["municipality", "initiative", "effective_date"]),
        ]

    def __str__(self):
        return (
            f"{self.municipality.code} {self.initiative_id}: {self.old_status} → {self.new_status}"
        )


class AdoptionImport(models.Model):
    """One uploaded file of adoption statuses: who, when, what it would change or changed."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # Kept until the editor confirms the preview; emptied once applied.
    content = models.BinaryField(_("inhoud"), blank=True, editable=False)
    state = models.CharField(_("uitkomst"), max_length=20, choices=ImportState.choices)
    rows_total = models.PositiveIntegerField(_("rijen"), default=0)
    rows_new = models.PositiveIntegerField(_("nieuw"), default=0)
    rows_changed = models.PositiveIntegerField(_("gewijzigd"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    rows_error = models.PositiveIntegerField(_("fouten"), default=0)
    errors = models.JSONField(_("foutmeldingen"), default=list, blank=True)
    applied_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("adoptie-import")
        verbose_name_plural = _("adoptie-imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.get_state_display()})"


@register_setting(icon="time")
class AdoptionSettings(BaseSiteSetting):
    """Rules about adoption records that VNG can tune without a deployment."""

    stale_after_months = models.PositiveSmallIntegerField(
        _("verouderd na (maanden)"),
        default=12,
        validators=[MinValueValidator(1)],
        help_text=_("Een status die zo lang niet is bevestigd, heet verouderd."),
    )

    panels = [FieldPanel("stale_after_months")]

    class Meta:
        verbose_name = _("adoptie-instellingen")
