"""Lab results: what a lab found, what it advises, and the follow-up VNG decided."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager

from initiatives.models import (
    RICH_TEXT_FEATURES,
    BarrierCategory,
    InitiativePage,
)
from website.pages import PageContextMixin, PublishedPageQuerySet

from ..constants import Actor, FollowUpDecision, Recommendation


class _LabResultQuerySet(PublishedPageQuerySet):
    def awaiting_follow_up(self, published_before: datetime.date):
        """Published scale-up advice without a follow-up decision, published before the day."""
        return self.published().filter(
            recommendation=Recommendation.SCALE_UP,
            follow_up_decision="",
            first_published_at__date__lt=published_before,
        )


LabResultQuerySet = PageManager.from_queryset(_LabResultQuerySet)


FOLLOW_UP_PERMISSION = "labs.decide_follow_up"
FOLLOW_UP_FIELDS = ("follow_up_decision", "follow_up_reason", "follow_up_decided_on", "led_to")


class LabResultPage(PageContextMixin, Page):
    """What a lab found, what stands in the way, and what it recommends."""

    question = models.TextField(_("onderzoeksvraag"))
    approach = RichTextField(_("aanpak"), blank=True, features=RICH_TEXT_FEATURES)
    findings = StreamField(
        [("finding", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Bevinding")))],
        blank=True,
        verbose_name=_("bevindingen"),
    )
    recommendation = models.CharField(
        _("aanbeveling"), max_length=20, choices=Recommendation.choices
    )
    related_initiatives = ParentalManyToManyField(
        InitiativePage,
        verbose_name=_("gerelateerde initiatieven"),
        blank=True,
        related_name="lab_results",
    )
    follow_up_decision = models.CharField(
        _("besluit over opvolging"), max_length=20, choices=FollowUpDecision.choices, blank=True
    )
    follow_up_reason = models.TextField(_("motivering van het besluit"), blank=True)
    follow_up_decided_on = models.DateField(_("besluitdatum"), null=True, blank=True)
    led_to = models.ForeignKey(
        InitiativePage,
        verbose_name=_("leidde tot initiatief"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originating_lab_results",
    )

    objects = LabResultQuerySet()

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("approach"),
        FieldPanel("findings"),
        InlinePanel("barriers", label=_("Belemmeringen")),
        FieldPanel("recommendation"),
        FieldPanel("related_initiatives"),
        InlinePanel("bandwidths", label=_("Bandbreedtes")),
        InlinePanel("attachments", label=_("Bijlagen")),
        # A permission on each field, not only on the panel: Wagtail then leaves the field out
        # of the form of anyone without it, so they can neither post it nor erase it.
        MultiFieldPanel(
            [FieldPanel(name, permission=FOLLOW_UP_PERMISSION) for name in FOLLOW_UP_FIELDS],
            heading=_("Opvolging (VNG-redactie)"),
            permission=FOLLOW_UP_PERMISSION,
        ),
    ]
    parent_page_types = ["labs.LivingLabPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("labresultaat")
        verbose_name_plural = _("labresultaten")
        permissions = [("decide_follow_up", _("Mag besluiten over opvolging van labresultaten"))]

    def clean(self):
        super().clean()
        errors = {}
        decided = self.follow_up_decision
        if decided and not self.follow_up_reason.strip():
            errors["follow_up_reason"] = _("Een besluit over opvolging heeft een motivering nodig.")
        if decided and not self.follow_up_decided_on:
            errors["follow_up_decided_on"] = _("Vul de datum van het besluit in.")
        decided_on = self.follow_up_decided_on
        published = self.first_published_at
        if decided_on and published and decided_on < timezone.localdate(published):
            errors["follow_up_decided_on"] = _(
                "Het besluit kan niet vóór de publicatie van het resultaat (%(date)s) liggen."
            ) % {"date": date_format(timezone.localdate(published), "j F Y")}
        elif decided_on and not published and decided_on < timezone.localdate():
            # Approving publishes today: a decision dated earlier would precede publication.
            errors["follow_up_decided_on"] = _(
                "Het besluit kan niet vóór de publicatie van het resultaat liggen; het wordt "
                "vandaag gepubliceerd."
            )
        if decided and decided != FollowUpDecision.NO_SCALE_UP and not self.led_to_id:
            errors["led_to"] = _("Kies het initiatief waarin het resultaat is opgenomen.")
        if errors:
            raise ValidationError(errors)


class LabBarrier(Orderable):
    """Something that stands in the way of the result, and who must act on it."""

    result = ParentalKey(LabResultPage, on_delete=models.CASCADE, related_name="barriers")
    category = models.ForeignKey(
        BarrierCategory, verbose_name=_("categorie"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("omschrijving"))
    actor = models.CharField(_("wie moet handelen"), max_length=20, choices=Actor.choices)

    panels = [FieldPanel("category"), FieldPanel("description"), FieldPanel("actor")]


class LabBandwidth(Orderable):
    """A norm the result sets ("bandbreedte"), such as payment within 20 days."""

    result = ParentalKey(LabResultPage, on_delete=models.CASCADE, related_name="bandwidths")
    indicator = models.CharField(_("indicator"), max_length=200)
    limit = models.DecimalField(
        _("grens"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("eenheid"), max_length=50)
    # The indicator that measures this norm in every municipality afterwards.
    measured_as = models.ForeignKey(
        "initiatives.Indicator",
        verbose_name=_("gemeten als indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lab_bandwidths",
    )

    panels = [
        FieldRowPanel([FieldPanel("indicator"), FieldPanel("limit"), FieldPanel("unit")]),
        FieldPanel("measured_as"),
    ]


class LabAttachment(Orderable):
    result = ParentalKey(LabResultPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE
    )

    panels = [FieldPanel("document")]
