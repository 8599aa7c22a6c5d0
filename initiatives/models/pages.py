"""Initiative pages: the list at /initiatieven/ and one page per shared initiative."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from website.collation import dutch
from website.pages import PageContextMixin, PublishedPageQuerySet

from ..constants import Kind, MandatoryBasis, Phase
from .taxonomy import Domain, Organisation

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class InitiativePageQuerySet(PublishedPageQuerySet):
    def started_by(self, day: datetime.date):
        """The initiatives that had started on `day`: a report of a day counts no initiative
        that did not exist yet. One without a start date counts always (the admin asks for
        one; migration 0017 gave the older ones one). The Python twin: `rules.has_started`."""
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=day))


InitiativePageManager = PageManager.from_queryset(InitiativePageQuerySet)


class InitiativeIndexPage(PageContextMixin, Page):
    """The list of initiatives at /initiatieven/."""

    intro = RichTextField(_("inleiding"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["initiatives.InitiativePage"]
    max_count = 1

    class Meta:
        verbose_name = _("initiatievenoverzicht")

    def published_initiatives(self):
        """The published initiatives below this page, by title."""
        return (
            InitiativePage.objects.child_of(self)
            .published()
            .select_related("owner_organisation")
            .prefetch_related("domains")
            .order_by(dutch("title"))
        )


class InitiativePage(PageContextMixin, Page):
    """A shared initiative (standard, facility, method, ...) that municipalities can adopt."""

    objects = InitiativePageManager()

    full_name = models.CharField(_("volledige naam"), max_length=255, blank=True)
    summary = models.TextField(_("samenvatting"))
    public_value = RichTextField(
        _("publieke waarde"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Wat het inwoners en ondernemers oplevert, zonder vakjargon."),
    )
    body = StreamField(
        [
            ("heading", blocks.CharBlock(label=_("Tussenkop"))),
            ("paragraph", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Alinea"))),
        ],
        blank=True,
        verbose_name=_("inhoud"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    domains = ParentalManyToManyField(Domain, verbose_name=_("domeinen"), blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    started_on = models.DateField(
        _("gestart op"),
        null=True,
        help_text=_("Vanaf deze dag telt het initiatief mee in rapportages over het verleden."),
    )
    mandatory_basis = models.CharField(
        _("verplichtend karakter"),
        max_length=20,
        choices=MandatoryBasis.choices,
        default=MandatoryBasis.NONE,
    )
    adoption_target_share = models.DecimalField(
        _("adoptiedoel (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Aandeel gemeenten dat het op de doeldatum moet hebben ingevoerd."),
    )
    adoption_target_date = models.DateField(_("doeldatum"), null=True, blank=True)
    succeeds = models.ForeignKey(
        "self",
        verbose_name=_("opvolger van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="succeeded_by",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("full_name"),
        FieldPanel("summary"),
        FieldPanel("public_value"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("phase")]),
                FieldPanel("domains"),
                FieldPanel("owner_organisation"),
                FieldRowPanel([FieldPanel("started_on"), FieldPanel("mandatory_basis")]),
                FieldRowPanel(
                    [FieldPanel("adoption_target_share"), FieldPanel("adoption_target_date")]
                ),
                FieldPanel("succeeds"),
            ],
            heading=_("Kenmerken"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("full_name"),
        index.SearchField("summary"),
        index.SearchField("public_value"),
        index.FilterField("kind"),
        index.FilterField("phase"),
    ]
    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def clean(self):
        super().clean()
        if (self.adoption_target_share is None) != (self.adoption_target_date is None):
            raise ValidationError(
                _("Een adoptiedoel heeft zowel een percentage als een doeldatum nodig.")
            )
        if self.succeeds_id and self.succeeds_id == self.pk:
            raise ValidationError({"succeeds": _("Een initiatief kan zichzelf niet opvolgen.")})
