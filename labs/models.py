"""Living labs, their results, and who may contribute to which lab."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from initiatives.models import (
    RICH_TEXT_FEATURES,
    BarrierCategory,
    Domain,
    InitiativePage,
    Municipality,
)
from website.collation import dutch
from website.pages import PageContextMixin, PublishedPageManager

from .constants import Actor, FollowUpDecision, LabStatus, Recommendation
from .query import LabResultQuerySet


class LabIndexPage(Page):
    """All living labs, at /labs/."""

    intro = RichTextField(_("inleiding"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["labs.LivingLabPage"]
    max_count = 1

    class Meta:
        verbose_name = _("labsoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["labs"] = (
            LivingLabPage.objects.child_of(self)
            .published()
            .select_related("host")
            .order_by("-started_on", "title")
        )
        return context


class LivingLabPage(Page):
    """A living lab: where municipalities and partners try something out together."""

    objects = PublishedPageManager()

    summary = models.TextField(_("samenvatting"), blank=True)
    host = models.ForeignKey(
        Municipality,
        verbose_name=_("gastgemeente"),
        on_delete=models.PROTECT,
        related_name="hosted_labs",
    )
    participants = ParentalManyToManyField(
        Municipality, verbose_name=_("deelnemende gemeenten"), blank=True, related_name="labs"
    )
    partners = models.TextField(_("partners"), blank=True, help_text=_("Eén partner per regel."))
    domains = ParentalManyToManyField(Domain, verbose_name=_("domeinen"), blank=True)
    started_on = models.DateField(_("gestart op"))
    ended_on = models.DateField(_("afgerond op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LabStatus.choices, default=LabStatus.RUNNING
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("host"),
        FieldPanel("participants"),
        FieldPanel("partners"),
        FieldPanel("domains"),
        FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on"), FieldPanel("status")]),
    ]
    parent_page_types = ["labs.LabIndexPage"]
    subpage_types = ["labs.LabResultPage"]

    class Meta:
        verbose_name = _("living lab")
        verbose_name_plural = _("living labs")

    def clean(self):
        super().clean()
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("Een lab kan niet eindigen voordat het begint.")})

    @property
    def is_over(self) -> bool:
        return self.status in (LabStatus.FINISHED, LabStatus.STOPPED)

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["participant_list"] = self.participants.order_by(dutch("name"))
        context["results"] = (
            LabResultPage.objects.child_of(self).published().order_by(dutch("title"))
        )
        return context


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["barrier_list"] = self.barriers.select_related("category")
        context["attachment_list"] = self.attachments.select_related("document")
        # Only initiatives the public may see are named on a public page.
        public = InitiativePage.objects.published()
        context["related_initiatives"] = public.filter(lab_results=self).order_by(dutch("title"))
        return context


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

    panels = [FieldRowPanel([FieldPanel("indicator"), FieldPanel("limit"), FieldPanel("unit")])]


class LabAttachment(Orderable):
    result = ParentalKey(LabResultPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE
    )

    panels = [FieldPanel("document")]


class LabMembership(models.Model):
    """A contributor may write results for this lab."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="lab_memberships",
    )
    lab = models.ForeignKey(
        LivingLabPage, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        verbose_name = _("labdeelnemer")
        verbose_name_plural = _("labdeelnemers")
        constraints = [models.UniqueConstraint(fields=["user", "lab"], name="one_lab_membership")]

    def __str__(self):
        return f"{self.user} – {self.lab}"


class LabContributorGroup(models.Model):
    """The group through which Wagtail's page permissions give a lab's members their rights
    on that lab's pages and on no other; its members follow LabMembership.

    Kept beside the page, not on it: a page field would be overwritten by older revisions.
    """

    lab = models.OneToOneField(
        LivingLabPage, on_delete=models.CASCADE, related_name="contributor_group"
    )
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return str(self.group)


@register_setting(icon="time")
class LabSettings(BaseSiteSetting):
    kraamkamer_months = models.PositiveSmallIntegerField(
        _("kraamkamer na (maanden)"),
        default=6,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Een opschalingsadvies zonder besluit, of een initiatief in pilot, staat na zo "
            "veel maanden in de kraamkamer."
        ),
    )

    panels = [FieldPanel("kraamkamer_months")]

    class Meta:
        verbose_name = _("lab-instellingen")
