"""Outcome indicators with their bandbreedte, and the values municipalities report for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from website.fetching import validate_public_url

from ..constants import (
    MAX_URL_CHARACTERS,
    ChangeSource,
    IndicatorDirection,
    MoneyKind,
    PeriodKind,
)
from .pages import InitiativePage
from .register import Municipality

VALUE_DIGITS = {"max_digits": 16, "decimal_places": 4}


class Indicator(models.Model):
    """What an initiative should bring, measured per municipality and period, with the
    bandbreedte within which a municipality does well (a lower and/or an upper limit)."""

    slug = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(
        _("wat het inwoners oplevert"),
        blank=True,
        help_text=_("In publieke waarde: wat merken inwoners en ondernemers ervan?"),
    )
    unit = models.CharField(_("eenheid"), max_length=50)
    money = models.CharField(
        _("geldbedrag"), max_length=20, choices=MoneyKind.choices, blank=True, default=""
    )
    direction = models.CharField(_("richting"), max_length=10, choices=IndicatorDirection.choices)
    lower_limit = models.DecimalField(_("ondergrens"), null=True, blank=True, **VALUE_DIGITS)
    upper_limit = models.DecimalField(_("bovengrens"), null=True, blank=True, **VALUE_DIGITS)
    # What a value can physically be (a payment term is never negative): a value outside is
    # a typing error, refused.
    smallest_possible = models.DecimalField(
        _("kleinst mogelijke waarde"), null=True, blank=True, **VALUE_DIGITS
    )
    largest_possible = models.DecimalField(
        _("grootst mogelijke waarde"), null=True, blank=True, **VALUE_DIGITS
    )
    period_kind = models.CharField(_("periode"), max_length=10, choices=PeriodKind.choices)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    initiatives = models.ManyToManyField(
        InitiativePage, verbose_name=_("initiatieven"), related_name="indicators", blank=True
    )
    # Public pages that show an indicator are cached until it or one of its values changes.
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lower_limit__isnull=True)
                | Q(upper_limit__isnull=True)
                | Q(lower_limit__lte=models.F("upper_limit")),
                name="indicator_band_in_order",
            )
        ]

    def __str__(self):
        return self.name

    def within_band(self, value):
        """Whether a value lies within the bandbreedte (limits included); for an array of
        values, an array of answers."""
        above = self.lower_limit is None or value >= float(self.lower_limit)
        below = self.upper_limit is None or value <= float(self.upper_limit)
        return above & below


class IndicatorWrite(models.Model):
    """What a stored value and its history entries both say: whose value of which period,
    from where, and who wrote it."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    # As people write it (2025, 2025-K3).
    period = models.CharField(_("periode"), max_length=7)
    source = models.CharField(_("bron"), max_length=20, choices=ChangeSource.choices)
    source_url = models.URLField(_("gelezen uit"), max_length=MAX_URL_CHARACTERS, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class IndicatorValue(IndicatorWrite):
    """A municipality's value of an indicator in one period; its history is kept beside it."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    # Orders and selects the periods.
    period_start = models.DateField(_("begin van de periode"))
    value = models.DecimalField(_("waarde"), **VALUE_DIGITS)
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now=True)

    class Meta:
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "municipality", "period"], name="one_value_per_period"
            )
        ]

    def __str__(self):
        return f"{self.indicator} – {self.municipality} – {self.period}"


class IndicatorValueChange(IndicatorWrite):
    """One entry of the append-only history of indicator values."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    old_value = models.DecimalField(_("oude waarde"), null=True, blank=True, **VALUE_DIGITS)
    new_value = models.DecimalField(_("nieuwe waarde"), **VALUE_DIGITS)
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging van een indicatorwaarde")
        verbose_name_plural = _("wijzigingen van indicatorwaarden")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.indicator} – {self.municipality} – {self.period}: {self.new_value}"


class IndicatorSource(models.Model):
    """A public file of open statistics with one indicator's values per municipality (JSON
    list or CSV, keyed by gemeentecode or TOOI URI), read by the indicator harvest."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="sources"
    )
    url = models.URLField(
        _("adres van het bestand"), max_length=MAX_URL_CHARACTERS, validators=[validate_public_url]
    )
    last_read_at = models.DateTimeField(_("laatst gelezen"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bron van indicatorwaarden")
        verbose_name_plural = _("bronnen van indicatorwaarden")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "url"], name="one_source_per_indicator_url"
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.url}"
