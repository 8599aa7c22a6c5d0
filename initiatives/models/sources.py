"""Where statuses come from besides a municipality itself: samenwerkingsverbanden that report
for their members, and public files that are harvested."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from website.fetching import validate_public_url

from ..constants import MAX_URL_CHARACTERS, HarvestKind
from .pages import InitiativePage
from .register import Municipality


class PartnershipQuerySet(models.QuerySet):
    def edited_by(self, user):
        """The samenwerkingsverbanden `user` is an editor of."""
        return self.filter(editors=user)


class PartnershipMemberQuerySet(models.QuerySet):
    def on(self, day: datetime.date):
        """Memberships that ran on `day` (leaving is the first day out)."""
        return self.filter(Q(joined_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day)))

    def of_partnerships(self, partnerships):
        return self.filter(partnership__in=partnerships)


class Partnership(models.Model):
    """A samenwerkingsverband (Dimpact, SED, a werkorganisatie) that runs initiatives for its
    member municipalities and may report their status once for all of them."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    initiatives = models.ManyToManyField(
        InitiativePage,
        verbose_name=_("initiatieven die het voor de leden uitvoert"),
        related_name="partnerships",
        blank=True,
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redacteuren"),
        related_name="partnerships",
        blank=True,
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")

    def __str__(self):
        return self.name


class PartnershipMember(models.Model):
    """A municipality's membership of a samenwerkingsverband, from joining until leaving."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("samenwerkingsverband"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="partnership_memberships",
    )
    joined_on = models.DateField(_("lid sinds"))
    left_on = models.DateField(
        _("uitgetreden op"),
        null=True,
        blank=True,
        help_text=_("Eerste dag dat de gemeente geen lid meer is; leeg zolang zij lid is."),
    )

    objects = PartnershipMemberQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "municipality__name"]
        verbose_name = _("lid van een samenwerkingsverband")
        verbose_name_plural = _("leden van samenwerkingsverbanden")

    def __str__(self):
        return f"{self.municipality} – {self.partnership}"

    def clean(self):
        if self.left_on and self.left_on <= self.joined_on:
            raise ValidationError({"left_on": _("Uittreden kan pas na de datum van toetreden.")})


class HarvestSource(models.Model):
    """A public file that says which municipalities use an initiative."""

    kind = models.CharField(_("soort bron"), max_length=20, choices=HarvestKind.choices)
    url = models.URLField(
        _("adres van het bestand"), max_length=MAX_URL_CHARACTERS, validators=[validate_public_url]
    )
    initiative = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiatief"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="harvest_sources",
        help_text=_("Verplicht bij publiccode.yml en een register; leeg bij OpenCatalogi."),
    )
    repository_url = models.URLField(
        _("adres van de code (repository)"),
        max_length=MAX_URL_CHARACTERS,
        blank=True,
        validators=[validate_public_url],
        help_text=_(
            "Bij publiccode.yml: de repository, zodat gemeenten die deze in hun "
            "OpenCatalogi-bestand noemen bij dit initiatief horen."
        ),
    )
    last_read_at = models.DateTimeField(_("laatst gelezen"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["kind", "url"]
        verbose_name = _("oogstbron")
        verbose_name_plural = _("oogstbronnen")
        constraints = [models.UniqueConstraint(fields=["kind", "url"], name="one_source_per_url")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.url}"

    def clean(self):
        if self.kind != HarvestKind.OPENCATALOGI and self.initiative_id is None:
            raise ValidationError(
                {"initiative": _("Kies het initiatief waarover dit bestand gaat.")}
            )
