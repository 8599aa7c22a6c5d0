"""Living labs and the page that lists them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from initiatives.models import (
    RICH_TEXT_FEATURES,
    Domain,
    Municipality,
)
from website.pages import PageContextMixin, PublishedPageManager

from ..constants import LabStatus


class LabIndexPage(PageContextMixin, Page):
    """All living labs, at /labs/."""

    intro = RichTextField(_("inleiding"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["labs.LivingLabPage"]
    max_count = 1

    class Meta:
        verbose_name = _("labsoverzicht")


class LivingLabPage(PageContextMixin, Page):
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
